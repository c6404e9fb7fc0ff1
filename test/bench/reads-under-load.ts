// Responsiveness while the fleet uploads (issue 16 item 2): one reader at a time asks for /healthz and the dashboard's
// reads (subscriptions, the overview's reconciliation, a subscription's detail) until the load ends, each latency kept.
import { hashToken, newSecretToken } from '../../server/auth/secret-token.ts';
import type { Db } from '../../server/db/client.ts';
import { readReply } from './upload-client.ts';

export const READ_TARGET_P99_MS = 100;

const READS = [
  '/healthz',
  '/api/v1/subscriptions',
  '/api/v1/reconciliation',
  // As the detail page asks: its figures and its first page of 50 holders (of 10,000), not every holder at once.
  '/api/v1/subscriptions/1/reconciliation?limit=50',
] as const;

/** A viewer token and a few subscriptions with seats, so the reads have something to read. */
export async function prepareReads(db: Db, people: number): Promise<string> {
  const token = newSecretToken('api');
  const now = Date.now();
  await db.$client.batch(
    [
      {
        sql: "insert into api_tokens (name, role, token_hash) values ('bench reads', 'viewer', ?)",
        args: [hashToken(token)],
      },
      {
        sql:
          'insert into subscriptions (app_id, plan, metric, seats, unit_cost, currency, billing_period, updated_at) ' +
          "values ('slack', 'Pro', 'named_user', ?, 875, 'USD', 'monthly', ?), " +
          "('figma', 'Organization', 'named_user', ?, 4500, 'USD', 'monthly', ?), " +
          "('zoom', 'Business', 'named_user', ?, 1999, 'USD', 'monthly', ?)",
        args: [people, now, Math.ceil(people / 4), now, Math.ceil(people / 10), now],
      },
      {
        sql:
          "insert into seats (subscription_id, person_id, assigned_at, source) select 1, id, '2026-01-05', 'import' " +
          'from people',
        args: [],
      },
    ],
    'write',
  );
  return token;
}

/**
 * One read of each path before the load: a server that has been up has read them already, and the first read of a
 * new instance (building the usage index, loading the seat list) is not what a dashboard meets during a burst.
 */
export async function warmReads(url: string, token: string) {
  for (const path of READS) {
    const status = await readReply(url, path, token);
    if (status !== 200) throw new Error(`${path} answered ${status} before the load`);
  }
}

/** Reads one after another until `done` settles; per path, the latencies in ms, sorted. */
export async function readWhile(url: string, token: string, done: Promise<unknown>) {
  const latencies = new Map<string, number[]>(READS.map((path) => [path, []]));
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  for (let i = 0; !finished; i++) {
    const path = READS[i % READS.length]!;
    const started = performance.now();
    const status = await readReply(url, path, token);
    if (status !== 200) throw new Error(`${path} answered ${status} under load`);
    latencies.get(path)!.push(performance.now() - started);
  }
  for (const values of latencies.values()) values.sort((a, b) => a - b);
  return latencies;
}
