// First start without SEATWISE_ADMIN_*: a one-time setup link creates the first admin, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { bootstrapFirstAdmin } from '../../server/services/first-admin.ts';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-setup-'));
  // A nested folder that does not exist yet: the server creates it.
  db = await openDatabase({ url: `file:${join(dir, 'nested', 'seatwise.db')}` });
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (app: ReturnType<typeof createApp>, body: unknown) =>
  app.request('/api/v1/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('creates the first admin with the printed token, signs them in, and cannot be used again', async () => {
  const started = await bootstrapFirstAdmin(db, null);
  if (started.kind !== 'setup_link') throw new Error(`expected a setup link, got ${started.kind}`);
  const app = createApp({ db, now: () => new Date(), secureCookies: 'never', dashboardDir: null });

  const wrong = await post(app, { token: 'swu_wrong', email: 'it@example.com', password: 'long-enough-password' });
  expect(wrong.status).toBe(401);
  const weak = await post(app, { token: started.token, email: 'it@example.com', password: 'short' });
  expect(weak.status).toBe(400);
  expect((await weak.json()).error.message).toMatch(/at least 12 characters/);

  const ok = await post(app, { token: started.token, email: 'IT@example.com', password: 'long-enough-password' });
  expect(ok.status).toBe(201);
  expect(await ok.json()).toMatchObject({ email: 'it@example.com', role: 'admin' });
  expect(ok.headers.get('set-cookie')).toMatch(/seatwise_session=/);

  const replay = await post(app, {
    token: started.token,
    email: 'mallory@example.com',
    password: 'long-enough-password',
  });
  expect(replay.status).toBe(409);
  expect(await bootstrapFirstAdmin(db, null)).toEqual({ kind: 'ready' });
});

it('applies migrations with WAL on for a file database and answers /healthz', async () => {
  const mode = await db.$client.execute('PRAGMA journal_mode');
  expect(String(mode.rows[0]![0])).toBe('wal');
  const app = createApp({ db, now: () => new Date(), secureCookies: 'never', dashboardDir: null });
  const health = await app.request('/healthz');
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
});

it('/healthz answers 503 and says why once writes fail, and ok again when they work', async () => {
  const app = createApp({ db, now: () => new Date(), secureCookies: 'never', dashboardDir: null });
  // This app probed before the disk filled: it keeps answering with that probe for a few seconds.
  expect((await app.request('/healthz')).status).toBe(200);
  // As on a full disk: every write of the health probe fails.
  await db.$client.execute(
    "create trigger full_disk before update on settings when new.key = 'health_probe' " +
      "begin select raise(abort, 'database or disk is full'); end",
  );
  try {
    // A fresh app probes at once; the probe's answer is kept for a few seconds, so a new app is made for each look.
    const failing = await createApp({ db, now: () => new Date(), secureCookies: 'never', dashboardDir: null }).request(
      '/healthz',
    );
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({ ok: false, problem: expect.stringMatching(/^cannot write: /) });
  } finally {
    await db.$client.execute('drop trigger full_disk');
  }
  expect(
    (await createApp({ db, now: () => new Date(), secureCookies: 'never', dashboardDir: null }).request('/healthz'))
      .status,
  ).toBe(200);
  expect((await app.request('/healthz')).status).toBe(200);
});
