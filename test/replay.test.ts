/**
 * The replay gate: every recorded history (test/histories/ and each kind's
 * processes/<kind>/histories/) is replayed against the
 * current workflow code, and any non-determinism fails the run. Workflows run for months, so a
 * change that would break the ones already running must go behind `patched()` (see
 * docs/changing-a-running-definition.md) before it lands.
 *
 * The gate guards only what has been recorded, and recording is opt-in, so it also fails when a
 * workflow type the worker runs has no history: the human task, and every version of every kind
 * in processes/registry.ts. A history is matched to its type by the type it records, not by the
 * folder it lies in. Each folder of histories names the path each file covers in its
 * `histories.md`, checked here against the files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { folderOf } from '../processes/definition';
import { definitions } from '../processes/registry';
import { humanTask, taskCopy } from '../workflows/human-task';
import { personHandover } from '../workflows/person-handover';
import { recordedHistoryFiles, type RecordedHistory } from './harness/histories';
import { repoRoot } from './harness/harness';
import { workflowBundle } from './harness/workflow-bundle';
import { workflowTracingSinks } from '../runtime/tracing';

const files = recordedHistoryFiles().map((f) => relative(repoRoot, f));
const read = (file: string): RecordedHistory => JSON.parse(readFileSync(join(repoRoot, file), 'utf8'));

function recordedType(recorded: RecordedHistory): string {
  const first = (recorded.history as { events?: Array<{ workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }> }).events?.[0];
  const type = first?.workflowExecutionStartedEventAttributes?.workflowType?.name;
  if (!type) throw new Error('the history does not start with WorkflowExecutionStarted naming its workflow type');
  return type;
}

const typeOf = new Map(files.map((f) => [f, recordedType(read(f))]));

/**
 * The workflow types the worker runs: the human task, its copy, the handover's record, and for each kind the type its version
 * names (version 1 is `<kind>`, version n is `<kind>V<n>`) and every older version its
 * workflow.ts still exports for the processes that run on it.
 */
function typesToGuard(): string[] {
  const types = new Set<string>([humanTask.name, taskCopy.name, personHandover.name]);
  for (const d of definitions) {
    types.add(d.version === 1 ? d.kind : `${d.kind}V${d.version}`);
    const versioned = new RegExp(`^${d.kind}(V\\d+)?$`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the worker's bundle takes, loaded as it is
    const exported = Object.keys(require(join(repoRoot, 'processes', folderOf(d.kind), 'workflow.ts')) as Record<string, unknown>);
    for (const name of exported.filter((n) => versioned.test(n))) types.add(name);
  }
  return [...types].sort();
}

test.each(typesToGuard())('%s has at least one recorded history', (type) => {
  const guarding = files.filter((f) => typeOf.get(f) === type);
  expect({ type, histories: guarding.length > 0 ? 'recorded' : 'none (record one: test/harness/histories.ts)' })
    .toEqual({ type, histories: 'recorded' });
});

/** `histories.md`: `## <workflow type>` headings, each over a list of `- \`<file>.json\` — the path it covers`. */
function listedHistories(dir: string): Map<string, { type: string; covers: string }> {
  const listed = new Map<string, { type: string; covers: string }>();
  let type: string | undefined;
  for (const line of readFileSync(join(repoRoot, dir, 'histories.md'), 'utf8').split('\n')) {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) type = heading[1];
    const item = /^- `([^`]+)` — (.+)$/.exec(line);
    if (item && type) listed.set(item[1], { type, covers: item[2] });
  }
  return listed;
}

const folders = [...new Set(files.map((f) => dirname(f)))].sort();

test.each(folders)('%s/histories.md names every history in the folder, under its workflow type, with the path it covers', (dir) => {
  expect(existsSync(join(repoRoot, dir, 'histories.md'))).toBe(true);
  const listed = listedHistories(dir);
  const present = readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.json')).sort();
  expect([...listed.keys()].sort()).toEqual(present);
  for (const [file, { type, covers }] of listed) {
    expect({ file, type }).toEqual({ file, type: typeOf.get(join(dir, file)) });
    expect(covers.trim()).not.toBe('');
  }
});

test.each(files)('%s replays against the current code', async (file) => {
  const recorded = read(file);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workflowTracingSinks() }, historyFromJSON(recorded.history), recorded.workflowId);
});
