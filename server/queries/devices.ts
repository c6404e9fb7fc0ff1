// Enrolled devices (one browser profile each): enrollment and bearer-token lookup.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Browser } from '../contract.ts';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Db } from '../db/client.ts';
import { devices } from '../db/schema.ts';
import { ensurePerson } from './people.ts';

export type DevicePrincipal = { id: string; personId: number };

export async function enrollDevice(
  db: Db,
  input: { email: string; browser: Browser; extensionVersion: string },
): Promise<{ deviceId: string; deviceToken: string }> {
  const deviceToken = newSecretToken('device');
  const deviceId = randomUUID();
  await db.transaction(async (tx) => {
    const personId = await ensurePerson(tx, input.email);
    await tx.insert(devices).values({
      id: deviceId,
      personId,
      browser: input.browser,
      extensionVersion: input.extensionVersion,
      tokenHash: hashToken(deviceToken),
    });
  });
  return { deviceId, deviceToken };
}

export async function getDeviceByToken(db: Db, token: string): Promise<DevicePrincipal | null> {
  const [row] = await db
    .select({ id: devices.id, personId: devices.personId })
    .from(devices)
    .where(and(eq(devices.tokenHash, hashToken(token)), isNull(devices.revokedAt)));
  return row ?? null;
}
