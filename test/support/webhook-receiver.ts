// A real HTTP endpoint on 127.0.0.1 that receives webhook posts, can be told to fail, and keeps what it got.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedPost = { headers: Record<string, string>; body: string; status: number };

export async function startWebhookReceiver() {
  const posts: ReceivedPost[] = [];
  const state = { failWith: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = state.failWith || 200;
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      posts.push({ headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/seatwise`;
  return { url, posts, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
