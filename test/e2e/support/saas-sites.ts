// Local stand-ins for SaaS web apps: one HTTPS server on loopback answering for any hostname the browser maps to it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type SaasSites = { port: number; requests: string[]; stop: () => Promise<void> };

/** HTTPS because several real SaaS hosts are HSTS-preloaded: Chromium would refuse plain HTTP for them. */
export async function startSaasSites(): Promise<SaasSites> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=saas.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const requests: string[] = [];
  const server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      const host = (req.headers.host ?? 'unknown').split(':')[0]!;
      requests.push(`${host}${req.url ?? ''}`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>${host}</title><h1>${host}</h1><p>A local stand-in page for ${host}.</p>`);
    },
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
