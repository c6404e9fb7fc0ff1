// A JSON POST over real HTTP sent from a chosen loopback address (127.0.0.2, ...), for limits counted per address.
import { request as httpRequest } from 'node:http';

export type AddressedReply = { status: number; retryAfter: string | undefined; code: string | undefined };

export function postJsonFrom(base: URL, from: string, path: string, payload: unknown): Promise<AddressedReply> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            retryAfter: res.headers['retry-after'] as string | undefined,
            code: text ? JSON.parse(text).error?.code : undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
