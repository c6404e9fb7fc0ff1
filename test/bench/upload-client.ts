// The benches' client: uploads (and the dashboard reads beside them) through undici's connection pool (kept-alive
// connections, no fetch). The load generator shares the machine's two cores with the server, and fetch spent about a
// millisecond of its core per upload, as much as the server spent answering it; this client spends a fraction of
// that, so the figures measure the server.
import { Pool } from 'undici';
import type { UsageRecord } from '../../server/contract.ts';

export type UploadingDevice = { token: string };

const pools = new Map<string, Pool>();

/** One pool per server, with as many connections as uploads in flight. */
function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 256 });
    pools.set(origin, pool);
  }
  return pool;
}

/** Closes the kept-alive connections, so a stopped server's sockets do not keep the bench alive. */
export async function closeUploadConnections() {
  await Promise.all([...pools.values()].map((pool) => pool.destroy()));
  pools.clear();
}

/** Sends one upload as the device; resolves to its latency in ms, rejects unless the server accepted it. */
export async function timedUpload(url: string, device: UploadingDevice, records: UsageRecord[]): Promise<number> {
  const body = JSON.stringify({ records });
  const sent = performance.now();
  const response = await poolFor(new URL(url).origin).request({
    method: 'POST',
    path: '/api/v1/devices/usage',
    headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
    body,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`upload refused: ${response.statusCode} ${text}`);
  return performance.now() - sent;
}

/** GETs the path with an API token; resolves to the status once the whole reply has arrived. */
export async function readReply(url: string, path: string, token: string): Promise<number> {
  const response = await poolFor(new URL(url).origin).request({
    method: 'GET',
    path,
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
  });
  await response.body.arrayBuffer();
  return response.statusCode;
}
