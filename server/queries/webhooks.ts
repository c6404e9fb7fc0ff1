// Webhook endpoints (their signing secrets stored sealed) and the delivery log.
import { randomBytes } from 'node:crypto';
import type { Delivery, Webhook } from '../contract.ts';
import type { Db } from '../db/client.ts';

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)).toISOString());
const hint = (secret: string) => `…${secret.slice(-4)}`;

function toWebhook(db: Db, row: Record<string, unknown>): Webhook {
  const secret = db.$secrets.open('webhook.secret', String(row.secret));
  return {
    id: Number(row.id),
    name: String(row.name),
    url: String(row.url),
    secretHint: hint(secret),
    enabled: Boolean(row.enabled),
    createdAt: iso(row.created_at)!,
  };
}

export async function listWebhooks(db: Db): Promise<Webhook[]> {
  const result = await db.$client.execute('select * from webhooks order by id');
  return result.rows.map((row) => toWebhook(db, row));
}

export async function createWebhook(
  db: Db,
  input: { name: string; url: string },
): Promise<Webhook & { secret: string }> {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const result = await db.$client.execute({
    sql: 'insert into webhooks (name, url, secret) values (?, ?, ?) returning *',
    args: [input.name, input.url, db.$secrets.seal('webhook.secret', secret)],
  });
  return { ...toWebhook(db, result.rows[0]!), secret };
}

export async function deleteWebhook(db: Db, id: number): Promise<boolean> {
  const result = await db.$client.execute({ sql: 'delete from webhooks where id = ?', args: [id] });
  return result.rowsAffected === 1;
}

export async function getWebhook(db: Db, id: number): Promise<Webhook | null> {
  const result = await db.$client.execute({ sql: 'select * from webhooks where id = ?', args: [id] });
  return result.rows[0] ? toWebhook(db, result.rows[0]) : null;
}

export async function listDeliveries(
  db: Db,
  filter: { state?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; deliveries: Delivery[] }> {
  const where = filter.state ? ' where d.state = ?' : '';
  const args = filter.state ? [filter.state] : [];
  const [total, page] = await db.$client.batch(
    [
      { sql: `select count(*) as n from deliveries d${where}`, args },
      {
        sql: `select d.*, w.name as webhook_name from deliveries d left join webhooks w on w.id = d.webhook_id${where} order by d.id desc limit ? offset ?`,
        args: [...args, filter.limit, filter.offset],
      },
    ],
    'read',
  );
  return {
    total: Number(total!.rows[0]!.n),
    deliveries: page!.rows.map((row) => ({
      id: Number(row.id),
      channel: row.channel === 'email' ? 'email' : 'webhook',
      target: row.channel === 'email' ? String(row.recipient) : String(row.webhook_name ?? 'deleted webhook'),
      event: String(row.event),
      state: String(row.state) as Delivery['state'],
      attempts: Number(row.attempts),
      nextAttemptAt: row.state === 'pending' ? iso(row.next_attempt_at) : null,
      lastStatus: row.last_status === null ? null : Number(row.last_status),
      lastError: row.last_error === null ? null : String(row.last_error),
      deliveredAt: iso(row.delivered_at),
      createdAt: iso(row.created_at)!,
    })),
  };
}
