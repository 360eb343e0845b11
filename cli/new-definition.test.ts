/**
 * `greenlight new-definition`: the names it derives, its edit of the registry, and the scaffold
 * end to end. The end-to-end run happens in a copy of the repository, never in this tree (other
 * tests run here at the same time and read the registry): there the scaffolded kind must
 * type-check, lint, pass its own workflow test, and pass with the rest of the suite the tests
 * every kind answers to — the replay gate (its histories recorded by the scaffold), the
 * workbench's words, the registry's check — untouched and without a line of web/ edited; and a
 * refusal must write nothing.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { kindNames, type KindNames } from './scaffold/names';
import { withRegistryEntry } from './scaffold/registry-entry';

const repo = join(__dirname, '..');

describe('the names of a kind', () => {
  test('kebab-case and lowerCamelCase give the same kind', () => {
    const expected = { kind: 'landUseDispute', type: 'LandUseDispute', folder: 'land-use-dispute', aggregate: 'landusedispute', words: 'land use dispute', a: 'a' };
    expect(kindNames('land-use-dispute')).toEqual(expected);
    expect(kindNames('landUseDispute')).toEqual(expected);
    expect(kindNames('inspection')).toMatchObject({ kind: 'inspection', folder: 'inspection', a: 'an' });
    expect(kindNames('phase2-review')).toMatchObject({ kind: 'phase2Review', folder: 'phase2-review', aggregate: 'phasereview' });
  });

  test.each([
    ['Land-Use', 'not a kind'], ['land_use', 'not a kind'], ['land--use', 'not a kind'], ['land-use-2', 'not a kind'],
    ['a-b', 'not a kind'], ['landUSE', 'not a kind'], ['x', 'too short'], ['land-use-v2', 'version'], ['humanTask', 'already registers'],
  ])('%s is refused', (name, why) => {
    expect(kindNames(name)).toEqual({ refused: expect.stringContaining(why) });
  });
});

describe('the registry entry', () => {
  const names = (name: string) => kindNames(name) as KindNames;
  const registry = [
    "import type { ProcessDefinition } from './definition';",
    "import { enterpriseRequestDefinition } from './enterprise-request/definition';",
    "import { projectApprovalDefinition } from './project-approval/definition';",
    '',
    'export const definitions: readonly ProcessDefinition[] = [',
    '  enterpriseRequestDefinition,',
    '  projectApprovalDefinition,',
    '];',
    '',
  ].join('\n');

  test('one import and one entry, each in alphabetical order', () => {
    expect(withRegistryEntry(registry, names('land-use-dispute'))).toEqual({
      text: [
        "import type { ProcessDefinition } from './definition';",
        "import { enterpriseRequestDefinition } from './enterprise-request/definition';",
        "import { landUseDisputeDefinition } from './land-use-dispute/definition';",
        "import { projectApprovalDefinition } from './project-approval/definition';",
        '',
        'export const definitions: readonly ProcessDefinition[] = [',
        '  enterpriseRequestDefinition,',
        '  landUseDisputeDefinition,',
        '  projectApprovalDefinition,',
        '];',
        '',
      ].join('\n'),
    });
    const last = withRegistryEntry(registry, names('zoning'));
    expect('text' in last && last.text.split('\n').slice(3, 8)).toEqual([
      "import { zoningDefinition } from './zoning/definition';", '', 'export const definitions: readonly ProcessDefinition[] = [',
      '  enterpriseRequestDefinition,', '  projectApprovalDefinition,',
    ]);
  });

  test('a registry it cannot read line by line is left to the developer', () => {
    const oneLine = registry.replace(/= \[[^\]]*\];/, '= [enterpriseRequestDefinition, projectApprovalDefinition];');
    expect(withRegistryEntry(oneLine, names('zoning'))).toEqual({ refused: expect.stringContaining('definitions') });
    expect(withRegistryEntry(registry, names('project-approval'))).toEqual({ refused: expect.stringContaining('already imports') });
  });

  test("this repository's registry is in the shape it edits", () => {
    expect(withRegistryEntry(readFileSync(join(repo, 'processes/registry.ts'), 'utf8'), names('scaffold-probe'))).toHaveProperty('text');
  });
});

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Fails with what the command said, so a failing check shows the compiler's or jest's own report. */
function succeeded(ran: Ran): void {
  if (ran.status !== 0) throw new Error(`exit ${ran.status}\n${ran.stdout}\n${ran.stderr}`.slice(-6000));
}

/**
 * The repository's files as git sees them — tracked, and untracked but not ignored, so the copy
 * is this working tree without node_modules, .data or .tools — with node_modules and the
 * server binaries linked.
 */
