// Builds a real Seatwise app on a fresh libSQL file for a test, with a fixed clock and signed-in helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/app-env.ts';
import type { Role } from '../../server/contract.ts';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { closeDatabase } from '../../server/db/close-hooks.ts';
import type { ExtensionPackages } from '../../server/extension-release/extension-packages.ts';
import { seedCatalog } from '../../server/queries/apps.ts';
import type { ConnectorSettings } from '../../server/scim/connector-settings.ts';
import { bootstrapFirstAdmin } from '../../server/services/first-admin.ts';
import { createUser } from '../../server/services/users.ts';

/** Vendors in tests are on 127.0.0.1 and answer at once: short timeouts and backoff, so failures show quickly. */
export const TEST_CONNECTOR_SETTINGS: ConnectorSettings = {
  allowPrivate: true,
  requestTimeoutMs: 3_000,
  deadlineMs: 60_000,
  attempts: 3,
  backoffBaseMs: 20,
  maxWaitMs: 2_000,
};

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export type TestServer = Awaited<ReturnType<typeof createTestServer>>;

/** `dbPath`: start on an existing database file (left in place by `close`) instead of a fresh one. */
export async function createTestServer(
  options: {
    now?: Date;
    dashboardDir?: string | null;
    extension?: ExtensionPackages;
    dbPath?: string;
    /** The scheduler the app asks for job runs after changes (none by default). */
    jobs?: AppDeps['jobs'];
    /** Single sign-on and the password-login mode (DESIGN section 9). */
    sso?: AppDeps['sso'];
    passwordLogin?: AppDeps['passwordLogin'];
    publicUrl?: string;
    /** How connectors reach vendors; by default private addresses allowed and short waits (TEST_CONNECTOR_SETTINGS). */
    connectors?: Partial<ConnectorSettings>;
  } = {},
) {
  const dir = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'seatwise-test-'));
  const dbPath = options.dbPath ?? join(dir!, 'seatwise.db');
  const db: Db = await openDatabase({ url: `file:${dbPath}` });
  await seedCatalog(db);
  await bootstrapFirstAdmin(db, ADMIN);
  const clock = { now: options.now ?? new Date('2026-11-20T12:00:00Z') };
  const app = createApp({
    db,
    now: () => clock.now,
    secureCookies: 'never',
    dashboardDir: options.dashboardDir ?? null,
    ...(options.extension ? { extension: options.extension } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.sso ? { sso: options.sso } : {}),
    ...(options.passwordLogin ? { passwordLogin: options.passwordLogin } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    connectors: { ...TEST_CONNECTOR_SETTINGS, ...options.connectors },
  });

  /** A request with JSON in and out; `auth` is a cookie header or a bearer token. */
  async function call(method: string, path: string, body?: unknown, auth?: { cookie?: string; bearer?: string }) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth?.cookie) headers.cookie = auth.cookie;
    if (auth?.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    const response = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json, headers: response.headers };
  }

  async function login(email = ADMIN.email, password = ADMIN.password): Promise<{ cookie: string }> {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { cookie: setCookie.split(';')[0]! };
  }

  async function signedInAs(role: Role): Promise<{ cookie: string }> {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await createUser(db, email, ADMIN.password, role);
    return login(email, ADMIN.password);
  }

  async function enrollDevice(email = 'ada@example.com', admin?: { cookie: string }) {
    const auth = admin ?? (await login());
    const { json: enrollment } = await call('POST', '/api/v1/enrollment-tokens', { label: 'test' }, auth);
    const { status, json } = await call('POST', '/api/v1/devices/enroll', {
      enrollmentToken: enrollment.token,
      email,
      browser: 'chrome',
      extensionVersion: '0.1.0',
    });
    if (status !== 201) throw new Error(`enroll failed: ${status} ${JSON.stringify(json)}`);
    return json as { deviceId: string; deviceToken: string };
  }

  let listening: { server: ServerType; url: string } | undefined;
  /** Serves the app over real HTTP on 127.0.0.1 (a free port) and gives its base URL; `close` stops it. */
  async function listen(): Promise<string> {
    listening ??= await new Promise<{ server: ServerType; url: string }>((resolve) => {
      const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
        resolve({ server, url: `http://127.0.0.1:${info.port}` }),
      );
    });
    return listening.url;
  }

  async function close() {
    if (listening) await new Promise((resolve) => listening!.server.close(resolve));
    // The worker threads close their own connections: the files are free once they have ended.
    await closeDatabase(db);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  return { app, db, dbPath, clock, call, login, signedInAs, enrollDevice, listen, close };
}
