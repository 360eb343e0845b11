import { workbenchLink, workbenchPath } from './workbench-links';

test('a task, an instruction and a process each have the route the workbench serves, ids escaped as one segment', () => {
  expect(workbenchPath({ taskId: 'req-1/handling-1', processKind: 'k', processId: 'req-1' })).toBe('#/task/req-1%2Fhandling-1');
  expect(workbenchPath({ instructionId: 'req-1/instruction-2', processKind: 'k', processId: 'req-1' })).toBe('#/instruction/req-1%2Finstruction-2');
  expect(workbenchPath({ processKind: 'k', processId: 'p 1' })).toBe('#/process/k/p%201');
  expect(workbenchPath({ processKind: 'k', processId: 'p-1', presentation: { item: { list: 'items' } } })).toBe('#/board/items/k/p-1');
  expect(workbenchPath({ processKind: 'k' })).toBeUndefined();
});

test('a link is the base address with the route after its last slash, and nothing without a base', () => {
  expect(workbenchLink('https://gl.example.gov.cn//', { taskId: 't/1' })).toBe('https://gl.example.gov.cn/#/task/t%2F1');
  expect(workbenchLink('http://127.0.0.1:8080', { processKind: 'k', processId: 'p' })).toBe('http://127.0.0.1:8080/#/process/k/p');
  expect(workbenchLink(undefined, { taskId: 't' })).toBeUndefined();
});
