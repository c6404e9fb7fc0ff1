// First start: the first admin from the environment, or a one-time setup link when no user exists yet.
import { hashToken, newSecretToken } from './auth/secret-token.ts';
import type { Db } from './db/client.ts';
import { recordAudit } from './queries/audit.ts';
import { saveSetting } from './queries/settings.ts';
import { countUsers, createFirstAdmin } from './queries/users.ts';

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
    const user = await createFirstAdmin(db, admin.email, admin.password);
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
