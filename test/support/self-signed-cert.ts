// A throwaway self-signed certificate for 127.0.0.1 and localhost (openssl), for TLS servers in tests.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type SelfSignedCert = { key: string; cert: string; certPath: string };

export function makeSelfSignedCert(dir: string): SelfSignedCert {
  const keyPath = join(dir, 'smtp-key.pem');
  const certPath = join(dir, 'smtp-cert.pem');
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
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}
