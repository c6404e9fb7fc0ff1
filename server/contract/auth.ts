// Signing in, users, API tokens and enrollment tokens.
import { z } from 'zod';
import { Email, oneLine, Role, Timestamp } from './primitives.ts';

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z.object({ id: z.number().int(), email: z.string(), role: Role });
export type Me = z.infer<typeof Me>;
/** GET /session: who is signed in, or null; never 401, so a first visit logs no failed request. */
export const SessionReply = z.object({ user: Me.nullable() });
export type SessionReply = z.infer<typeof SessionReply>;

/** GET /auth/methods: how people sign in here, for the sign-in page. */
export const SignInMethods = z.object({
  /** Who may sign in with a password: everyone, only admins (break-glass), or nobody. */
  password: z.enum(['on', 'admins', 'off']),
  sso: z.object({ name: z.string(), startUrl: z.string(), signOutUrl: z.string() }).nullable(),
});
export type SignInMethods = z.infer<typeof SignInMethods>;

export const CreateApiTokenBody = z.object({
  name: oneLine({ min: 1, max: 100 }),
  role: Role,
});
export const TokenReply = z.object({ token: z.string() });
export type TokenReply = z.infer<typeof TokenReply>;

export const CreateEnrollmentTokenBody = z.object({
  label: oneLine({ max: 100 }).optional(),
  /** After this the token enrolls nothing (401 enrollment_token_expired); a bare day means the end of that day, UTC. */
  expiresAt: Timestamp.optional(),
  /** How many devices it may ever enroll; the next answers 409 enrollment_token_used_up. */
  maxDevices: z.number().int().min(1).max(1_000_000).optional(),
});

export const MIN_PASSWORD_LENGTH = 12;
const Password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);

export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  role: Role,
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.object({ email: Email, role: Role, password: Password }).strict();
export const UpdateUserBody = z
  .object({ role: Role, disabled: z.boolean(), password: Password })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ApiTokenInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  /** The email of the user who made it; null when it was made with the command line. */
  createdBy: z.string().nullable(),
  /**
   * The role it acts with now: at most its maker's current role;
   * null when it no longer works (revoked, maker disabled).
   */
  actsAs: Role.nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;

export const EnrollmentTokenInfo = z.object({
  id: z.number().int(),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  maxDevices: z.number().int().nullable(),
  /** Devices enrolled with it so far (revoked ones included: they count towards maxDevices). */
  devicesEnrolled: z.number().int(),
  /** Of those, the devices not revoked. */
  devicesLive: z.number().int(),
});
export type EnrollmentTokenInfo = z.infer<typeof EnrollmentTokenInfo>;

export const RevokeEnrollmentTokenQuery = z.object({
  /** Also revoke every device enrolled with the token (their next upload answers 401). */
  revokeDevices: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export const RevokeEnrollmentTokenReply = z.object({ devicesRevoked: z.number().int() });
export type RevokeEnrollmentTokenReply = z.infer<typeof RevokeEnrollmentTokenReply>;

/** A domain as people type it after the @: lower-cased, letters, digits, hyphens and dots, at least one dot. */
const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/,
    'must be a domain such as acme.com (no @, no spaces)',
  );

/** Who may enroll a browser (DESIGN section 3); `requireSso` joins it with single sign-on (section 9). */
export const EnrollmentSettings = z.object({
  /** Emails must end in one of these (subdomains included); empty: any domain. */
  allowedEmailDomains: z.array(EmailDomain),
  /** Only people already in the directory (not merely created by an earlier enrollment) may enroll. */
  knownPeopleOnly: z.boolean(),
  /** Browsers enroll only through single sign-on; an enrollment token alone is refused (DESIGN section 9). */
  requireSso: z.boolean(),
});
export type EnrollmentSettings = z.infer<typeof EnrollmentSettings>;
export const UpdateEnrollmentSettingsBody = z
  .object({ allowedEmailDomains: z.array(EmailDomain).max(100), knownPeopleOnly: z.boolean(), requireSso: z.boolean() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
