/**
 * 挂责问效: the report of a period over what the reader oversees (the board's scope), as the
 * workbench page reads it, or as the .xlsx and the PDF the district files. Counted from the
 * record's events (the stream's where the API has no record; reports/source.ts), never from
 * Temporal's visibility. And the reports issued on schedule (周调度, 月度通报: reports/issued.ts),
 * listed to everyone, their files to those whose board shows the whole district (they are the
 * district's); anyone else opens the link of their notice, the same period over what they oversee.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadDirectory } from '../../activities/directory-file';
import { boardScope } from '../policy';
import { parsePeriod, periodHolding, periodKinds, type PeriodKind } from '../../reports/period';
import { reportPdf } from '../../reports/pdf';
import { IssuedReport, issuedReports } from '../../reports/issued';
import { makeReport } from '../../reports/source';
import type { Report } from '../../reports/report';
import type { RecordDb } from '../../records/database';
import type { Actor } from '../../contracts/directory';
import { reportView, ReportView } from '../../reports/view';
import { reportXlsx } from '../../reports/xlsx';
import { problemResponses } from './problem';

const Query = z.object({
  period: z.enum(periodKinds as [PeriodKind, ...PeriodKind[]]).default('month'),
  at: z.string().max(10).regex(/^\d{4}(-(W\d{2}|Q[1-4]|\d{2}(-\d{2})?))?$/).optional().describe('2026-11, 2026-W49, 2026-Q4, 2026 or a day; the current period when absent'),
});

const FILES = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: reportXlsx },
  pdf: { type: 'application/pdf', write: reportPdf },
} as const;

export const reportRoutes: FastifyPluginAsyncZod<{ nats: NatsConnection; directoryPath: string; record?: RecordDb }> = async (app, { nats, directoryPath, record }) => {
  /** The report over the reader's scope, or a 400 that says what --at takes. */
  const reportFor = async (actor: Actor, query: z.infer<typeof Query>): Promise<Report | string> => {
    let period;
    try {
      period = query.at ? parsePeriod(query.period, query.at) : periodHolding(query.period, new Date());
    } catch (err) {
      return (err as Error).message;
    }
    const directory = loadDirectory(directoryPath);
    return makeReport(nats, period, { record, directory, scope: boardScope(actor, directory) });
  };

  app.get('/api/reports/accountability', {
    schema: {
      tags: ['reports'],
      summary: "挂责问效: a period's figures by department, assigned leader and kind, and the 红黑榜, over what you oversee (the board's scope)",
      querystring: Query,
      response: { 200: ReportView, ...problemResponses },
    },
  }, async (req, reply) => {
    const report = await reportFor(req.auth.actor, req.query);
    return typeof report === 'string' ? reply.status(400).send({ error: report }) : reportView(report);
  });

  app.get('/api/reports/accountability.:format', {
    schema: {
      // A file, not JSON: left out of the OpenAPI document, whose responses are JSON (the workbench links to it).
      hide: true,
      tags: ['reports'],
      summary: 'The same report as the .xlsx workbook or the A4 PDF (Chinese text embedded) the district files',
      params: z.object({ format: z.enum(['xlsx', 'pdf']) }),
      querystring: Query,
    },
  }, async (req, reply) => {
    const report = await reportFor(req.auth.actor, req.query);
    if (typeof report === 'string') return reply.status(400).send({ error: report });
    const { format } = req.params;
    const key = report.figures.period.key;
    reply.header('content-disposition', `attachment; filename="report-${key}.${format}"; filename*=UTF-8''${encodeURIComponent(`${report.title}-${key}.${format}`)}`);
    return reply.type(FILES[format].type).send(await FILES[format].write(report));
  });
};

export const issuedReportRoutes: FastifyPluginAsyncZod<{ nats: NatsConnection; directoryPath: string }> = async (app, { nats, directoryPath }) => {
  const whole = (actor: Actor) => boardScope(actor, loadDirectory(directoryPath)) === 'all';

  app.get('/api/reports/issued', {
    schema: {
      tags: ['reports'],
      summary: 'The reports issued on schedule (周调度 every Monday, 月度通报 on the first working day of a month), the latest first; `files` when you may download the district\'s files',
      response: { 200: z.object({ reports: z.array(IssuedReport.extend({ files: z.boolean() })) }), ...problemResponses },
    },
  }, async (req) => {
    const files = whole(req.auth.actor);
    return { reports: (await (await issuedReports(nats, { read: true })).list()).map((r) => ({ ...r, files })) };
  });

  app.get('/api/reports/issued/:kind/:file', {
    schema: {
      // A file, not JSON: left out of the OpenAPI document (the workbench links to it).
      hide: true,
      tags: ['reports'],
      summary: "An issued report's workbook or PDF, as it was issued",
      params: z.object({ kind: z.enum(periodKinds as [PeriodKind, ...PeriodKind[]]), file: z.string().max(20).regex(/^[0-9A-Z-]+\.(xlsx|pdf)$/) }),
    },
  }, async (req, reply) => {
    if (!whole(req.auth.actor)) return reply.status(403).send({ error: "an issued report is the district's: open the link of your notice for the period over what you oversee" });
    const { kind, file } = req.params;
    const [key, format] = [file.slice(0, file.lastIndexOf('.')), file.slice(file.lastIndexOf('.') + 1) as 'xlsx' | 'pdf'];
    const store = await issuedReports(nats, { read: true });
    const [meta, bytes] = await Promise.all([store.get(kind, key), store.file(kind, key, format)]);
    if (!meta || !bytes) return reply.status(404).send({ error: `no ${kind} report ${key} was issued` });
    reply.header('content-disposition', `attachment; filename="report-${key}.${format}"; filename*=UTF-8''${encodeURIComponent(`${meta.title}-${key}.${format}`)}`);
    return reply.type(FILES[format].type).send(Buffer.from(bytes));
  });
};
