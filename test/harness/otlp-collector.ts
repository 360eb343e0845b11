/**
 * A small OpenTelemetry collector for tests: OTLP over HTTP (`POST /v1/traces`, JSON, as the SDK's
 * exporter sends it) on a loopback port, keeping every span it receives with its service and the
 * instrumentation scope that made it.
 *
 * ```ts
 * const collector = await startCollector();
 * const tracing = startTracing('greenlight-test', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint });
 * // … work …
 * await tracing.flush();
 * collector.spans.filter((s) => s.traceId === id);
 * ```
 */
import Fastify from 'fastify';

export interface ReceivedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface AnyValue { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
interface KeyValue { key: string; value: AnyValue }
interface ExportTraceServiceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{ scope?: { name?: string }; spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: KeyValue[] }> }>;
  }>;
}

const valueOf = (v: AnyValue): unknown => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue;
const attributesOf = (kvs: KeyValue[] = []) => Object.fromEntries(kvs.map((kv) => [kv.key, valueOf(kv.value)]));

export async function startCollector(): Promise<{ endpoint: string; spans: ReceivedSpan[]; requests: number; close(): Promise<void> }> {
  const app = Fastify();
  const collector = { endpoint: '', spans: [] as ReceivedSpan[], requests: 0, close: () => app.close() };
  app.post('/v1/traces', async (request, reply) => {
    collector.requests += 1;
    const body = request.body as ExportTraceServiceRequest;
    for (const rs of body.resourceSpans ?? []) {
      const service = String(attributesOf(rs.resource?.attributes)['service.name'] ?? '');
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          collector.spans.push({
            service, scope: ss.scope?.name ?? '', traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined,
            name: s.name, kind: s.kind, attributes: attributesOf(s.attributes),
          });
        }
      }
    }
    return reply.send({});
  });
  collector.endpoint = await app.listen({ host: '127.0.0.1', port: 0 });
  return collector;
}
