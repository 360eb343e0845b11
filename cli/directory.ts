/**
 * `greenlight directory import|export|history|handover`: the directory kept from a spreadsheet, and
 * the handover (离职交接) of a person who leaves.
 *
 *   greenlight directory import directory.xlsx --dry-run --as admin   # what would change, whose tasks would be left; nothing applied
 *   greenlight directory import directory.xlsx --as admin             # applied at once: every process uses it without a restart
 *   greenlight directory import people.csv --as admin                 # a CSV per sheet; a sheet not given is kept
 *   greenlight directory export directory.xlsx --as admin             # or: export people.csv departments.csv
 *   greenlight directory history --as admin
 *   greenlight directory handover tax-huang --to tax-ma --reason 调离 --dry-run --as admin   # what would move; nothing moved
 *
 * Every problem of the files is named by sheet, row and column, and nothing is applied while
 * any remains (exit 1).
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Directory } from '../contracts/directory';
import type { DirectoryPlan } from '../api/directory-service';
import type { HandoverAnswer } from '../api/handover-service';
import type { DirectoryVersion, DirectoryVersionInfo } from '../directory/store';
import { directoryCsv, readDirectoryFiles, writeDirectoryXlsx, type SheetProblem } from '../directory/spreadsheet';
import { saidAt } from './spoken';
import { apiClient, type ApiClient } from './api-client';

type Out = (line: string) => void;

export const directoryHelp = `  greenlight directory import <file.xlsx | people.csv [departments.csv] [ladders.csv]> [--dry-run] --as <admin>
                                                                   check a spreadsheet, show who is added, changed, removed and whose open tasks
                                                                   would be left without a holder; apply it unless --dry-run
  greenlight directory export <file.xlsx | people.csv departments.csv [ladders.csv]> --as <admin>
  greenlight directory history --as <admin> [--json]               the versions kept: who applied each, when, and what it changed
  greenlight directory handover <personId> --to <personId> --reason 文字 --as <admin> [--dry-run] [--json]
                                                                   离职交接: move every open task the person holds to another; --dry-run lists them`;

export function problemLine(p: SheetProblem): string {
  const where = [`sheet ${p.sheet}`, p.row !== undefined ? `row ${p.row}` : undefined, p.column ? `column ${p.column}` : undefined].filter(Boolean).join(', ');
  return `  ${where}: ${p.message}`;
}

function changesLines(plan: Pick<DirectoryPlan, 'changes'>, directory: Directory | undefined, out: Out): void {
  const name = (id: string) => directory?.people.find((p) => p.id === id)?.name;
  const dept = (id: string) => directory?.departments.find((d) => d.id === id)?.name;
  const list = (ids: string[], named: (id: string) => string | undefined) => ids.map((id) => (named(id) ? `${id} (${named(id)})` : id)).join(', ');
  for (const [label, entries, named] of [['people', plan.changes.people, name], ['departments', plan.changes.departments, dept]] as const) {
    if (entries.added.length) out(`  ${label} added (${entries.added.length}): ${list(entries.added, named)}`);
    if (entries.changed.length) out(`  ${label} changed (${entries.changed.length}): ${entries.changed.map((c) => `${c.id} [${c.fields.join(', ')}]`).join(', ')}`);
    if (entries.removed.length) out(`  ${label} removed (${entries.removed.length}): ${entries.removed.join(', ')}`);
  }
  if (plan.changes.ladders) out('  ladder presets changed');
}

/** A handover's answer in Chinese lines: what moved (would move), what stays and why. */
function handoverLines(a: HandoverAnswer, out: Out): void {
  const line = (t: HandoverAnswer['moved'][number]) => `  ${t.taskId}  ${t.title}${t.departmentId ? `  [${t.departmentId}]` : ''}`;
  if (a.moved.length + a.refused.length === 0) {
    out(`${a.personId} 名下没有待办任务，无需交接`);
    return;
  }
  out(a.dryRun ? `离职交接（试运行，未作任何移交）：${a.personId} → ${a.toPersonId}` : `离职交接：${a.personId} → ${a.toPersonId}`);
  out(`${a.dryRun ? '将移交' : '已移交'} ${a.moved.length} 项：`);
  a.moved.forEach((t) => out(line(t)));
  if (a.refused.length) {
    out(`${a.dryRun ? '不能移交' : '未移交'} ${a.refused.length} 项：`);
    a.refused.forEach((t) => out(`${line(t)}  —— ${t.reason}`));
  }
  if (a.dryRun) out(`确认无误后，去掉 --dry-run 再运行一次即办理交接`);
  else out(`各任务的办理记录已注明“离职交接”；本次交接已记录（${a.handoverId}）`);
}

