/**
 * docker-compose.yml keeps the production shape of docs' design: Temporal on PostgreSQL with its
 * UI, NATS with JetStream, the project's processes as scalable services, every search attribute
 * of contracts/search-attributes.ts and of every kind registered, and no secret in the file.
 *
 *   npx jest test/compose.test.ts
 *
 * Needs the docker-compose command (not a Docker engine): `apt-get install -y docker-compose`,
 * which scripts/bootstrap.sh does when apt-get is there. The resolved configuration is read as
 * JSON where docker-compose can print it (`config --format json`, Compose v2); Debian's 1.29
 * prints only YAML, which is read with the PyYAML that its own Python interpreter depends on,
 * so no YAML parser is added to the project.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allSearchAttributes } from '../processes/search-attributes';
import { nodeMemoryOptions, workerOldSpaceMb } from '../runtime/project-processes';
import { findOnPath } from '../runtime/servers';
import { temporalDynamicConfig } from '../runtime/temporal-dynamic-config';

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | null>;
  ports?: unknown[];
  volumes?: unknown[];
  container_name?: string;
  profiles?: string[];
  restart?: string;
  depends_on?: Record<string, { condition?: string }>;
}

interface ComposeConfig {
  services: Record<string, Service>;
}

const rootDir = resolve(__dirname, '..');
const composeFile = join(rootDir, 'docker-compose.yml');
const natsUsers = ['admin', 'worker', 'api', 'notifier', 'recorder', 'submitter'] as const;
const secrets = {
  GREENLIGHT_JWT_SECRET: 'compose-test-secret-of-at-least-32-chars', POSTGRES_PASSWORD: 'compose-test',
  ...Object.fromEntries(natsUsers.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, `compose-test-${u}`])),
};
const missingCommand =
  'docker-compose is not installed. Install it with `apt-get install -y docker-compose` ' +
  '(scripts/bootstrap.sh does this when apt-get is available).';


function compose(args: string[], env: NodeJS.ProcessEnv) {
  const composeBin = findOnPath('docker-compose');
  if (!composeBin) throw new Error(missingCommand);
  return spawnSync(composeBin, ['-f', composeFile, ...args], { cwd: rootDir, env, encoding: 'utf8' });
}

function withoutSecrets(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(secrets)) delete env[name];
  return env;
}

/** Compose v1 is a Python script; its interpreter has PyYAML, a dependency of the package. */
function yamlToJson(yaml: string): string {
  const composeBin = findOnPath('docker-compose')!;
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(composeBin, 'latin1').slice(0, 200))?.[1];
  if (!shebang) throw new Error(`${composeBin} prints no JSON and is not a Python script: cannot read its YAML`);
  const py = spawnSync(shebang, ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], {
    input: yaml,
    encoding: 'utf8',
  });
  if (py.status !== 0) throw new Error(`could not read docker-compose's YAML with ${shebang}: ${py.stderr}`);
  return py.stdout;
}

function resolvedConfig(): ComposeConfig {
  const env = { ...process.env, ...secrets };
  // Compose v1 answers an unknown option with its usage and, even so, exit status 0.
  const json = compose(['config', '--format', 'json'], env);
  if (json.status === 0 && json.stdout.trimStart().startsWith('{')) return JSON.parse(json.stdout) as ComposeConfig;
  const yaml = compose(['config'], env);
  if (yaml.status !== 0) throw new Error(`docker-compose config failed:\n${yaml.stderr}`);
  return JSON.parse(yamlToJson(yaml.stdout)) as ComposeConfig;
}

const words = (value: string | string[] | undefined) => (Array.isArray(value) ? value : (value ?? '').split(/\s+/));

let config: ComposeConfig;

beforeAll(() => {
  config = resolvedConfig();
});

