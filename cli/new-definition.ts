/**
 * `greenlight new-definition <name>`: a new kind of process, ready to run and to edit. Creates
 * `processes/<name-in-kebab-case>/` — its contract, forms, ladders, workflow (built from
 * workflows/blocks), definition with its words for the workbench, demo command and a passing
 * workflow test — lists the kind in processes/registry.ts, and records its histories for the
 * replay gate by running its test once (`--no-record` leaves that to the developer), so that the
 * whole test command passes as generated. A bad name, a kind already registered or a folder
 * already there is refused (exit 2) before anything is written; histories that could not be
 * recorded are exit 1, with the command that records them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Directory } from '../contracts/directory';
import { definitions } from '../processes/registry';
import { demoDepartment } from './scaffold/demo-department';
import { kindNames } from './scaffold/names';
import { withRegistryEntry } from './scaffold/registry-entry';
import { contractFile } from './scaffold/templates/contract';
import { definitionFile } from './scaffold/templates/definition';
import { demoCommandsFile } from './scaffold/templates/demo-commands';
import { formsFile } from './scaffold/templates/forms';
import { historiesFile, historyFiles } from './scaffold/templates/histories';
import { laddersFile } from './scaffold/templates/ladders';
import { workflowFile } from './scaffold/templates/workflow';
import { workflowTestFile } from './scaffold/templates/workflow-test';

export const newDefinitionHelp = '  greenlight new-definition <name> [--no-record]                   a new kind of process: processes/<kebab-case>/, its registry line and its recorded histories';

type Out = (line: string) => void;

const repoRoot = join(__dirname, '..');

/** Writes the kind's folder and registry line; returns the exit code. Refusals go to `refuse`. */
export function newDefinitionCommand(args: string[], out: Out, refuse: Out, root = repoRoot): number {
  const record = !args.includes('--no-record');
  const rest = args.filter((a) => a !== '--no-record');
  if (rest.length !== 1 || rest[0].startsWith('-')) {
    refuse('usage: greenlight new-definition <name> [--no-record]   (kebab-case or lowerCamelCase, e.g. land-use-dispute)');
    return 2;
  }
  const names = kindNames(rest[0]);
  if ('refused' in names) {
    refuse(names.refused);
    return 2;
  }
  const { kind, folder, aggregate } = names;
  const processesDir = join(root, 'processes');
  const dir = join(processesDir, folder);
  const registryPath = join(processesDir, 'registry.ts');
  const subject = `gl.cmd.${aggregate}.start`;

  const refusal = (() => {
    if (definitions.some((d) => d.kind === kind)) return `the kind ${kind} is already registered in processes/registry.ts`;
    if (existsSync(dir)) return `processes/${folder}/ already exists: pick another name, or register that folder by hand`;
    const aggregates = new Set(['task', ...definitions.flatMap((d) => d.events.map((e) => e.split('.')[0]))]);
    if (aggregates.has(aggregate)) return `the events' aggregate "${aggregate}" is already used by another kind's events`;
    const taken = definitions.find((d) => d.start.subject === subject);
    if (taken) return `${subject} is already the start subject of ${taken.kind}`;
    return undefined;
  })();
  if (refusal) {
    refuse(refusal);
    return 2;
  }
  const registry = withRegistryEntry(readFileSync(registryPath, 'utf8'), names);
  if ('refused' in registry) {
    refuse(registry.refused);
    return 2;
  }
  const department = demoDepartment(Directory.parse(JSON.parse(readFileSync(join(root, 'directory/demo.json'), 'utf8'))));
  if (!department) {
    refuse('directory/demo.json has no department with a member of staff besides its head, for the demo and the test');
    return 2;
  }

  const files: Array<[string, string, string]> = [
    ['contract.ts', contractFile(names), 'the start contract and the state'],
    ['forms.ts', formsFile(names), `the review's form, ${kind}Review`],
    ['ladders.ts', laddersFile(names), "the review's escalation ladder"],
    ['workflow.ts', workflowFile(names), `the workflow ${kind}, from workflows/blocks`],
    ['definition.ts', definitionFile(names), `${kind}Definition: what the worker, intake, API and CLI need`],
    ['demo.commands.json', demoCommandsFile(names, department), `a start on ${subject} for ${department.id}`],
    ['workflow.test.ts', workflowTestFile(names, department), 'its test on the time-skipping server'],
    ['histories/histories.md', historiesFile(names), 'the histories its test records, for the replay gate'],
  ];
  mkdirSync(join(dir, 'histories'), { recursive: true });
  for (const [file, text] of files) writeFileSync(join(dir, file), text);
  writeFileSync(registryPath, registry.text);

  const shown = relative(process.cwd(), dir) || '.';
  out(`created ${shown}/`);
  for (const [file, , what] of files) out(`  ${file.padEnd(20)} ${what}`);
  out(`registered ${kind} in ${relative(process.cwd(), registryPath)} (one import, one entry in definitions)`);
  const recordCommand = `GREENLIGHT_RECORD_HISTORIES=1 npx jest ${shown}`;
  if (record) {
    out(`recording its histories: its test on the time-skipping server (${recordCommand}), about a minute…`);
    const ran = spawnSync('npx', ['jest', `processes/${folder}`], {
      cwd: root, env: { ...process.env, GREENLIGHT_RECORD_HISTORIES: '1' }, encoding: 'utf8',
    });
    const missing = historyFiles(names).map(([file]) => file).filter((file) => !existsSync(join(dir, 'histories', file)));
    if (ran.status !== 0 || missing.length > 0) {
      refuse(`${`${ran.stdout ?? ''}${ran.stderr ?? ''}`.slice(-3000)}\nits histories were not recorded${missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''}: the replay gate fails until they are. Record them with: ${recordCommand}`);
      return 1;
    }
    for (const [file] of historyFiles(names)) out(`  histories/${file}`);
  } else {
    out(`its histories are not recorded yet: the replay gate fails until they are. Record them with: ${recordCommand}`);
  }
  out('');
  out('next:');
  out(`  npx jest ${shown}          its test: the review approved, the review overdue`);
  out(`  bin/greenlight kinds       ${kind} listed, started on ${subject} or POST /api/processes/${kind}`);
  out(`  edit ${shown}/: contract.ts (the start), workflow.ts (the steps), forms.ts, ladders.ts;`);
  out(`  the decisions left to you are marked: grep -rn 'TODO(${kind})' ${shown}`);
  return 0;
}