async function current(api: ApiClient): Promise<DirectoryVersion | undefined> {
  const res = await api.send<DirectoryVersion>('GET', '/api/directory').catch((err: { status?: number }) => {
    if (err.status === 404) return undefined;
    throw err;
  });
  return res?.body;
}

export async function directoryCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      as: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
      to: { type: 'string' }, reason: { type: 'string' },
    },
  });
  const [action, ...files] = positionals;
  const api = await apiClient(values.as);
  switch (action) {
    case 'import': {
      if (files.length === 0) throw new Error(`say which file: greenlight directory import <file.xlsx | people.csv [departments.csv]>\n\n${directoryHelp}`);
      const now = await current(api);
      const read = await readDirectoryFiles(files, now?.directory);
      if (!read.directory) {
        out(`${read.problems.length} problem${read.problems.length === 1 ? '' : 's'} in ${files.join(', ')}; nothing applied:`);
        for (const p of read.problems) out(problemLine(p));
        return 1;
      }
      const dryRun = values['dry-run'] ?? false;
      const plan = await api.call<DirectoryPlan>('POST', '/api/directory', {
        directory: read.directory, source: files.map((f) => basename(f)).join(' + '), dryRun, basedOn: now?.version ?? 0,
      });
      if (values.json) {
        out(JSON.stringify(plan, null, 2));
        return 0;
      }
      out(`${dryRun ? 'dry run against' : 'applied over'} version ${plan.basedOn}${read.sheets.length < 2 ? ` (sheets read: ${read.sheets.join(', ')}; the others kept)` : ''}:`);
      changesLines(plan, read.directory, out);
      if (plan.orphanedTasks.length) {
        out(`  open tasks left without a holder (${plan.orphanedTasks.length}): hand them over first — a person who leaves: greenlight directory handover <personId> --to <personId> --reason 离职 --dry-run --as <admin>; a department that goes: greenlight reassign <taskId> --to-department <id> --as <admin>`);
        for (const t of plan.orphanedTasks) out(`    ${t.taskId}${t.title ? ` ${t.title}` : ''}  ${t.reason}${t.assigneeId ? ` (held by ${t.assigneeId})` : ''}${t.departmentId ? ` [${t.departmentId}]` : ''}`);
      }
      out(plan.applied ? `version ${plan.applied.version} in use: every process reads it from now on` : 'nothing applied (--dry-run)');
      return 0;
    }
    case 'export': {
      const now = await current(api);
      if (!now) throw new Error('no version of the directory is kept yet');
      const [first, second, third] = files;
      if (!first) throw new Error(`say where: greenlight directory export <file.xlsx | people.csv departments.csv>\n\n${directoryHelp}`);
      if (extname(first).toLowerCase() === '.xlsx') await writeDirectoryXlsx(now.directory, first);
      else if (extname(first).toLowerCase() === '.csv' && second) {
        const csv = directoryCsv(now.directory);
        await writeFile(first, `\uFEFF${csv.people}`);
        await writeFile(second, `\uFEFF${csv.departments}`);
        if (third) await writeFile(third, `\uFEFF${csv.ladders}`);
      } else throw new Error('export to an .xlsx, or to .csv files: people, departments and (if wanted) ladders');
      out(`version ${now.version} (${now.directory.people.length} people, ${now.directory.departments.length} departments) written to ${files.filter(Boolean).join(', ')}`);
      return 0;
    }
    case 'history': {
      const { versions } = await api.call<{ versions: DirectoryVersionInfo[] }>('GET', '/api/directory/history');
      if (values.json) {
        out(JSON.stringify(versions, null, 2));
        return 0;
      }
      for (const v of versions) {
        out(`version ${v.version}  ${saidAt(v.at)}  by ${v.by}  from ${v.source}`);
        changesLines(v, undefined, out);
      }
      return 0;
    }
    case 'handover': {
      const [personId] = files;
      if (!personId || !values.to || !values.reason) throw new Error(`say who leaves, to whom and why: greenlight directory handover <personId> --to <personId> --reason 文字\n\n${directoryHelp}`);
      const dryRun = values['dry-run'] ?? false;
      const answer = await api.call<HandoverAnswer>('POST', `/api/people/${encodeURIComponent(personId)}/handover`, { toPersonId: values.to, reason: values.reason, dryRun });
      if (values.json) out(JSON.stringify(answer, null, 2));
      else handoverLines(answer, out);
      return 0;
    }
    default:
      throw new Error(`greenlight directory import|export|history|handover\n\n${directoryHelp}`);
  }
}
