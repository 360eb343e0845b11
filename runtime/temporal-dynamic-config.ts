/**
 * The Temporal server settings Greenlight needs beyond the server's defaults, said once. The dev
 * server takes them as `--dynamic-config-value` flags (runtime/dev-servers.ts); docker-compose's
 * server reads deploy/temporal/dynamic-config.yaml, which test/compose.test.ts checks against
 * this; the benchmarks' PostgreSQL-backed server gets them in its config file
 * (bench/postgres-temporal.ts). A cluster run by others needs them in its own dynamic config.
 */
export const temporalDynamicConfig = {
  /**
   * Visibility queries per second per namespace that one frontend answers. Every inbox, board and
   * list in the workbench is a visibility query, and the server's default is 10. A throttled query
   * is retried by the client with backoff: on a Temporal server with its defaults, 60 queries sent
   * at once took 10.9 s, against 81 ms with this setting. In the project benchmark on PostgreSQL,
   * whose inbox reads come in bursts, one read took 2.0 s at p99 with the default and 378 ms with
   * this, and approval → dependant went from 2.5–4.3 s to 862 ms (docs/performance.md). The dev
   * server does not throttle them either way; it gets the setting so that every server runs alike.
   */
  'frontend.namespaceRPS.visibility': 200,
} as const satisfies Record<string, number | boolean | string>;

/** The settings as `temporal server start-dev` takes them. */
export function dynamicConfigFlags(config: Record<string, unknown> = temporalDynamicConfig): string[] {
  return Object.entries(config).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]);
}

/** The settings as a server's dynamic-config YAML file holds them: each key, one unconstrained value. */
export function dynamicConfigYaml(config: Record<string, unknown> = temporalDynamicConfig): string {
  return Object.entries(config).map(([key, value]) => `${key}:\n  - value: ${JSON.stringify(value)}\n`).join('');
}
