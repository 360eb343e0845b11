/**
 * Pieces for restart tests, where the Temporal dev server and the worker are stopped and
 * started again on the same SQLite file: a real Greenlight worker that can be stopped, and a
 * client that lives only as long as one step.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { startNatsServer, startTemporalDevServer, type TemporalDevServer } from '../../runtime/dev-servers';
import { ensureStreams } from '../../runtime/streams';
import { createWorker } from '../../workers/worker';
import { repoRoot } from './harness';
import { workflowBundle } from './workflow-bundle';

export async function startWorker(address: string, nats: NatsConnection, taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection, namespace: 'default', taskQueue, nats,
    directoryPath: join(repoRoot, 'directory/demo.json'),
    calendarDir: join(repoRoot, 'calendar/data'),
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export async function withClient<T>(address: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await fn(new Client({ connection }));
  } finally {
    await connection.close();
  }
}

/** A NATS server for the whole test, and a Temporal dev server that can be stopped and started again on the same file. */
export interface RestartableServers {
  nats: NatsConnection;
  /** Starts (or starts again) the dev server; returns its address, which changes with each start. */
  startTemporal(): Promise<string>;
  stopTemporal(): Promise<void>;
  /** Kills the dev server and everything it started with SIGKILL, as a crash would: no shutdown, no last write. */
  killTemporal(): Promise<void>;
  /** The running dev server's SQLite file. */
  dbFile(): string;
  stop(): Promise<void>;
}

export async function restartableServers(name: string): Promise<RestartableServers> {
  const dataDir = mkdtempSync(join(tmpdir(), `gl-${name}-`));
  const natsServer = await startNatsServer({ storeDir: join(dataDir, 'nats') });
  const nats = await connect({ servers: natsServer.url });
  await ensureStreams(nats);
  let temporal: TemporalDevServer | undefined;
  return {
    nats,
    async startTemporal() {
      // New free ports on every start: the workflows live in the SQLite file, not on the port, and
      // the port the server had may be taken by another jest worker while it is down (a given
      // port is not retried; chosen ones are). Callers connect to the address this returns.
      temporal = await startTemporalDevServer({ dataDir: join(dataDir, 'temporal'), headless: true });
      return temporal.address;
    },
    async stopTemporal() {
      await temporal?.stop();
      temporal = undefined;
    },
    async killTemporal() {
      const pid = temporal?.process.pid;
      if (pid !== undefined) process.kill(-pid, 'SIGKILL');
      await temporal?.process.exited;
      temporal = undefined;
    },
    dbFile() {
      if (!temporal?.dbFile) throw new Error('the dev server is not running on a file');
      return temporal.dbFile;
    },
    async stop() {
      await temporal?.stop();
      await nats.close();
      await natsServer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