test('the file is valid', () => {
  const result = compose(['config', '-q'], { ...process.env, ...secrets });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

test('secrets come from the environment, never from the file', () => {
  const result = compose(['config', '-q'], withoutSecrets());
  expect(result.status).not.toBe(0);
  expect(config.services.api.environment?.GREENLIGHT_JWT_SECRET).toBe(secrets.GREENLIGHT_JWT_SECRET);
});

test('it has every service of the production shape', () => {
  const names = Object.keys(config.services);
  expect(names).toEqual(expect.arrayContaining(['worker', 'api', 'notifier', 'temporal', 'temporal-ui', 'nats']));
  expect(names.some((n) => n === 'postgres' || n === 'postgresql')).toBe(true);
});

test('Temporal persists to PostgreSQL', () => {
  const env = config.services.temporal.environment ?? {};
  expect(env.DB).toMatch(/^postgres/);
  expect(Object.keys(config.services)).toContain(env.POSTGRES_SEEDS);
});

test("the project's processes share one image and can be scaled", () => {
  const images = new Set(['worker', 'api', 'notifier'].map((n) => config.services[n].image));
  expect(images.size).toBe(1);
  for (const [name, service] of Object.entries(config.services)) {
    expect({ name, containerName: service.container_name }).toEqual({ name, containerName: undefined });
  }
  for (const name of ['worker', 'notifier']) {
    expect({ name, ports: config.services[name].ports }).toEqual({ name, ports: undefined });
  }
});

test('a crashed service is started again: every long-running one restarts unless stopped, each one-shot on failure', () => {
  // One-shot services (schemas, namespace, streams, migrations) are those others wait to complete: they retry a failure only.
  const oneShot = new Set(Object.values(config.services).flatMap((s) => Object.entries(s.depends_on ?? {})
    .filter(([, d]) => d.condition === 'service_completed_successfully').map(([name]) => name)));
  expect([...oneShot]).toEqual(expect.arrayContaining(['temporal-schema', 'temporal-setup', 'nats-streams']));
  for (const [name, service] of Object.entries(config.services)) {
    expect({ name, restart: service.restart }).toEqual({ name, restart: oneShot.has(name) ? 'on-failure' : 'unless-stopped' });
  }
  for (const name of ['worker', 'api', 'notifier', 'nats', 'temporal', 'postgres']) expect(Object.keys(config.services)).toContain(name);
});

test('NATS admits only its users (deploy/nats/nats.conf), each process connecting as its own', () => {
  const nats = config.services.nats;
  expect(words(nats.command).slice(0, 2)).toEqual(['-c', '/etc/greenlight/nats.conf']);
  // Compose v1 writes a mount as "source:target:mode", v2 as an object: the file's folder is mounted where -c looks.
  expect(JSON.stringify(nats.volumes)).toMatch(/deploy\/nats.*\/etc\/greenlight/);
  for (const u of natsUsers) expect(nats.environment?.[`NATS_${u.toUpperCase()}_PASSWORD`]).toBe(`compose-test-${u}`);
  const conf = readFileSync(join(rootDir, 'deploy/nats/nats.conf'), 'utf8');
  for (const u of natsUsers) expect(conf).toContain(`user: ${u}, password: $NATS_${u.toUpperCase()}_PASSWORD`);
  expect(conf).not.toMatch(/password: (?!\$)/);
  // Every service that talks to NATS names its user.
  for (const [service, s] of Object.entries(config.services)) {
    if (s.environment?.NATS_URL) expect({ service, url: s.environment.NATS_URL }).toEqual({ service, url: expect.stringMatching(/^nats:\/\/[a-z]+:[^@]+@nats:4222$/) });
  }
  for (const [service, user] of [['worker', 'worker'], ['api', 'api'], ['notifier', 'notifier'], ['recorder', 'recorder'], ['nats-streams', 'admin']] as const) {
    expect({ service, url: config.services[service].environment?.NATS_URL }).toEqual({ service, url: `nats://${user}:compose-test-${user}@nats:4222` });
  }
});

test('every custom search attribute is registered, with its type', () => {
  const registrars = Object.entries(config.services).filter(([, s]) => s.environment?.GREENLIGHT_SEARCH_ATTRIBUTES);
  expect(registrars).toHaveLength(1);
  const [[, registrar]] = registrars;
  const registered = words(registrar.environment!.GREENLIGHT_SEARCH_ATTRIBUTES!).filter(Boolean).sort();
  const wanted = allSearchAttributes().map(({ name, type }) => `${name}=${type}`).sort();
  expect(registered).toEqual(wanted);

  expect(words(registrar.entrypoint).join(' ')).toContain('/greenlight/setup.sh');
  const script = readFileSync(join(rootDir, 'deploy/temporal/setup.sh'), 'utf8');
  expect(script).toMatch(/for spec in \$GREENLIGHT_SEARCH_ATTRIBUTES/);
  expect(script).toContain('temporal operator search-attribute create');
});

test("Temporal runs with Greenlight's dynamic config, the one the dev server and the benchmarks get", () => {
  const temporal = config.services.temporal;
  const path = temporal.environment?.DYNAMIC_CONFIG_FILE_PATH;
  expect(path).toBe('/greenlight/dynamic-config.yaml');
  expect(temporal.volumes?.map(String).join(' ')).toMatch(/deploy\/temporal:\/greenlight(:ro|\b)/);
  const file = JSON.parse(yamlToJson(readFileSync(join(rootDir, 'deploy/temporal/dynamic-config.yaml'), 'utf8'))) as unknown;
  const wanted = Object.fromEntries(Object.entries(temporalDynamicConfig).map(([key, value]) => [key, [{ value }]]));
  expect(file).toEqual(wanted);
});

test('Prometheus and Grafana are optional (profile observability); Prometheus scrapes every process on its metrics port, and Grafana loads the dashboard', () => {
  for (const name of ['prometheus', 'grafana']) expect({ name, profiles: config.services[name].profiles }).toEqual({ name, profiles: ['observability'] });
  for (const name of ['worker', 'api', 'notifier', 'recorder']) {
    expect({ name, port: config.services[name].environment?.GREENLIGHT_METRICS_PORT, host: config.services[name].environment?.GREENLIGHT_METRICS_HOST })
      .toEqual({ name, port: '9464', host: '0.0.0.0' });
  }
  const prometheus = JSON.parse(yamlToJson(readFileSync(join(rootDir, 'deploy/prometheus/prometheus.yml'), 'utf8'))) as {
    scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; port: number }[]; static_configs?: { targets: string[] }[] }[];
  };
  const targets = prometheus.scrape_configs.flatMap((c) => [
    ...(c.dns_sd_configs ?? []).flatMap((d) => d.names.map((n) => `${n}:${d.port}`)), ...(c.static_configs ?? []).flatMap((t) => t.targets)]);
  expect(targets).toEqual(expect.arrayContaining(['api:9464', 'worker:9464', 'notifier:9464', 'recorder:9464', 'temporal:9090']));
  expect(config.services.temporal.environment?.PROMETHEUS_ENDPOINT).toBe('0.0.0.0:9090');
  expect(JSON.stringify(config.services.prometheus.volumes)).toContain('deploy/prometheus/prometheus.yml');
  expect(JSON.stringify(config.services.grafana.volumes)).toMatch(/deploy\/grafana\/dashboards:\/var\/lib\/grafana\/dashboards|"source":"[^"]*deploy\/grafana\/dashboards","target":"\/var\/lib\/grafana\/dashboards"/);
});

