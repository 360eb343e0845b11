/**
 * The reports issued on schedule, kept so that they can be listed and downloaded again: each one
 * the district's report of its period as it was issued — the page's view (JSON), the workbook
 * and the PDF — in the JetStream object store `gl-reports` (kept until removed, replicated like
 * the streams). An issue of the same period again (a workflow retried, a schedule triggered by
 * hand) replaces the files: the figures of a closed period do not change.
 *
 *   const store = await issuedReports(nats);
 *   await store.put(meta, { view, xlsx, pdf });
 *   (await store.list())[0]              // { kind: 'week', key: '2026-W45', title: '挂责问效周调度', … }
 *   await store.file('week', '2026-W45', 'pdf');
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { z } from 'zod';

export const ISSUED_BUCKET = 'gl-reports';
export const issuedFormats = ['json', 'xlsx', 'pdf'] as const;
export type IssuedFormat = (typeof issuedFormats)[number];

export const IssuedReport = z.object({
  kind: z.enum(['week', 'month', 'quarter', 'year']),
  key: z.string(),
  title: z.string(),
  /** The period in words: 2026年第45周（2026-11-02 至 2026-11-08）. */
  period: z.string(),
  issuedAt: z.string(),
  /** Whom it was sent to (person ids). */
  sentTo: z.array(z.string()),
});
export type IssuedReport = z.infer<typeof IssuedReport>;

const fileName = (kind: string, key: string, format: IssuedFormat | 'meta') => `${kind}/${key}/${format === 'meta' ? 'issued.json' : `report.${format}`}`;

export interface IssuedReports {
  put(meta: IssuedReport, files: Record<IssuedFormat, Uint8Array>): Promise<void>;
  /** Records whom it was sent to. */
  sent(kind: string, key: string, sentTo: string[]): Promise<IssuedReport | undefined>;
  get(kind: string, key: string): Promise<IssuedReport | undefined>;
  /** Every issued report, the latest issued first. */
  list(): Promise<IssuedReport[]>;
  file(kind: string, key: string, format: IssuedFormat): Promise<Uint8Array | undefined>;
}

/** Nothing issued yet: what a reader sees before the worker made the store. */
const none: IssuedReports = {
  put: () => Promise.reject(new Error(`${ISSUED_BUCKET} was opened to read`)),
  sent: async () => undefined,
  get: async () => undefined,
  list: async () => [],
  file: async () => undefined,
};

/** The store: made on first use by the worker that issues; a reader (the API, the CLI) only opens it. */
export async function issuedReports(nats: NatsConnection, options: { read?: boolean } = {}): Promise<IssuedReports> {
  const objm = new Objm(nats);
  let os: ObjectStore;
  if (options.read) {
    try {
      os = await objm.open(ISSUED_BUCKET);
    } catch (err) {
      if (/not found/i.test((err as Error).message)) return none;
      throw err;
    }
  } else {
    os = await objm.create(ISSUED_BUCKET, { description: '挂责问效: the reports issued on schedule' });
  }
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const get = async (kind: string, key: string) => {
    const blob = await os.getBlob(fileName(kind, key, 'meta'));
    return blob ? IssuedReport.parse(JSON.parse(new TextDecoder().decode(blob))) : undefined;
  };
  return {
    async put(meta, files) {
      for (const format of issuedFormats) await os.putBlob({ name: fileName(meta.kind, meta.key, format) }, files[format]);
      // The description last: a report is listed once its files are all there.
      await os.putBlob({ name: fileName(meta.kind, meta.key, 'meta') }, json(IssuedReport.parse(meta)));
    },
    async sent(kind, key, sentTo) {
      const meta = await get(kind, key);
      if (!meta) return undefined;
      const updated = { ...meta, sentTo };
      await os.putBlob({ name: fileName(kind, key, 'meta') }, json(updated));
      return updated;
    },
    get,
    async list() {
      const infos = (await os.list()).filter((i) => !i.deleted && i.name.endsWith('/issued.json'));
      const metas = await Promise.all(infos.map((i) => {
        const [kind, key] = i.name.split('/');
        return get(kind, key);
      }));
      return metas.filter((m): m is IssuedReport => m !== undefined)
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    },
    async file(kind, key, format) {
      return (await os.getBlob(fileName(kind, key, format))) ?? undefined;
    },
  };
}
