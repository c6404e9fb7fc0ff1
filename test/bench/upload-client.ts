// The benches' device client: uploads over node:http with kept-alive connections. The load generator shares the
// machine's two cores with the server, and fetch (undici) spent about a millisecond of its core per upload, as much
// as the server spent answering it; this client spends a fraction of that, so the figures measure the server.
import { Agent, request } from 'node:http';
import type { UsageRecord } from '../../server/contract.ts';

export type UploadingDevice = { token: string };

const agents = new Map<string, Agent>();

/** One kept-alive connection per upload in flight, per server. */
function agentFor(origin: string): Agent {
  let agent = agents.get(origin);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 256 });
    agents.set(origin, agent);
  }
  return agent;
}

/** Closes the kept-alive connections, so a stopped server's sockets do not keep the bench alive. */
export function closeUploadConnections() {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/** Sends one upload as the device; resolves to its latency in ms, rejects unless the server accepted it. */
export function timedUpload(url: string, device: UploadingDevice, records: UsageRecord[]): Promise<number> {
  const body = JSON.stringify({ records });
  const target = new URL('/api/v1/devices/usage', url);
  const sent = performance.now();
  return new Promise((answered, failed) => {
    const outgoing = request(
      target,
      {
        method: 'POST',
        agent: agentFor(target.origin),
        headers: {
          authorization: `Bearer ${device.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', failed);
        response.on('end', () => {
          if (response.statusCode === 200) answered(performance.now() - sent);
          else failed(new Error(`upload refused: ${response.statusCode} ${Buffer.concat(chunks).toString()}`));
        });
      },
    );
    outgoing.on('error', failed);
    outgoing.end(body);
  });
}
