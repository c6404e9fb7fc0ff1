// Queues notifications in the deliveries table, in the same batch as the change they are about, so a crash
// between the two neither loses nor invents a notification.
import type { InStatement } from '@libsql/client';
import type { Db } from '../db/client.ts';
import type { EmailContent, WebhookBody } from './messages.ts';

export type Recipients = { webhookIds: number[]; emails: string[] };

export async function loadRecipients(db: Db, emails: string[]): Promise<Recipients> {
  const hooks = await db.$client.execute('select id from webhooks where enabled = 1 order by id');
  return { webhookIds: hooks.rows.map((row) => Number(row.id)), emails };
}

export function enqueueStatements(
  recipients: Recipients,
  event: string,
  content: { webhook: WebhookBody; email: EmailContent },
  now: number,
): InStatement[] {
  return [
    ...recipients.webhookIds.map((id) => ({
      sql: `insert into deliveries (channel, webhook_id, event, payload, next_attempt_at) values ('webhook', ?, ?, ?, ?)`,
      args: [id, event, JSON.stringify(content.webhook), now],
    })),
    ...recipients.emails.map((email) => ({
      sql: `insert into deliveries (channel, recipient, event, payload, next_attempt_at) values ('email', ?, ?, ?, ?)`,
      args: [email, event, JSON.stringify(content.email), now],
    })),
  ];
}
