/** The one computation of a person's board: every kind, category and department counted from the same processes. */
import { boardOf, type BoardItem, type BoardKind } from './board';

const kinds: BoardKind[] = [
  { kind: 'enterpriseRequest', title: '企业诉求' },
  { kind: 'projectApproval', title: '重大重点项目', categories: ['reserve', 'starting'] },
  { kind: 'proposalHandling', title: '政协提案', categories: ['A', 'B', 'C'] },
];
const processes: BoardItem[] = [
  { kind: 'enterpriseRequest', id: 'req-tax', title: '税收', light: 'red', category: 'tax', departmentId: 'tax' },
  { kind: 'enterpriseRequest', id: 'req-park', title: '停车', light: 'green', category: 'parkingAndTraffic', departmentId: 'traffic' },
  { kind: 'projectApproval', id: 'prj-1', title: '产业园', light: 'yellow', category: 'starting', departmentId: 'drc', assignedLeaderId: 'leader-sun' },
  { kind: 'proposalHandling', id: '2026-003', title: '留抵退税', light: 'green', departmentId: 'tax' },
  { kind: 'proposalHandling', id: '2026-104', title: '农贸市场', light: 'green', category: 'C', departmentId: 'commerce' },
  { kind: 'proposalHandling', id: '2026-900', title: '另一类', light: 'red', category: 'D', departmentId: 'commerce' },
];
const scope = { departments: ['tax', 'commerce'], people: ['leader-sun'] };

test('a red enterprise request is counted under its kind, among the red and under its department', () => {
  const board = boardOf(scope, kinds, processes);
  expect(board.kinds[0]).toEqual({ kind: 'enterpriseRequest', title: '企业诉求', total: 2, lights: { red: 1, yellow: 0, green: 1 } });
  expect(board.items.filter((i) => i.light === 'red').map((i) => i.id)).toEqual(['req-tax', '2026-900']);
  expect(board.departments.find((d) => d.departmentId === 'tax')).toEqual({ departmentId: 'tax', total: 2, lights: { red: 1, yellow: 0, green: 1 } });
});

test('every process is counted once by kind and once by department, the worst department first, the red listed before the yellow', () => {
  const board = boardOf(scope, kinds, processes);
  const sum = (list: Array<{ total: number }>) => list.reduce((n, c) => n + c.total, 0);
  expect(sum(board.kinds)).toBe(processes.length);
  expect(sum(board.departments)).toBe(processes.length);
  expect(board.departments.map((d) => d.departmentId)).toEqual(['commerce', 'tax', 'drc', 'traffic']);
  expect(board.items.map((i) => i.light)).toEqual(['red', 'red', 'yellow']);
  expect(board.scope).toEqual(scope);
});

test("a kind with categories is counted by category in its order, then any other category, then those without one yet", () => {
  const board = boardOf('district', kinds, processes);
  expect(board.kinds[1].categories).toEqual([
    { category: 'reserve', total: 0, lights: { red: 0, yellow: 0, green: 0 } },
    { category: 'starting', total: 1, lights: { red: 0, yellow: 1, green: 0 } },
  ]);
  expect(board.kinds[2].categories).toEqual([
    { category: 'A', total: 0, lights: { red: 0, yellow: 0, green: 0 } },
    { category: 'B', total: 0, lights: { red: 0, yellow: 0, green: 0 } },
    { category: 'C', total: 1, lights: { red: 0, yellow: 0, green: 1 } },
    { category: 'D', total: 1, lights: { red: 1, yellow: 0, green: 0 } },
    { total: 1, lights: { red: 0, yellow: 0, green: 1 } },
  ]);
  expect(board.kinds[0].categories).toBeUndefined();
});

test('a process of a kind the board does not show is not counted anywhere', () => {
  const board = boardOf(scope, kinds.slice(0, 1), processes);
  expect(board.kinds.map((k) => k.total)).toEqual([2]);
  expect(board.departments.map((d) => d.departmentId)).toEqual(['tax', 'traffic']);
  expect(board.items.map((i) => i.id)).toEqual(['req-tax']);
});
