// What every route can reach: the database, the clock, and the request's authenticated caller.
import type { PasswordLogin, SsoSettings } from './auth/sso-settings.ts';
import type { Db } from './db/client.ts';
import type { ExtensionPackages } from './extension-release/extension-packages.ts';
import type { DeviceVariables } from './middleware/device.ts';
import type { PrincipalVariables } from './middleware/principal.ts';
import type { PersonMaskVariables } from './middleware/pseudonymise.ts';
import type { ConnectorSettings } from './scim/connector-settings.ts';

export type AppDeps = {
  db: Db;
  /** Injected so tests can fix the day. */
  now: () => Date;
  publicUrl?: string | undefined;
  secureCookies: 'auto' | 'always' | 'never';
  /** Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry (sign-in throttling). */
  trustProxy?: boolean;
  /** Folder of the built dashboard; null serves no dashboard (API only). */
  dashboardDir: string | null;
  /** The Seatwise version, shown in the API description. */
  version?: string;
  /** The built extension as this server signs and serves it; absent serves no /extension files. */
  extension?: ExtensionPackages;
  /** The scheduler, when one runs: changes that matter to a job ask it to run soon. */
  jobs?: { request: (job: string) => void };
  /** The identity provider people sign in with (DESIGN section 9); absent or null: passwords only. */
  sso?: SsoSettings | null;
  /** Who may sign in with a password: everyone (default), only admins (a break-glass login), or nobody. */
  passwordLogin?: PasswordLogin;
  /** How connectors reach vendors; the defaults (public addresses only) when absent. */
  connectors?: ConnectorSettings;
};

export type AppEnv = { Variables: PrincipalVariables & DeviceVariables & PersonMaskVariables };
