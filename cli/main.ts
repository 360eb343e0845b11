/**
 * `greenlight <command>`: the command line for staff, operators and developers.
 * Run `greenlight help` for the commands.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { mintToken } from '../api/auth';
import { calendarCommand } from './calendar';
import { calendarRefreshCommand } from './calendar-refresh';
import { allPages, apiClient } from './api-client';
import { saidDeadline } from './spoken';
import { completeCommand, CONFIRM_WAIT_SECONDS } from './complete';
import { devJwtSecret } from './dev-secret';
import { eventsCommand, notifyCommand } from './events';
import { natsUrl } from './nats';
import { newDefinitionCommand, newDefinitionHelp } from './new-definition';
import { isLeaderCommand, leadersCommand, leadersHelp } from './leaders';
import { isProcessCommand, processesCommand, processesHelp } from './processes';
import { isTaskVerbCommand, taskVerbsCommand, taskVerbsHelp } from './task-verbs';
import { recordsCommand, recordsHelp } from './records';
import { directoryCommand, directoryHelp } from './directory';
import { agentCommand, agentHelp } from './agent';
import { reportCommand, reportHelp } from './report';

const help = `greenlight — event-driven approvals and escalation

  greenlight calendar due <ISO instant> <working days> [--json]   24:00 Shanghai of the n-th working day after that day
  greenlight calendar day <YYYY-MM-DD> [--json]                   is it a working day, and why
  greenlight calendar refresh                                      after adding calendar data: running tasks recompute provisional deadlines
  greenlight calendar import <file> [--correction]                 take in a year's schedule, then refresh (calendar/data/README.md)
  greenlight token <personId>                                      mint a development token
  greenlight tasks --as <personId> [--light red] [--kind K]        your inbox, soonest deadline first
  greenlight task <taskId> --as <personId>                         a task's full state
  greenlight claim|release <taskId> --as <personId>
  greenlight reassign <taskId> --as <personId> [--to-person P] [--to-department D] [--reason R]
  greenlight extend <taskId> <workingDays> --reason R --as <personId>   ask for more time before the deadline (延期)
  greenlight decide-extension <taskId> approve|refuse [--reason R] --as <personId>
  greenlight complete <taskId> <outcome> --as <personId> [--payload '{"summary":"..."}'] [--key K] [--wait S]
                                                                   not confirmed in time (202): sent again with its key for up to S s (60), then exit 3
  greenlight events [subject] [--replay] [--json]                  live events (default gl.evt.>); gl.notify.<personId>: a person's notifications, in words
  greenlight notify dead-letters [--person P] [--channel C] [--json]   notifications a webhook or e-mail gave up on
  greenlight notify replay [seq…] [--person P] [--channel C]       send dead letters again on their channel
${processesHelp}
${leadersHelp}
${taskVerbsHelp}
${recordsHelp}
${directoryHelp}
${agentHelp}
${reportHelp}
${newDefinitionHelp}

Environment (the stack's own defaults when unset):
  GREENLIGHT_API_URL     the API (http://127.0.0.1:8080): tasks, complete, board, list, show, …
  NATS_URL               NATS (nats://127.0.0.1:4222): events, notify, start on a command subject
  GREENLIGHT_JWT_SECRET  the secret --as mints a development token with (else .data/jwt-secret, which the stack writes)
  GREENLIGHT_TOKEN       a token to act with instead of --as
  GREENLIGHT_DATABASE_URL  the record's database (records rebuild, records backfill)`;

const out = (line: string) => process.stdout.write(`${line}\n`);
// `greenlight events | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
const enc = encodeURIComponent;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'calendar' && rest[0] === 'refresh') return calendarRefreshCommand(out);
  if (command === 'calendar') return calendarCommand(rest, out);
  if (isProcessCommand(command)) return processesCommand(command, rest, out);
  if (isLeaderCommand(command)) return leadersCommand(command, rest, out);
  if (isTaskVerbCommand(command)) return taskVerbsCommand(command, rest, out);
  if (command === 'records') return recordsCommand(rest, out);
  if (command === 'directory') return directoryCommand(rest, out);
  if (command === 'agent') return agentCommand(rest, out);
  if (command === 'report') return reportCommand(rest, out);
  if (command === 'new-definition') return newDefinitionCommand(rest, out, (line) => process.stderr.write(`greenlight new-definition: ${line}\n`));
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      as: { type: 'string' }, light: { type: 'string' }, kind: { type: 'string' }, payload: { type: 'string' },
      'payload-file': { type: 'string' }, key: { type: 'string' }, wait: { type: 'string' }, 'to-person': { type: 'string' },
      'to-department': { type: 'string' }, reason: { type: 'string' }, replay: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false }, person: { type: 'string' }, channel: { type: 'string' },
    },
  });
  const print = (data: unknown) => out(JSON.stringify(data, null, 2));
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new UsageError(`missing ${what}\n\n${help}`);
    return value;
  };
  switch (command) {
    case 'token':
      out(await mintToken(need(positionals[0], '<personId>'), devJwtSecret()));
      return 0;
    case 'tasks': {
      const query = new URLSearchParams();
      if (values.light) query.set('light', values.light);
      if (values.kind) query.set('processKind', values.kind);
      query.set('limit', '500');
      const tasks = await allPages<Record<string, unknown>>(await apiClient(values.as), `/api/tasks?${query}`, 'tasks');
      if (values.json) print(tasks);
      else if (tasks.length === 0) out('no open tasks');
      else tasks.forEach((t) => out(`${String(t.light ?? '').padEnd(6)} ${(t.dueAt ? saidDeadline(String(t.dueAt), Boolean(t.provisional)) : '').padEnd(28)} ${t.taskId}  ${t.title ?? ''}`));
      return 0;
    }
    case 'task':
      print(await (await apiClient(values.as)).call('GET', `/api/tasks/${enc(need(positionals[0], '<taskId>'))}`));
      return 0;
    case 'claim':
    case 'release':
      print(await (await apiClient(values.as)).call('POST', `/api/tasks/${enc(need(positionals[0], '<taskId>'))}/${command}`));
      return 0;
    case 'reassign':
      print(await (await apiClient(values.as)).call('POST', `/api/tasks/${enc(need(positionals[0], '<taskId>'))}/reassign`, {
        toPersonId: values['to-person'], toDepartmentId: values['to-department'], reason: values.reason,
      }));
      return 0;
    case 'extend':
      print(await (await apiClient(values.as)).call('POST', `/api/tasks/${enc(need(positionals[0], '<taskId>'))}/extension`, {
        workingDays: Number(need(positionals[1], '<workingDays>')), reason: need(values.reason, '--reason'),
      }));
      return 0;
    case 'decide-extension': {
      const decision = need(positionals[1], 'approve or refuse');
      if (decision !== 'approve' && decision !== 'refuse') throw new UsageError(`approve or refuse, not "${decision}"`);
      print(await (await apiClient(values.as)).call('POST', `/api/tasks/${enc(need(positionals[0], '<taskId>'))}/extension/decision`, {
        approve: decision === 'approve', reason: values.reason,
      }));
      return 0;
    }
    case 'complete': {
      const payloadText = values['payload-file'] ? readFileSync(values['payload-file'], 'utf8') : values.payload ?? '{}';
      const taskId = need(positionals[0], '<taskId>');
      const outcome = need(positionals[1], '<outcome>');
      const waitSeconds = values.wait === undefined ? CONFIRM_WAIT_SECONDS : Number(values.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait takes seconds, not "${values.wait}"`);
      return completeCommand(await apiClient(values.as), {
        taskId, outcome, payload: JSON.parse(payloadText), key: values.key, waitSeconds,
        retryCommand: (key) => ['greenlight', 'complete', taskId, outcome, ...(values.as ? ['--as', values.as] : []),
          ...(values['payload-file'] ? ['--payload-file', values['payload-file']] : values.payload ? ['--payload', values.payload] : []), '--key', key],
      }, out, (line) => process.stderr.write(`greenlight: ${line}\n`));
    }
    case 'events':
      await eventsCommand({ subject: positionals[0], replay: values.replay ?? false, json: values.json ?? false, natsUrl: natsUrl() }, out);
      return 0;
    case 'notify':
      return notifyCommand({
        action: need(positionals[0], 'dead-letters or replay'), person: values.person, channel: values.channel,
        seqs: positionals.slice(1).map(Number).filter(Number.isInteger), json: values.json ?? false,
        natsUrl: natsUrl(),
      }, out);
    case undefined:
    case 'help':
    case '--help':
      out(help);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${help}`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`greenlight: ${err.message}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
