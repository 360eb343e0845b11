/**
 * The event and search blocks a process uses, on the time-skipping server with a real NATS
 * server: the outbox publishes in order with deterministic ids, each event dated when it
 * happened; indexProcess makes the process findable by kind, status, light and department; the
 * clock is the workflow's.
 */
import { GlDepartment, GlLight, GlProcessKind, GlStatus } from '../../contracts/search-attributes';
import { eventually } from '../../test/harness/eventually';
import { startHarness, type Harness } from '../../test/harness/harness';
import { closeSignal } from '../../test/fixtures/blocks/workflows';

/** Monday 2026-11-02, 09:00 in Shanghai. */
const MONDAY = '2026-11-02T01:00:00Z';

describe('events out, search attributes, the clock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: MONDAY, workflowsPath: require.resolve('../../test/fixtures/blocks/workflows') });
  });
  afterAll(() => h?.stop());

  test('events in order with deterministic ids, each at its own time; the process indexed as it goes', async () => {
    const deadline = '2026-11-01T16:00:00.000Z';
    const startedAt = await h.runWorker(async () => {
      const probe = await h.client.workflow.start('eventsProbe', { taskQueue: h.taskQueue, workflowId: 'probe-events', args: [deadline] });
      await h.events((all) => all.some((e) => e.event.id === 'probe-events#2'));
      // The event is published inside the workflow task that upserts the attributes: they are the server's once that task completes.
      const indexed = () => probe.describe().then((d) => [GlProcessKind, GlStatus, GlLight, GlDepartment].map((key) => d.typedSearchAttributes.get(key)));
      const running = await eventually(indexed, (values) => values[1] === 'running', 'the running process indexed');
      expect(running).toEqual(['probe', 'running', 'yellow', 'housing']);
      await probe.signal(closeSignal);
      const started = (await probe.result()) as string;
      const closed = (await probe.describe()).typedSearchAttributes;
      expect([GlStatus, GlLight].map((key) => closed.get(key))).toEqual(['closed', 'green']);
      return started;
    });
    // The workflow clock: the server's time when the run began, not the machine's.
    expect(Date.parse(startedAt) - Date.parse(MONDAY)).toBeLessThan(60_000);
    expect(Date.parse(startedAt)).toBeGreaterThanOrEqual(Date.parse(MONDAY));

    const events = await h.events((all) => all.some((e) => e.event.id === 'probe-events#3'));
    expect(events.filter((e) => e.event.subject === 'probe-events').map((e) => [e.subject, e.event.id, e.event.source, e.event.time])).toEqual([
      ['gl.evt.probe.started', 'probe-events#1', 'urn:greenlight:probe:probe-events', startedAt],
      ['gl.evt.probe.deadline-passed', 'probe-events#2', 'urn:greenlight:probe:probe-events', deadline],
      ['gl.evt.probe.closed', 'probe-events#3', 'urn:greenlight:probe:probe-events', expect.any(String)],
    ]);
  });
});
