/**
 * The scheduled reports' activities (reports/workflow.ts): when to issue, the district's report
 * issued and kept (reports/issued.ts), and each leader's and department head's notice published
 * as a `report.issued` event that the notifier words and delivers on their channels.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { loadDirectory } from '../activities/directory-file';
import { WorkingCalendar } from '../calendar';
import { CloudEvent, eventSubject, eventType } from '../contracts/events';
import type { RecordDb } from '../records/database';
import { issuedReports, type IssuedReport } from './issued';
import { noticeLines, receivesReports, reportScopeOf } from './notices';
import { parsePeriod } from './period';
import { reportPdf } from './pdf';
import { periodWords } from './report';
import { planScheduledReport, type DispatchTime, type ReportPlan, type ScheduledKind } from './scheduled';
import { reportInputs, reportOver } from './source';
import { reportView } from './view';
import { reportXlsx } from './xlsx';

export interface ReportActivityDeps {
  nats: NatsConnection;
  record: RecordDb;
  directoryPath: string;
}

export type ReportActivities = ReturnType<typeof reportActivities>;

/** When a schedule's run issues its report, and which period (reports/scheduled.ts). */
export async function planReport(input: { kind: ScheduledKind; firedAt: string; dispatchAt?: DispatchTime }): Promise<ReportPlan> {
  const calendar = WorkingCalendar.load();
  return planScheduledReport(input.kind, new Date(input.firedAt), (d) => calendar.day(d).working, input.dispatchAt);
}

export function reportActivities(deps: ReportActivityDeps) {
  const inputsOf = (kind: ScheduledKind, key: string) => {
    const period = parsePeriod(kind, key);
    return reportInputs(deps.nats, period, { record: deps.record, directory: loadDirectory(deps.directoryPath) }).then((inputs) => ({ period, inputs }));
  };
  return {
    planReport,

    /** The district's report of the period, kept as the page's view, the workbook and the PDF. */
    async issueReport(input: { kind: ScheduledKind; key: string }): Promise<IssuedReport> {
      const { period, inputs } = await inputsOf(input.kind, input.key);
      const report = reportOver(inputs, period);
      const [xlsx, pdf] = await Promise.all([reportXlsx(report), reportPdf(report)]);
      const store = await issuedReports(deps.nats);
      const previous = await store.get(period.kind, period.key);
      const meta: IssuedReport = {
        kind: period.kind, key: period.key, title: report.title, period: periodWords(period), issuedAt: new Date().toISOString(), sentTo: previous?.sentTo ?? [],
      };
      await store.put(meta, { json: new TextEncoder().encode(JSON.stringify(reportView(report))), xlsx, pdf });
      return meta;
    },

    /** Each leader's and department head's notice, one event each; the event id makes a retried send one notice. */
    async sendReport(input: { kind: ScheduledKind; key: string }): Promise<{ sentTo: string[] }> {
      const { period, inputs } = await inputsOf(input.kind, input.key);
      const js = jetstream(deps.nats);
      const sentTo: string[] = [];
      for (const person of inputs.directory.people.filter(receivesReports)) {
        const report = reportOver(inputs, period, { scope: reportScopeOf(person, inputs.directory) });
        const event = CloudEvent.parse({
          specversion: '1.0',
          id: `report-${period.kind}-${period.key}-${person.id}`,
          source: 'greenlight/reports',
          type: eventType('report', 'issued'),
          time: new Date().toISOString(),
          datacontenttype: 'application/json',
          data: {
            title: `${report.title} · ${period.label}`,
            report: { period: period.kind, at: period.key },
            lines: noticeLines(report),
            recipients: [person.id],
          },
        });
        await js.publish(eventSubject('report', 'issued'), JSON.stringify(event), { msgID: event.id });
        sentTo.push(person.id);
      }
      await (await issuedReports(deps.nats)).sent(period.kind, period.key, sentTo);
      return { sentTo };
    },
  };
}
