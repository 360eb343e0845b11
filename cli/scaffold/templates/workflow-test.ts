import type { DemoDepartment } from '../demo-department';
import { docComment } from '../doc-comment';
import type { KindNames } from '../names';

/** `workflow.test.ts`: the workflow on the time-skipping server, with the demo directory and the real calendar. */
export function workflowTestFile(n: KindNames, department: DemoDepartment): string {
  const A = n.a === 'an' ? 'An' : 'A';
  return `${docComment(`The ${n.words} on the time-skipping server, with the demo directory and the real calendar: its review approved closes it with its events in order, and a review left past its deadline turns red and reaches the head of ${department.id} (${department.name}).`)}
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../contracts/directory';
import type { TaskState } from '../../contracts/task';
import { eventually } from '../../test/harness/eventually';
import { startHarness, type Harness } from '../../test/harness/harness';
import { recordHistory } from '../../test/harness/histories';
import { completeTaskUpdate, taskStateQuery } from '../../workflows/human-task';
import type { Start${n.type} } from './contract';
import { ${n.kind}Definition } from './definition';
import { ${n.kind}, ${n.kind}StateQuery } from './workflow';

const reviewer: Actor = { personId: '${department.staffId}', departments: ['${department.id}'], roles: ['staff'] };
const departmentHead = '${department.headId}';

function start${n.type}(id: string): Start${n.type} {
  return { id, title: '${A} ${n.words} to review', departmentId: '${department.id}' };
}

/** Waits until the process lists its review and the review has its deadlines. */
async function openReview(h: Harness, handle: WorkflowHandle<typeof ${n.kind}>): Promise<{ review: WorkflowHandle; state: TaskState }> {
  const taskId = \`\${handle.workflowId}/review\`;
  await eventually(() => handle.query(${n.kind}StateQuery), (s) => s.openTaskIds.includes(taskId), 'the review listed');
  const review = h.client.workflow.getHandle(taskId);
  const state = await eventually(() => review.query(taskStateQuery), (s) => s.deadlines.length > 0, "the review's deadlines");
  return { review, state };
}

describe('${n.a} ${n.words} started on Monday 2026-11-02 at 09:00 (+08:00)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-11-02T01:00:00Z' });
  });
  afterAll(() => h?.stop());

  test('the review approved closes it, with the declared events in order', async () => {
    const id = '${n.folder}-approved';
    const final = await h.runWorker(async () => {
      const handle = await h.client.workflow.start(${n.kind}, { taskQueue: h.taskQueue, workflowId: id, args: [start${n.type}(id)] });
      const { review } = await openReview(h, handle);
      await review.executeUpdate(completeTaskUpdate, { args: [{ actor: reviewer, outcome: 'approve', payload: { comment: 'in order' } }] });
      // Wait for the closing by query, not by result(): awaiting a result lets the time-skipping
      // server skip ahead to the next timer anywhere, which would move the shared clock for the next test.
      await eventually(() => handle.query(${n.kind}StateQuery), (s) => s.status === 'closed', 'the process closed');
      const result = await handle.result();
      await recordHistory(handle, '${n.folder}-approved', join(__dirname, 'histories'));
      return result;
    });
    expect(final).toMatchObject({ status: 'closed', outcome: 'approved', light: 'green', openTaskIds: [], assignedLeaderId: '${department.assignedLeaderId}' });

    const events = await h.events((all) => all.some((e) => e.event.subject === id && e.event.type === 'greenlight.${n.aggregate}.closed'));
    const steps = events.filter((e) => e.event.subject === id).map((e) => e.event.type.replace(/^greenlight\\./, ''));
    expect(steps).toEqual(${n.kind}Definition.events);
  });

  test('a review left past its deadline turns red and reaches the department head', async () => {
    const id = '${n.folder}-overdue';
    const { final, dueAt } = await h.runWorker(async () => {
      const handle = await h.client.workflow.start(${n.kind}, { taskQueue: h.taskQueue, workflowId: id, args: [start${n.type}(id)] });
      const { review, state } = await openReview(h, handle);
      if (!state.dueAt) throw new Error('the review has no due instant');
      await h.env.sleep(Date.parse(state.dueAt) + 60_000 - (await h.env.currentTimeMs()));
      await eventually(() => review.query(taskStateQuery), (s) => s.light === 'red', 'the review turned red');
      await review.executeUpdate(completeTaskUpdate, { args: [{ actor: reviewer, outcome: 'reject', payload: { reason: 'the documents do not match' } }] });
      await eventually(() => handle.query(${n.kind}StateQuery), (s) => s.status === 'closed', 'the process closed');
      const result = await handle.result();
      await recordHistory(handle, '${n.folder}-overdue', join(__dirname, 'histories'));
      return { final: result, dueAt: state.dueAt };
    });
    expect(final).toMatchObject({ status: 'closed', outcome: 'rejected', light: 'red' });

    const events = await h.events((all) => all.some((e) => e.event.subject === \`\${id}/review\` && e.event.type === 'greenlight.task.escalated'));
    const escalated = events.find((e) => e.event.subject === \`\${id}/review\` && e.event.type === 'greenlight.task.escalated');
    expect(escalated?.event).toMatchObject({ time: dueAt, data: { light: 'red', recipients: [departmentHead] } });
  });
});
`;
}
