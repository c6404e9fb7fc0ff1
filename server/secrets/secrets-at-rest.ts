// At start: finds the secret key, checks it opens this database's secrets, and seals any secret still stored in
// plaintext (an installation from before encryption), and drops the links of reclaim emails already sent.
import type { Client } from '@libsql/client';
import { sealPlaintextSecrets } from './seal-plaintext.ts';
import { createSecretBox, isSealed, type SecretBox, SecretKeyMismatch } from './secret-box.ts';
import { createKeyFile, keyFileFor, readKeyFile, SECRET_KEY_FORMAT } from './secret-key.ts';

const KEY_CHECK_SETTING = 'secret_key_check';
const KEY_CHECK_TEXT = 'seatwise';
const LOST_KEY = 'if the key is lost for good, `npm run cli -- forget-secrets --yes` drops the secrets it protected';

export type UnlockedSecrets = SecretBox & {
  /** Where the key came from, for the start-up line (never the key). */
  keySource: string;
  /** This start created the key file: the admin must back it up. */
  keyCreated: boolean;
};

/** Why the server cannot use the database's secrets, in words saying what to do. */
export class SecretsStartError extends Error {
  override name = 'SecretsStartError';
}

export async function unlockSecrets(
  client: Client,
  options: { secretKey?: Buffer | undefined; databasePath: string | null },
): Promise<UnlockedSecrets> {
  const check = await readKeyCheck(client);
  let key: Buffer;
  let keySource: string;
  let keyCreated = false;
  if (options.secretKey) {
    key = options.secretKey;
    keySource = 'SEATWISE_SECRET_KEY';
  } else if (options.databasePath) {
    const path = keyFileFor(options.databasePath);
    keySource = `the key file ${path}`;
    const existing = readKeyFile(path);
    if (existing) key = existing;
    else if (check !== null) {
      // A new key could never open what is stored: say so instead of making one.
      throw new SecretsStartError(
        `the database holds encrypted secrets but their key file ${path} is missing: ` +
          'restore it from the backup taken with the database (it is named after the database file), ' +
          `or set SEATWISE_SECRET_KEY to that key; ${LOST_KEY}`,
      );
    } else {
      key = createKeyFile(path);
      keyCreated = true;
    }
  } else {
    throw new SecretsStartError(
      `a remote database needs SEATWISE_SECRET_KEY (${SECRET_KEY_FORMAT}), the same on every instance`,
    );
  }

  const box = createSecretBox(key);
  if (check === null) {
    await client.execute({
      sql: `insert into settings (key, value) values (?, ?) on conflict (key) do nothing`,
      args: [KEY_CHECK_SETTING, JSON.stringify(box.seal('key.check', KEY_CHECK_TEXT))],
    });
  }
  const stored = check ?? (await readKeyCheck(client))!;
  try {
    if (!isSealed(stored) || box.open('key.check', stored) !== KEY_CHECK_TEXT) throw new SecretKeyMismatch('key.check');
  } catch (error) {
    if (!(error instanceof SecretKeyMismatch)) throw error;
    throw new SecretsStartError(
      `the secrets in this database were encrypted with another key than ${keySource}: ` +
        'set SEATWISE_SECRET_KEY to the key they were encrypted with, ' +
        `or restore the database's key file from the backup taken with it; ${LOST_KEY}`,
    );
  }
  await sealPlaintextSecrets(client, box, options.databasePath !== null);
  return { ...box, keySource, keyCreated };
}

async function readKeyCheck(client: Client): Promise<string | null> {
  const result = await client.execute({ sql: 'select value from settings where key = ?', args: [KEY_CHECK_SETTING] });
  const value = result.rows[0]?.value;
  if (value === undefined || value === null) return null;
  const parsed = JSON.parse(String(value)) as unknown;
  return typeof parsed === 'string' ? parsed : null;
}
