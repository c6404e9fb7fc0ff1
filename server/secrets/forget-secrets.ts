// For a database whose secret key is lost: drops what nobody can decrypt any more (the SMTP password, the webhooks'
// signing secrets, connector tokens, the reclaim-link key and the key check), so the server can start with a new key.
import type { Client } from '@libsql/client';

/** A webhook's secret until the forget-secrets command gives it a new one: never a valid signing secret. */
export const FORGOTTEN_SECRET = '';

export async function forgetSealedSecrets(client: Client): Promise<void> {
  await client.batch(
    [
      `update settings set value = json_set(value, '$.password', json('null')) where key = 'smtp'`,
      `delete from settings where key in ('link_secret', 'secret_key_check')`,
      { sql: 'update webhooks set secret = ?', args: [FORGOTTEN_SECRET] },
      { sql: 'update connectors set token = ?', args: [FORGOTTEN_SECRET] },
    ],
    'write',
  );
}
