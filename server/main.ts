// Starts Seatwise: parse the environment, open and migrate the database, seed the catalog, serve HTTP.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { DatabaseStartError, filePathOf, openDatabase } from './db/client.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { EnvError, parseEnv, ssoSettingsOf } from './env.ts';
import { extensionPackages } from './extension-release/extension-packages.ts';
import { createScheduler } from './jobs/scheduler.ts';
import { serverJobs } from './jobs/server-jobs.ts';
import { seedCatalog } from './queries/apps.ts';
import { logError } from './safe-log.ts';
import { DEFAULT_CONNECTOR_SETTINGS } from './scim/connector-settings.ts';
import { bootstrapFirstAdmin } from './services/first-admin.ts';
import { keepReconciliationWarm } from './services/reconciliation-warmup.ts';
import { peopleImportThreadOf } from './threads/people-import-thread.ts';

const DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/dashboard');
const EXTENSION_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/extension');
/** `--demo`: a demo company in its own database, reachable from this machine only, with a known admin login. */
const DEMO_ENV = { DATABASE_URL: 'file:data/demo.db', HOST: '127.0.0.1' };
const DEMO_ADMIN = { email: 'admin@demo.seatwise.dev', password: 'seatwise-demo-admin' };

async function main(): Promise<void> {
  const demo = process.argv.slice(2).includes('--demo');
  const env = parseEnv(demo ? { ...DEMO_ENV, ...process.env } : process.env);
  const db = await openDatabase({
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    secretKey: env.SEATWISE_SECRET_KEY,
  });
  await seedCatalog(db);
  const admin =
    env.SEATWISE_ADMIN_EMAIL && env.SEATWISE_ADMIN_PASSWORD
      ? { email: env.SEATWISE_ADMIN_EMAIL, password: env.SEATWISE_ADMIN_PASSWORD }
      : demo
        ? DEMO_ADMIN
        : null;
  const started = await bootstrapFirstAdmin(db, admin);
  if (demo) {
    const seeded = await seedDemo(db, new Date());
    if (seeded.seeded)
      console.log(
        `[seatwise] demo company created: ${seeded.people} people, ${seeded.subscriptions} subscriptions, ` +
          `${seeded.usageRecords} days of app use`,
      );
  }

  const connectorSettings = { ...DEFAULT_CONNECTOR_SETTINGS, allowPrivate: env.SEATWISE_CONNECTORS_ALLOW_PRIVATE };
  // Alert rules, notifications and reclaim deadlines; with several instances on one database each job runs once.
  const scheduler = createScheduler({
    db,
    jobs: serverJobs(db, env.SEATWISE_PUBLIC_URL ?? null, connectorSettings),
    tickMs: env.SEATWISE_JOB_TICK_SECONDS * 1000,
  });
  const app = createApp({
    db,
    now: () => new Date(),
    jobs: scheduler,
    publicUrl: env.SEATWISE_PUBLIC_URL,
    secureCookies: env.SEATWISE_SECURE_COOKIES,
    trustProxy: env.SEATWISE_TRUST_PROXY,
    sso: ssoSettingsOf(env),
    passwordLogin: env.SEATWISE_PASSWORD_LOGIN,
    connectors: connectorSettings,
    dashboardDir: DASHBOARD_DIR,
    extension: extensionPackages({
      distDir: EXTENSION_DIST,
      keyPath: signingKeyPath(env.SEATWISE_EXTENSION_KEY_FILE, env.DATABASE_URL),
      signedXpiPath: env.SEATWISE_EXTENSION_XPI ?? null,
    }),
  });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
    const base = env.SEATWISE_PUBLIC_URL?.replace(/\/$/, '') ?? `http://${shownHost}:${info.port}`;
    console.log(
      `[seatwise] listening on ${base} ` +
        `(database ${env.DATABASE_URL.startsWith('file:') ? env.DATABASE_URL : 'remote libSQL'})`,
    );
    if (db.$secrets.keyCreated)
      console.log(
        '[seatwise] stored secrets are encrypted with a new key in ' +
          `${db.$secrets.keySource.replace('the key file ', '')}: ` +
          'back it up with the database (without it they cannot be read)',
      );
    if (started.kind === 'admin_created') console.log(`[seatwise] created the first admin, ${started.email}`);
    if (demo && admin === DEMO_ADMIN)
      console.log(`[seatwise] demo: sign in as ${DEMO_ADMIN.email} with the password ${DEMO_ADMIN.password}`);
    if (started.kind === 'setup_link') {
      console.log(
        '[seatwise] no user exists yet. Open this one-time link to create the first admin:\n' +
          `  ${base}/#/setup?token=${started.token}`,
      );
    }
  });

  scheduler.start();
  // The import thread loads its modules now, at low priority, instead of at the first large import: starting then, it
  // took a core from the requests for a few hundred milliseconds.
  peopleImportThreadOf(db);
  // Build today's reconciliation index while nobody waits for it (in slices: requests are answered meanwhile), so the
  // first dashboard read after a start costs what changed, not the whole company; tomorrow's before midnight.
  const stopWarming = keepReconciliationWarm(
    db,
    () => new Date(),
    (error) => logError('warming the reconciliation figures failed', error),
  );
  const shutdown = () => {
    stopWarming();
    void scheduler.stop();
    server.close(() => {
      db.$client.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Beside a file database (and backed up with it); a remote database has no "beside", so the file must be named. */
function signingKeyPath(configured: string | undefined, databaseUrl: string): string | null {
  if (configured) return resolve(configured);
  const dbFile = filePathOf(databaseUrl);
  return dbFile ? join(dirname(resolve(dbFile)), 'extension-signing-key.pem') : null;
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else if (error instanceof DatabaseStartError) console.error(`[seatwise] cannot start: ${error.message}.`);
  else logError('failed to start', error);
  process.exit(1);
});
