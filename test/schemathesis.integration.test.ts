/**
 * The schemathesis probe (issue 14): generated requests over the OpenAPI document at /docs/json,
 * on the test stack, with a token of each role, failing on any server error, any status the
 * document does not list, and any answer that does not match its schema. Bounded: a few examples
 * per operation and role, so it runs in a minute or two. The coverage phase (every edge case of
 * every schema: some 4,500 requests, minutes on two cores) runs for the admin with
 * GL_SCHEMATHESIS_COVERAGE=1. Ending sessions is probed last, on its own: otherwise the admin ends
 * their own and is refused from then on. Schemathesis is installed by scripts/bootstrap.sh into
 * .tools/venv.
 *
 *   npx jest test/schemathesis.integration.test.ts
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './harness/harness';
import { startStack, type TestStack } from './harness/stack';

const run = promisify(execFile);
const schemathesis = join(repoRoot, '.tools/venv/bin/schemathesis');
/** One person of each role the directory knows. */
const roles: Record<string, string> = {
  admin: 'admin', topLeader: 'mayor-li', leader: 'leader-sun', departmentHead: 'tax-head', staff: 'tax-huang', liaison: 'liaison-ye', committeeStaff: 'cppcc-yang',
};
const deep = process.env.GL_SCHEMATHESIS_COVERAGE === '1';
const endSessions = '/api/people/{id}/sessions/end';
const checks = 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

test('schemathesis finds no server error, no undocumented status and no schema mismatch, for a token of each role', async () => {
  expect(existsSync(schemathesis)).toBe(true);
  const reports = mkdtempSync(join(tmpdir(), 'gl-schemathesis-'));
  const totals = { operations: 0, requests: 0, checks: 0, failures: 0 };
  try {
    // Ending sessions ends the caller's own when the id is theirs, and every later request would be
    // refused: it is probed on its own, after the rest, in a run of its own.
    const runs = [
      ...Object.entries(roles).map(([role, personId]) => ({ role, personId, operations: ['--exclude-path', endSessions] })),
      { role: 'admin ending sessions', personId: 'admin', operations: ['--include-path', endSessions] },
    ];
    for (const { role, personId, operations } of runs) {
      const ndjson = join(reports, `${role.replace(/ /g, '-')}.ndjson`);
      const admin = personId === 'admin';
      // One worker: two threads of Hypothesis parsing its own lambdas at once crash CPython 3.11's
      // parser ("AST constructor recursion depth mismatch"), the tool's failure, not the API's.
      const args = [
        'run', `${stack.apiUrl}/docs/json`, '--url', stack.apiUrl, '-H', `Authorization: Bearer ${await stack.token(personId)}`, ...operations,
        '--checks', checks, '--max-examples', admin ? '6' : '2', '--seed', '14', '--no-shrink', '--workers', '1',
        '--phases', admin && deep ? 'examples,coverage,fuzzing' : 'examples,fuzzing', '--generation-deterministic', '--request-timeout', '20',
        '--report', 'ndjson', '--report-ndjson-path', ndjson,
      ];
      const { stdout, failed } = await run(schemathesis, args, { cwd: reports, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 })
        .then((r) => ({ stdout: r.stdout, failed: false }), (e: { stdout?: string }) => ({ stdout: e.stdout ?? String(e), failed: true }));
      const counted = countOf(readFileSync(ndjson, 'utf8'));
      totals.operations = Math.max(totals.operations, counted.operations);
      totals.requests += counted.requests;
      totals.checks += counted.checks;
      totals.failures += counted.failures;
      if (failed) console.error(`schemathesis as ${role} (${personId}):\n${stdout.slice(-20_000)}`);
      expect({ role, failed }).toEqual({ role, failed: false });
    }
    console.log(`schemathesis: ${totals.operations} operations, ${totals.requests} requests, ${totals.checks} checks, ${totals.failures} failures`);
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
}, 600_000);

/** Counts from schemathesis's NDJSON events: operations tested, requests sent, checks run. */
function countOf(ndjson: string) {
  const counts = { operations: 0, requests: 0, checks: 0, failures: 0 };
  const operations = new Set<string>();
  for (const line of ndjson.split('\n').filter(Boolean)) {
    const event = JSON.parse(line) as Record<string, Record<string, unknown>>;
    const scenario = event.ScenarioFinished as { recorder?: { label?: string; interactions?: object; checks?: Record<string, Array<{ status: string }>> } } | undefined;
    if (!scenario?.recorder) continue;
    if (scenario.recorder.label) operations.add(scenario.recorder.label);
    counts.requests += Object.keys(scenario.recorder.interactions ?? {}).length;
    for (const list of Object.values(scenario.recorder.checks ?? {})) {
      counts.checks += list.length;
      counts.failures += list.filter((c) => c.status === 'FAILURE').length;
    }
  }
  counts.operations = operations.size;
  return counts;
}
