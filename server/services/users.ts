// Dashboard users and their roles: added, changed (role, disabled, password) and listed. The last enabled admin can
// be neither disabled nor demoted, and no password is ever written to the audit log.
import { hashPassword } from '../auth/password.ts';
import type { Role, UpdateUserBody, User } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import * as users from '../queries/users.ts';

export { listUsers } from '../queries/users.ts';

/** A login with its first password, stored hashed; nothing audited (the callers say who did it). */
export async function createUser(db: Db, email: string, password: string, role: Role): Promise<users.User> {
  return users.insertUser(db, email, await hashPassword(password), role);
}

/** Conflict `user_exists` when the email already has a login. */
export async function addUser(
  db: Db,
  input: { email: string; role: Role; password: string },
  actor: string,
): Promise<User> {
  if (await users.findUserByEmail(db, input.email)) {
    throw conflict('user_exists', `${input.email} already has a Seatwise login.`);
  }
  const created = await createUser(db, input.email, input.password, input.role);
  const user = (await users.getUser(db, created.id))!;
  await recordAudit(db, { actor, action: 'user.create', subjectType: 'user', subjectId: user.id, after: user });
  return user;
}

/** The user after the change; their sessions end so it takes effect at once. */
export async function changeUser(
  { db, now }: { db: Db; now: () => Date },
  id: number,
  change: UpdateUserBody,
  actor: string,
): Promise<User> {
  const before = await users.getUser(db, id);
  if (!before) throw notFound('The user');
  const losesAdmin =
    before.role === 'admin' &&
    !before.disabled &&
    ((change.role && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin && (await users.countEnabledAdmins(db)) <= 1) {
    throw conflict('last_admin', 'This is the only admin who can sign in; make another admin first.');
  }
  const stored: users.UserChange = {};
  if (change.role) stored.role = change.role;
  if (change.disabled !== undefined) stored.disabledAt = change.disabled ? now() : null;
  if (change.password) stored.passwordHash = await hashPassword(change.password);
  const after = (await users.saveUserChanges(db, id, stored))!;
  // The password itself never goes into the audit log: only that it changed.
  await recordAudit(db, {
    actor,
    action: 'user.update',
    subjectType: 'user',
    subjectId: id,
    before,
    after: { ...after, ...(change.password ? { passwordChanged: true } : {}) },
  });
  return after;
}
