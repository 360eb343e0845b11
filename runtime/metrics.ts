/**
 * Prometheus metrics of a process, served on a port of their own (`GREENLIGHT_METRICS_PORT`), so
 * that what operators watch never rides on the public workbench's port.
 *
 * ```ts
 * const registry = processRegistry();                       // Node's own: CPU, memory, event loop
 * const served = await serveMetrics([registry, apiMetrics], { host: '0.0.0.0', port: 9464 });
 * // also the Temporal SDK's, proxied from its own loopback endpoint:
 * await serveMetrics([registry], { port: 9464, also: ['http://127.0.0.1:9470/metrics'] });
 * ```
 *
 * Every metric of the project is named `greenlight_*`; the Temporal SDK's are `temporal_*`; Node's
 * are prom-client's defaults (`process_*`, `nodejs_*`). docs/operations.md lists them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry with Node's own metrics, once per process. */
export function processRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface ServedMetrics {
  url: string;
  close(): Promise<void>;
}

/** The registries' metrics (and any other process-local endpoint's, appended) at `GET /metrics`. */
export async function serveMetrics(
  registries: Registry[], options: { host?: string; port: number; also?: string[] },
): Promise<ServedMetrics> {
  const merged = Registry.merge(registries);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: GET /metrics\n');
      return;
    }
    void (async () => {
      const parts = [await merged.metrics()];
      for (const url of options.also ?? []) {
        // A source that does not answer is left out of this scrape, not the whole scrape.
        const text = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => (r.ok ? r.text() : ''), () => '');
        if (text) parts.push(text);
      }
      res.writeHead(200, { 'content-type': merged.contentType }).end(parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join(''));
    })().catch((err: unknown) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics failed: ${(err as Error).message}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