test('NATS runs with JetStream on a volume', () => {
  const args = words(config.services.nats.command);
  expect(args.some((a) => a === '-js' || a === '--jetstream')).toBe(true);
  const storeFlag = args.findIndex((a) => a === '-sd' || a === '--store_dir');
  expect(storeFlag).toBeGreaterThanOrEqual(0);
  const storeDir = args[storeFlag + 1];
  expect(JSON.stringify(config.services.nats.volumes)).toContain(storeDir);
});

test('the production image runs on the Node the stack and the tests are pinned to', () => {
  const pinned = (JSON.parse(readFileSync(join(rootDir, 'runtime/server-versions.json'), 'utf8')) as { node: { version: string } }).node.version;
  const dockerfile = readFileSync(join(rootDir, 'deploy/Dockerfile'), 'utf8');
  expect(/^ARG NODE_VERSION=(\S+)$/m.exec(dockerfile)?.[1]).toBe(pinned);
});

test('the production image runs node with the V8 options the stack gives its processes', () => {
  const dockerfile = readFileSync(join(rootDir, 'deploy/Dockerfile'), 'utf8');
  expect(/^ENV NODE_OPTIONS=(.*)$/m.exec(dockerfile)?.[1]).toBe(nodeMemoryOptions.join(' '));
});

test("the worker's heap limit is the one its default cache needs, in the image and in compose", () => {
  const limit = `--max-old-space-size=${workerOldSpaceMb({})}`;
  expect(words(config.services.worker.command)).toContain(limit);
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(rootDir, 'deploy/Dockerfile'), 'utf8'))?.[1];
  expect(JSON.parse(cmd ?? '[]')).toContain(limit);
});
