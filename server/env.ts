// Parses the process environment once at boot; a bad value stops the server with a list of what is wrong.
import { z } from 'zod';
import type { PasswordLogin, SsoSettings } from './auth/sso-settings.ts';
import { Role } from './contract.ts';
import { isLoopbackHost, providerNameOf } from './domain/sso-provider-name.ts';
import { parseRoleMapping, type RoleMapping } from './domain/sso-roles.ts';
import { parseSecretKey, SECRET_KEY_FORMAT } from './secrets/secret-key.ts';

export const MIN_ADMIN_PASSWORD_LENGTH = 12;

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s): or ws(s):')
      .default('file:data/seatwise.db'),
    DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
    SEATWISE_ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).optional(),
    SEATWISE_ADMIN_PASSWORD: z
      .string()
      .min(MIN_ADMIN_PASSWORD_LENGTH, `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`)
      .optional(),
    SEATWISE_PUBLIC_URL: z.url().optional(),
    SEATWISE_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
    /** `true` behind a reverse proxy that sets X-Forwarded-For; then its last entry is the client's address. */
    SEATWISE_TRUST_PROXY: z
      .enum(['true', 'false'], 'must be true or false')
      .default('false')
      .transform((value) => value === 'true'),
    /** `1`: connectors may reach loopback and private addresses (tests, vendors on the premises). */
    SEATWISE_CONNECTORS_ALLOW_PRIVATE: z
      .enum(['0', '1'], 'must be 0 or 1')
      .default('0')
      .transform((value) => value === '1'),
    /**
     * The PEM key the server signs the Chrome/Edge extension with;
     * default: extension-signing-key.pem beside the database.
     */
    SEATWISE_EXTENSION_KEY_FILE: z.string().min(1).optional(),
    /**
     * The Firefox add-on signed by addons.mozilla.org, served at /extension/seatwise.xpi instead of the unsigned zip.
     */
    SEATWISE_EXTENSION_XPI: z.string().min(1).optional(),
    /** The key secrets at rest are sealed with; default: the key file beside a file database. Never logged. */
    SEATWISE_SECRET_KEY: z
      .string()
      .transform((text, context) => {
        const key = parseSecretKey(text);
        if (!key) context.addIssue({ code: 'custom', message: `must be ${SECRET_KEY_FORMAT}` });
        return key ?? Buffer.alloc(0);
      })
      .optional(),
    /** How often the scheduler looks for due jobs (alerts daily, the outbox each tick, reclaim deadlines hourly). */
    SEATWISE_JOB_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
    /** The OpenID provider people sign in with (DESIGN section 9); https:// except on a loopback address. */
    SEATWISE_OIDC_ISSUER: z
      .url('must be the issuer URL, e.g. https://example.okta.com')
      .refine((url) => {
        const parsed = URL.parse(url);
        if (!parsed) return true; // z.url() has said what is wrong
        return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
      }, 'must start with https:// (plain http:// only on a loopback address such as 127.0.0.1)')
      .optional(),
    SEATWISE_OIDC_CLIENT_ID: z.string().trim().min(1).max(500).optional(),
    SEATWISE_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
    SEATWISE_OIDC_NAME: z.string().trim().min(1).max(40, 'must be at most 40 characters').optional(),
    SEATWISE_OIDC_SCOPES: z
      .string()
      .trim()
      .max(500)
      .default('openid email profile')
      .refine((scopes) => scopes.split(/\s+/).includes('openid'), 'must include openid'),
    SEATWISE_OIDC_ROLE_CLAIM: z.string().trim().min(1).max(200).default('groups'),
    SEATWISE_OIDC_ROLES: z
      .string()
      .transform((text, context): RoleMapping => {
        const parsed = parseRoleMapping(text);
        if ('problems' in parsed) {
          for (const problem of parsed.problems) context.addIssue({ code: 'custom', message: problem });
          return [];
        }
        return parsed.mapping;
      })
      .default([]),
    SEATWISE_OIDC_DEFAULT_ROLE: z
      .enum([...Role.options, 'none'], `must be one of ${[...Role.options, 'none'].join(', ')}`)
      .default('viewer'),
    SEATWISE_PASSWORD_LOGIN: z.enum(['on', 'admins', 'off'], 'must be on, admins or off').default('on'),
  })
  .refine((env) => env.DATABASE_URL.startsWith('file:') || env.SEATWISE_SECRET_KEY !== undefined, {
    message: `is required with a remote database (the same on every instance): ${SECRET_KEY_FORMAT}`,
    path: ['SEATWISE_SECRET_KEY'],
  })
  .refine((env) => (env.SEATWISE_ADMIN_EMAIL === undefined) === (env.SEATWISE_ADMIN_PASSWORD === undefined), {
    message: 'SEATWISE_ADMIN_EMAIL and SEATWISE_ADMIN_PASSWORD must be set together',
    path: ['SEATWISE_ADMIN_PASSWORD'],
  })
  .refine(
    (env) =>
      env.SEATWISE_OIDC_ISSUER === undefined ||
      (env.SEATWISE_OIDC_CLIENT_ID !== undefined && env.SEATWISE_OIDC_CLIENT_SECRET !== undefined),
    {
      message: 'SEATWISE_OIDC_CLIENT_ID and SEATWISE_OIDC_CLIENT_SECRET are required with an issuer',
      path: ['SEATWISE_OIDC_ISSUER'],
    },
  )
  .refine(
    (env) =>
      env.SEATWISE_OIDC_ISSUER !== undefined ||
      (env.SEATWISE_OIDC_CLIENT_ID === undefined && env.SEATWISE_OIDC_CLIENT_SECRET === undefined),
    { message: 'is required when SEATWISE_OIDC_CLIENT_ID or _SECRET is set', path: ['SEATWISE_OIDC_ISSUER'] },
  )
  .refine((env) => env.SEATWISE_PASSWORD_LOGIN === 'on' || env.SEATWISE_OIDC_ISSUER !== undefined, {
    message: 'admins or off needs single sign-on (SEATWISE_OIDC_ISSUER), or nobody else could sign in',
    path: ['SEATWISE_PASSWORD_LOGIN'],
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Seatwise cannot start, the environment is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The identity provider people sign in with, or null when single sign-on is not configured. */
export function ssoSettingsOf(env: Env): SsoSettings | null {
  const { SEATWISE_OIDC_ISSUER: issuer, SEATWISE_OIDC_CLIENT_ID: clientId } = env;
  const clientSecret = env.SEATWISE_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    name: env.SEATWISE_OIDC_NAME ?? providerNameOf(issuer),
    scopes: env.SEATWISE_OIDC_SCOPES,
    roleClaim: env.SEATWISE_OIDC_ROLE_CLAIM,
    mapping: env.SEATWISE_OIDC_ROLES,
    defaultRole: env.SEATWISE_OIDC_DEFAULT_ROLE === 'none' ? null : env.SEATWISE_OIDC_DEFAULT_ROLE,
  };
}

export const passwordLoginOf = (env: Env): PasswordLogin => env.SEATWISE_PASSWORD_LOGIN;

/** Empty strings count as unset, so `PORT= npm start` means the default. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = EnvSchema.safeParse(present);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
}
