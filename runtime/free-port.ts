/**
 * A free TCP port on the loopback interface, for servers that tests start side by side.
 *
 *   const port = await freePort();
 *
 * The port is free when this returns; another process may take it before the caller binds it,
 * which is why runtime/dev-servers.ts retries a start that lost that race.
 */
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error(`no port bound on ${host}`))));
    });
  });
}