async function copyRepository(): Promise<string> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repo);
  succeeded(listed);
  const copy = mkdtempSync(join(tmpdir(), 'gl-scaffold-'));
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(repo, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet in git
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(from, join(copy, file));
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  if (existsSync(join(repo, '.tools'))) symlinkSync(join(repo, '.tools'), join(copy, '.tools'));
  return copy;
}

/** Every file under a folder, by path, with its content: to see that a refusal wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('greenlight new-definition scaffold-probe, in a copy of the repository', () => {
  let copy: string;
  let scaffolded: Ran;
  let webBefore: Record<string, string>;
  const folder = 'processes/scaffold-probe';

  beforeAll(async () => {
    copy = await copyRepository();
    webBefore = snapshot(join(copy, 'web'));
    scaffolded = await run('npx', ['tsx', 'cli/main.ts', 'new-definition', 'scaffold-probe'], copy);
  }, 360_000);
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  test('writes the folder, adds one import and one entry to the registry, and says what to do next', async () => {
    succeeded(scaffolded);
    expect(readdirSync(join(copy, folder)).sort()).toEqual([
      'contract.ts', 'definition.ts', 'demo.commands.json', 'forms.ts', 'histories', 'ladders.ts', 'workflow.test.ts', 'workflow.ts',
    ]);
    expect(readdirSync(join(copy, folder, 'histories')).sort()).toEqual(['histories.md', 'scaffold-probe-approved.json', 'scaffold-probe-overdue.json']);
    const before = readFileSync(join(repo, 'processes/registry.ts'), 'utf8').split('\n');
    const after = readFileSync(join(copy, 'processes/registry.ts'), 'utf8').split('\n');
    expect(after.filter((line) => !before.includes(line))).toEqual([
      "import { scaffoldProbeDefinition } from './scaffold-probe/definition';",
      '  scaffoldProbeDefinition,',
    ]);
    expect(after).toHaveLength(before.length + 2);
    expect(scaffolded.stdout).toContain(`npx jest ${folder}`);
    expect(scaffolded.stdout).toContain('bin/greenlight kinds');
    expect(scaffolded.stdout).toContain('TODO(scaffoldProbe)');
    // Nothing in this tree changed, nor anything of the workbench in the copy.
    expect(existsSync(join(repo, folder))).toBe(false);
    expect(snapshot(join(copy, 'web'))).toEqual(webBefore);
  });

  test("passes, with every kind, the replay gate (its histories recorded), the workbench's words and the registry's check", async () => {
    const jest = await run('npx', ['jest', '--verbose', 'test/replay.test.ts', 'web/app/i18n.test.ts', 'processes/check.test.ts', 'processes/registry.test.ts'], copy);
    succeeded(jest);
    expect(jest.stderr).toMatch(/scaffoldProbe has at least one recorded history/);
    expect(jest.stderr).toMatch(/scaffold-probe-overdue\.json replays against the current code/);
    expect(jest.stderr).toMatch(/Test Suites: 4 passed, 4 total/);
  }, 300_000);

  test('the registry with it passes the check the worker runs at start', async () => {
    const check = "const { checkDefinitions } = require('./processes/check'); checkDefinitions(require('./processes/registry').definitions);";
    succeeded(await run('npx', ['tsx', '-e', check], copy));
    const kinds = await run('npx', ['tsx', 'cli/main.ts', 'kinds'], copy);
    succeeded(kinds);
    expect(kinds.stdout).toContain('scaffoldProbe (v1)');
    expect(kinds.stdout).toContain('gl.cmd.scaffoldprobe.start');
  }, 60_000);

  test('type-checks', async () => {
    succeeded(await run('npx', ['tsc', '--noEmit', '-p', '.'], copy));
  }, 240_000);

  test('lints', async () => {
    succeeded(await run('npx', ['eslint', folder], copy));
  }, 120_000);

  test('passes its own workflow test', async () => {
    const jest = await run('npx', ['jest', folder], copy);
    succeeded(jest);
    expect(jest.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
  }, 240_000);

  test.each([
    ['scaffold-probe', 'already registered'],
    ['enterpriseRequest', 'already registered'],
    ['Bad_Name', "not a kind's name"],
    ['orphan-probe', 'already exists'],
  ])('%s is refused with exit 2, and nothing is written', async (name, why) => {
    mkdirSync(join(copy, 'processes/orphan-probe'), { recursive: true });
    const before = snapshot(join(copy, 'processes'));
    const refused = await run('npx', ['tsx', 'cli/main.ts', 'new-definition', name], copy);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(why);
    expect(snapshot(join(copy, 'processes'))).toEqual(before);
  }, 60_000);
});
