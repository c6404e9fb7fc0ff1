// The first admin: from the environment at first start, else through the one-time setup link printed at start.
import { timingSafeEqual } from 'node:crypto';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import type { Me } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { Conflict, Unauthenticated } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import { deleteSetting, getSetting, saveSetting } from '../queries/settings.ts';
import { countUsers, insertFirstAdmin, insertUser } from '../queries/users.ts';
import { type OpenedSession, openSession } from './sessions.ts';

export const SETUP_TOKEN_SETTING = 'setup_token_hash';

export type BootstrapResult =
  | { kind: 'ready' }
  | { kind: 'admin_created'; email: string }
  | { kind: 'setup_link'; token: string };

export async function bootstrapFirstAdmin(
  db: Db,
  admin: { email: string; password: string } | null,
): Promise<BootstrapResult> {
  if ((await countUsers(db)) > 0) return { kind: 'ready' };
  if (admin) {
    // Several instances may start together on a new database: exactly one creates the admin, the others carry on.
    const user = await insertFirstAdmin(db, admin.email, await hashPassword(admin.password));
    if (!user) return { kind: 'ready' };
    await recordAudit(db, {
      actor: 'system',
      action: 'user.create',
      subjectType: 'user',
      subjectId: user.id,
      after: { email: user.email, role: user.role },
    });
    return { kind: 'admin_created', email: user.email };
  }
  // A new token every start: an old printed link stops working once the server restarts.
  const token = newSecretToken('setup');
  await saveSetting(db, SETUP_TOKEN_SETTING, hashToken(token));
  return { kind: 'setup_link', token };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Creates the first admin with the setup link's token and signs them in. Conflict `already_set_up` once a user
 * exists; Unauthenticated `invalid_setup_token` for any token but the latest printed.
 */
export async function setUpFirstAdmin(
  { db, now }: { db: Db; now: () => Date },
  input: { token: string; email: string; password: string },
): Promise<{ user: Me; session: OpenedSession }> {
  const stored = await getSetting<string>(db, SETUP_TOKEN_SETTING);
  if ((await countUsers(db)) > 0 || stored === null) {
    throw new Conflict('already_set_up', 'Seatwise is already set up; sign in instead.');
  }
  if (!sameHash(hashToken(input.token), stored)) {
    throw new Unauthenticated(
      'invalid_setup_token',
      'The setup link is not valid; use the latest link the server printed.',
    );
  }
  const user = await insertUser(db, input.email, await hashPassword(input.password), 'admin');
  await deleteSetting(db, SETUP_TOKEN_SETTING);
  await recordAudit(db, {
    actor: `user:${user.email}`,
    action: 'user.create',
    subjectType: 'user',
    subjectId: user.id,
    after: { email: user.email, role: user.role },
  });
  return { user, session: await openSession(db, user.id, now()) };
}
