// What the real server process writes to its log when things go wrong: a failed database write names what failed
// but never a password, hash or token it carried; two instances starting together on a new database both start and
// create one admin between them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from './support/api-client.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const SECRET_SHAPES = [/scrypt\$/, /\b[0-9a-f]{64}\b/i, /\bsw[saedu]_[A-Za-z0-9_-]{16,}/];

describe('a failed write logs no secret', () => {
  let seatwise: SeatwiseProcess;
  let api: ApiClient;
  const SMTP_PASSWORD = 'smtp-Pa55word-that-must-not-leak';

  beforeAll(async () => {
    seatwise = await startSeatwise();
    api = await signIn(seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
    // Every write to these tables fails from now on, as on a full disk: the server must report it without the values.
    const raw = createClient({ url: `file:${seatwise.dbPath}` });
    for (const [table, when] of [
      ['settings', "new.key = 'smtp'"],
      ['users', '1'],
      ['api_tokens', '1'],
    ] as const) {
      for (const event of ['insert', 'update']) {
        await raw.execute(
          `create trigger fail_${table}_${event} before ${event} on ${table} when ${when} ` +
            "begin select raise(abort, 'database or disk is full'); end",
        );
      }
    }
    raw.close();
  });
  afterAll(async () => seatwise?.stop());

  it('answers 500 for the SMTP password, a new user and a new token, and logs each without its values', async () => {
    const attempts = [
      [
        'PUT',
        '/api/v1/settings/smtp',
        {
          host: 'smtp.example.com',
          port: 587,
          secure: false,
          username: 'mailer',
          password: SMTP_PASSWORD,
          from: 'seatwise@example.com',
        },
      ],
      ['POST', '/api/v1/users', { email: 'new@example.com', role: 'viewer', password: 'another-secret-password' }],
      ['POST', '/api/v1/tokens', { name: 'script', role: 'viewer' }],
    ] as const;
    for (const [method, path, body] of attempts) {
      await expect(api.send(method, path, body)).rejects.toThrow(/-> 500 .*internal_error/);
    }
    const log = seatwise.output();
    // Each failure is reported, with what failed and why.
    expect(log.match(/a database query failed/g)?.length, log).toBeGreaterThanOrEqual(3);
    expect(log).toContain('database or disk is full');
    expect(log).not.toContain(SMTP_PASSWORD);
    expect(log).not.toContain('another-secret-password');
    for (const shape of SECRET_SHAPES) expect(log, `log has something shaped like ${shape}`).not.toMatch(shape);
  });
});

describe('two instances start together on a new database', () => {
  it('both start, one admin is created, and no hash is logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatwise-race-'));
    const dbPath = join(dir, 'seatwise.db');
    const started: SeatwiseProcess[] = [];
    try {
      const results = await Promise.allSettled([
        startSeatwise({}, { dbPath, port: 0 }),
        startSeatwise({}, { dbPath, port: 0 }),
      ]);
      for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual([
        'started',
        'started',
      ]);

      const logs = started.map((s) => s.output()).join('\n');
      expect(logs.match(/created the first admin/g)?.length ?? 0, logs).toBe(1);
      for (const shape of SECRET_SHAPES) expect(logs).not.toMatch(shape);
      for (const instance of started) {
        const api = await signIn(instance.url, E2E_ADMIN.email, E2E_ADMIN.password);
        expect((await api.get<{ email: string }[]>('/api/v1/users')).map((u) => u.email)).toEqual([E2E_ADMIN.email]);
      }
    } finally {
      for (const instance of started) await instance.stop({ keepData: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
