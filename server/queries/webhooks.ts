// Webhook endpoints, their signing secrets stored sealed (only the last four characters are ever shown).
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Webhook } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { webhooks } from '../db/schema.ts';

type Row = typeof webhooks.$inferSelect;

const hint = (secret: string) => `…${secret.slice(-4)}`;

function toWebhook(db: Db, row: Row): Webhook {
  const secret = db.$secrets.open('webhook.secret', row.secret);
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    secretHint: hint(secret),
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db.select().from(webhooks).orderBy(asc(webhooks.id));
  return rows.map((row) => toWebhook(db, row));
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export async function createWebhook(
  db: Db,
  input: { name: string; url: string },
): Promise<Webhook & { secret: string }> {
  const secret = newSecret();
  const [row] = await db
    .insert(webhooks)
    .values({ ...input, secret: db.$secrets.seal('webhook.secret', secret) })
    .returning();
  return { ...toWebhook(db, row!), secret };
}

export async function deleteWebhook(db: Db, id: number): Promise<boolean> {
  const removed = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  return removed.length === 1;
}

export async function getWebhook(db: Db, id: number): Promise<Webhook | null> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return row ? toWebhook(db, row) : null;
}

/** Gives every webhook a new signing secret (the old key is lost); replies each one's new secret, shown once. */
export async function renewWebhookSecrets(db: Db): Promise<{ id: number; name: string; secret: string }[]> {
  const hooks = await db.select({ id: webhooks.id, name: webhooks.name }).from(webhooks).orderBy(asc(webhooks.id));
  const renewed = [];
  for (const hook of hooks) {
    const secret = newSecret();
    await db
      .update(webhooks)
      .set({ secret: db.$secrets.seal('webhook.secret', secret) })
      .where(eq(webhooks.id, hook.id));
    renewed.push({ ...hook, secret });
  }
  return renewed;
}
