/**
 * The seeded history's events, as the engine publishes them (contracts/events.ts), give back
 * the seeded facts: the adapter reads what the record's tables keep.
 */
import { factsFromEvents } from './from-events';
import { seededFacts } from '../test/fixtures/reports/seeded-history';
import { seededEvents as events, sh, task } from '../test/fixtures/reports/seeded-events';

test('the events of two tasks and a 督办 give the facts the record would keep', () => {
  const facts = factsFromEvents(events, { leaderOfDepartment: (d) => ({ 'tax': 'leader-sun', 'housing': 'leader-nobody' })[d] });
  const seeded = (id: string) => seededFacts.tasks.find((t) => t.taskId === id);
  expect(facts.tasks).toEqual([seeded('req-2/handling-1'), seeded('12345-1/handling-1')]);
  const [i1] = seededFacts.instructions;
  expect(facts.instructions).toEqual([{ ...i1, answeredAt: [...i1.answeredAt].sort() }]);
  // The key project's facts, each from the first snapshot that declared it (a snapshot repeating them changes nothing).
  expect(facts.processes).toEqual(seededFacts.processes!.filter((p) => p.processId === 'kp-1'));
});

test("a fact a snapshot no longer declares ceased to hold then; a snapshot without facts changes none", () => {
  const snap = (time: string, facts?: string[]) => ({
    specversion: '1.0' as const, id: time, source: 's', type: 'greenlight.proposal.satisfaction', subject: 'prop-2', time: sh(time), datacontenttype: 'application/json' as const,
    data: { process: { kind: 'proposalHandling', title: '提案', status: 'closed', light: 'green', closed: true, departmentId: 'tax', departments: [], people: [], ...(facts ? { facts } : {}) } },
  });
  const [p] = factsFromEvents([snap('2026-07-01T10:00:00', ['satisfaction:notSatisfied']), snap('2026-08-01T10:00:00'), snap('2026-11-20T10:00:00', ['satisfaction:basicallySatisfied'])]).processes!;
  expect(p.facts).toEqual(seededFacts.processes!.find((x) => x.processId === 'prop-2')!.facts);
});

test('a green light after red closes the span; a new deadline starts the chase count again', () => {
  const t = task('p/t', 'k', 'd', 't', '2026-11-10T00:00:00');
  const later = task('p/t', 'k', 'd', 't', '2026-11-13T00:00:00');
  const [fact] = factsFromEvents([
    t('light-changed', '2026-11-10T00:00:00', { light: 'red' }),
    t('escalated', '2026-11-10T00:00:00', { light: 'red', step: 1, roles: ['departmentHead'] }),
    later('deadline-extended', '2026-11-10T09:00:00', { light: 'green' }),
    later('escalated', '2026-11-13T00:00:00', { light: 'red', step: 1, roles: ['departmentHead'] }),
    later('escalated', '2026-11-14T00:00:00', { light: 'red', step: 2, roles: ['assignedLeader'] }),
  ]).tasks;
  expect(fact.reds).toEqual([{ from: sh('2026-11-10T00:00:00'), to: sh('2026-11-10T09:00:00') }, { from: sh('2026-11-13T00:00:00') }]);
  expect(fact.rungs.map((r) => r.chase)).toEqual([false, false, true]);
  expect(fact.dueAt).toBe(sh('2026-11-13T00:00:00'));
});
