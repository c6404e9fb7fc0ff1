// Webhook endpoints alerts are posted to: listed, added and removed by admins (audited), and tested through the
// outbox like any alert, so the delivery log shows how the test went.
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { escapeSlack } from '../notify/messages.ts';
import { recordAudit } from '../queries/audit.ts';
import { enqueueStatements } from '../queries/outbox.ts';
import { writeAtomically } from '../queries/statements.ts';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks } from '../queries/webhooks.ts';

export { listWebhooks };

/** The endpoint with its signing secret, shown only in this reply. */
export async function addWebhook(db: Db, input: { name: string; url: string }, actor: string) {
  const created = await createWebhook(db, input);
  await recordAudit(db, {
    actor,
    action: 'webhook.create',
    subjectType: 'webhook',
    subjectId: created.id,
    after: { name: created.name, url: created.url },
  });
  return created;
}

/** Its pending deliveries go with it. */
export async function removeWebhook(db: Db, id: number, actor: string): Promise<void> {
  const before = await getWebhook(db, id);
  if (!before || !(await deleteWebhook(db, id))) throw notFound('The webhook');
  await recordAudit(db, {
    actor,
    action: 'webhook.delete',
    subjectType: 'webhook',
    subjectId: id,
    before: { name: before.name, url: before.url },
  });
}

export async function queueTestPost({ db, now }: { db: Db; now: () => Date }, id: number): Promise<void> {
  const hook = await getWebhook(db, id);
  if (!hook) throw notFound('The webhook');
  const body = {
    text: `Seatwise test post to ${escapeSlack(hook.name)}: this endpoint receives Seatwise alerts.`,
    seatwise: { event: 'test' },
  };
  const recipients = { webhookIds: [hook.id], emails: [] };
  await writeAtomically(db, enqueueStatements(db, recipients, 'test', { webhook: body, email: null }, now().getTime()));
}
