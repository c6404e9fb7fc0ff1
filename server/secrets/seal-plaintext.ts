// Upgrades an installation from before secrets were encrypted: every secret still in plaintext is sealed in place,
// and reclaim emails already sent lose their working link. Each write only replaces the value it read, so
// instances starting together on one database cannot undo each other.
import type { Client } from '@libsql/client';
import { reclaimPayloadOnceSent, RECLAIM_REQUEST_EVENT } from '../domain/reclaim-link.ts';
import { isSealed, SEALED_PREFIX, type SecretBox } from './secret-box.ts';

export async function sealPlaintextSecrets(client: Client, box: SecretBox): Promise<void> {
  const smtp = await client.execute(`select value from settings where key = 'smtp'`);
  const smtpValue = smtp.rows[0]?.value;
  if (typeof smtpValue === 'string') {
    const config = JSON.parse(smtpValue) as { password?: unknown };
    if (typeof config.password === 'string' && !isSealed(config.password)) {
      const sealed = JSON.stringify({ ...config, password: box.seal('smtp.password', config.password) });
      await client.execute({ sql: `update settings set value = ? where key = 'smtp' and value = ?`, args: [sealed, smtpValue] });
    }
  }

  const link = await client.execute(`select value from settings where key = 'link_secret'`);
  const linkValue = link.rows[0]?.value;
  if (typeof linkValue === 'string') {
    const secret = JSON.parse(linkValue) as unknown;
    if (typeof secret === 'string' && !isSealed(secret)) {
      await client.execute({ sql: `update settings set value = ? where key = 'link_secret' and value = ?`, args: [JSON.stringify(box.seal('reclaim.link_key', secret)), linkValue] });
    }
  }

  const hooks = await client.execute({ sql: 'select id, secret from webhooks where secret not like ?', args: [`${SEALED_PREFIX}%`] });
  const sealedHooks = hooks.rows.map((row) => ({ sql: 'update webhooks set secret = ? where id = ? and secret = ?', args: [box.seal('webhook.secret', String(row.secret)), Number(row.id), String(row.secret)] }));
  if (sealedHooks.length > 0) await client.batch(sealedHooks, 'write');

  const sent = await client.execute({ sql: `select id, payload from deliveries where event = ? and state != 'pending'`, args: [RECLAIM_REQUEST_EVENT] });
  const scrubbed = sent.rows.flatMap((row) => {
    const after = reclaimPayloadOnceSent(String(row.payload));
    return after === String(row.payload) ? [] : [{ sql: 'update deliveries set payload = ? where id = ? and payload = ?', args: [after, Number(row.id), String(row.payload)] }];
  });
  if (scrubbed.length > 0) await client.batch(scrubbed, 'write');
}
