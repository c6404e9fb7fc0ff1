// Starts Seatwise: parse the environment, open and migrate the database, seed the catalog, serve HTTP.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { bootstrapFirstAdmin } from './bootstrap.ts';
import { openDatabase } from './db/client.ts';
import { EnvError, parseEnv } from './env.ts';
import { seedCatalog } from './queries/apps.ts';

const DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/dashboard');

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const db = await openDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  await seedCatalog(db);
  const admin =
    env.SEATWISE_ADMIN_EMAIL && env.SEATWISE_ADMIN_PASSWORD
      ? { email: env.SEATWISE_ADMIN_EMAIL, password: env.SEATWISE_ADMIN_PASSWORD }
      : null;
  const started = await bootstrapFirstAdmin(db, admin);

  const app = createApp({
    db,
    now: () => new Date(),
    publicUrl: env.SEATWISE_PUBLIC_URL,
    secureCookies: env.SEATWISE_SECURE_COOKIES,
    dashboardDir: DASHBOARD_DIR,
  });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
    const base = env.SEATWISE_PUBLIC_URL?.replace(/\/$/, '') ?? `http://${shownHost}:${info.port}`;
    console.log(`[seatwise] listening on ${base} (database ${env.DATABASE_URL.startsWith('file:') ? env.DATABASE_URL : 'remote libSQL'})`);
    if (started.kind === 'admin_created') console.log(`[seatwise] created the first admin, ${started.email}`);
    if (started.kind === 'setup_link') {
      console.log(`[seatwise] no user exists yet. Open this one-time link to create the first admin:\n  ${base}/#/setup?token=${started.token}`);
    }
  });

  const shutdown = () => {
    server.close(() => {
      db.$client.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error('[seatwise] failed to start:', error);
  process.exit(1);
});
