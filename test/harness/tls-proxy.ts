/**
 * A real TLS-terminating reverse proxy for tests: Debian's nginx (scripts/bootstrap.sh installs
 * it), with a self-signed certificate for 127.0.0.1 and localhost made by openssl at start, in
 * a folder of its own. Each upstream gets its own https port on loopback; nginx passes
 * X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-For as a site's proxy would, and streams
 * event streams unbuffered.
 *
 *   const proxy = await startTlsProxy([api.url]);
 *   proxy.urls[0]            // https://127.0.0.1:<port>, in front of api.url
 *   await proxy.stop();
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../runtime/free-port';
import { startProcess } from '../../runtime/managed-process';
import { waitUntilReady } from '../../runtime/wait-until-ready';

export const NGINX = process.env.GREENLIGHT_NGINX ?? '/usr/sbin/nginx';

export interface TlsProxy {
  /** One https URL per upstream, in the same order. */
  urls: string[];
  /** The file of the certificate (PEM) the proxy presents. */
  certificateFile: string;
  stop(): Promise<void>;
}

const tcpAnswers = (port: number) => new Promise<true | undefined>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => {
    socket.destroy();
    resolve(true);
  });
  socket.once('error', () => resolve(undefined));
});

export async function startTlsProxy(upstreams: readonly string[]): Promise<TlsProxy> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx-light (scripts/bootstrap.sh installs it), or set GREENLIGHT_NGINX`);
  const dir = mkdtempSync(join(tmpdir(), 'gl-tls-proxy-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  const ports = await Promise.all(upstreams.map(() => freePort('127.0.0.1')));
  const servers = upstreams.map((upstream, i) => `
    server {
      listen 127.0.0.1:${ports[i]} ssl;
      server_name localhost;
      ssl_certificate ${cert};
      ssl_certificate_key ${key};
      location / {
        proxy_pass ${new URL(upstream).origin};
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_buffering off;
        proxy_read_timeout 1h;
      }
    }`).join('\n');
  // As root, nginx's workers would otherwise run as nobody, who cannot enter this private folder.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  writeFileSync(join(dir, 'nginx.conf'), `
    ${user}
    worker_processes 1;
    pid ${join(dir, 'nginx.pid')};
    error_log stderr warn;
    events { worker_connections 256; }
    http {
      access_log off;
      client_body_temp_path ${join(dir, 'body')};
      proxy_temp_path ${join(dir, 'proxy')};
      fastcgi_temp_path ${join(dir, 'fastcgi')};
      uwsgi_temp_path ${join(dir, 'uwsgi')};
      scgi_temp_path ${join(dir, 'scgi')};
      ${servers}
    }
  `);
  const proc = startProcess({ name: 'nginx', command: NGINX, args: ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'] });
  const stop = async () => {
    await proc.stop(5_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      await waitUntilReady({ what: `nginx on 127.0.0.1:${port}`, process: proc, timeoutMs: 15_000, probe: () => tcpAnswers(port) });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { urls: ports.map((p) => `https://127.0.0.1:${p}`), certificateFile: cert, stop };
}
