// Upgrades an installation from before secrets were encrypted: every secret still in plaintext is sealed in place,
// and reclaim emails already sent lose their working link. Each write only replaces the value it read, so
// instances starting together on one database cannot undo each other.
import type { Client, InStatement } from '@libsql/client';
import { RECLAIM_REQUEST_EVENT, reclaimPayloadOnceSent } from '../domain/reclaim-link.ts';
import { isSealed, SEALED_PREFIX, type SecretBox } from './secret-box.ts';

/** `file`: an embedded database, whose pages this can scrub of the plaintext it replaces. */
export async function sealPlaintextSecrets(client: Client, box: SecretBox, file: boolean): Promise<void> {
  const writes = await plaintextReplacements(client, box);
  if (writes.length === 0) return;
  // SQLite leaves a replaced value's bytes in the page and in the WAL: secure_delete zeroes them in the page, and a
  // checkpoint that truncates the WAL drops the old frames, so the plaintext leaves the files, not only the rows.
  if (file) await client.execute('PRAGMA secure_delete=ON');
  await client.batch(writes, 'write');
  if (file) {
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    await client.execute('PRAGMA secure_delete=OFF');
  }
}

async function plaintextReplacements(client: Client, box: SecretBox): Promise<InStatement[]> {
  const writes: InStatement[] = [];
  const smtp = await client.execute(`select value from settings where key = 'smtp'`);
  const smtpValue = smtp.rows[0]?.value;
  if (typeof smtpValue === 'string') {
    const config = JSON.parse(smtpValue) as { password?: unknown };
    if (typeof config.password === 'string' && !isSealed(config.password)) {
      const sealed = JSON.stringify({ ...config, password: box.seal('smtp.password', config.password) });
      writes.push({ sql: `update settings set value = ? where key = 'smtp' and value = ?`, args: [sealed, smtpValue] });
    }
  }

  const link = await client.execute(`select value from settings where key = 'link_secret'`);
  const linkValue = link.rows[0]?.value;
  if (typeof linkValue === 'string') {
    const secret = JSON.parse(linkValue) as unknown;
    if (typeof secret === 'string' && !isSealed(secret)) {
      writes.push({
        sql: `update settings set value = ? where key = 'link_secret' and value = ?`,
        args: [JSON.stringify(box.seal('reclaim.link_key', secret)), linkValue],
      });
    }
  }

  const hooks = await client.execute({
    sql: 'select id, secret from webhooks where secret not like ?',
    args: [`${SEALED_PREFIX}%`],
  });
  for (const row of hooks.rows) {
    writes.push({
      sql: 'update webhooks set secret = ? where id = ? and secret = ?',
      args: [box.seal('webhook.secret', String(row.secret)), Number(row.id), String(row.secret)],
    });
  }

  const sent = await client.execute({
    sql: `select id, payload from deliveries where event = ? and state != 'pending'`,
    args: [RECLAIM_REQUEST_EVENT],
  });
  for (const row of sent.rows) {
    const after = reclaimPayloadOnceSent(String(row.payload));
    if (after !== String(row.payload))
      writes.push({
        sql: 'update deliveries set payload = ? where id = ? and payload = ?',
        args: [after, Number(row.id), String(row.payload)],
      });
  }
  return writes;
}
