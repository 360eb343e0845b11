/**
 * The workbench's addresses: the one place that knows its hash routes, so that a notification's
 * 查看 link, an e-mail, a webhook message and the workbench's own pages point at the same page.
 *
 * ```ts
 * workbenchPath({ taskId: 'req-1/handling-1' });                          // '#/task/req-1%2Fhandling-1'
 * workbenchPath({ processKind: 'k', processId: 'p-1', presentation });     // '#/board/items/k/p-1' when the kind shows items, else '#/process/k/p-1'
 * workbenchPath({ report: { period: 'week', at: '2026-W45' } });          // '#/reports/week/2026-W45'
 * workbenchLink('https://gl.example.gov.cn/', { instructionId: 'p-1/instruction-1' });
 * //   'https://gl.example.gov.cn/#/instruction/p-1%2Finstruction-1'
 * ```
 */

/** What a link opens: a task; else an instruction (督办); else a process, on its items' page when its kind presents items; else a period's report (挂责问效). */
export interface WorkbenchPlace {
  taskId?: string;
  instructionId?: string;
  processKind?: string;
  processId?: string;
  /** The kind's presentation: a kind whose tasks belong to items of a list is shown on its items' page. */
  presentation?: { item?: unknown };
  /** A report of a period: `week`, `month`, `quarter` or `year`, and its key (2026-W45). */
  report?: { period: string; at: string };
}

const part = encodeURIComponent;

/** The hash route of a place (`#/task/<id>`), or undefined when it names nothing the workbench shows. */
export function workbenchPath(place: WorkbenchPlace): string | undefined {
  if (place.taskId) return `#/task/${part(place.taskId)}`;
  if (place.instructionId) return `#/instruction/${part(place.instructionId)}`;
  if (place.processKind && place.processId) {
    const page = place.presentation?.item ? 'board/items' : 'process';
    return `#/${page}/${part(place.processKind)}/${part(place.processId)}`;
  }
  if (place.report) return `#/reports/${part(place.report.period)}/${part(place.report.at)}`;
  return undefined;
}

/** The full address of a place on a workbench served at `baseUrl` (GREENLIGHT_WEB_URL); undefined without a base. */
export function workbenchLink(baseUrl: string | undefined, place: WorkbenchPlace): string | undefined {
  const path = workbenchPath(place);
  if (!baseUrl || !path) return undefined;
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}
