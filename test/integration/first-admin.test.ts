// The first admin from the environment is created once, however many instances start at the same moment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { bootstrapFirstAdmin } from '../../server/services/first-admin.ts';

const ADMIN = { email: 'first@example.com', password: 'first-admin-password' };
let dir = '';
let clients: Db[] = [];

afterEach(() => {
  for (const db of clients) db.$client.close();
  clients = [];
  rmSync(dir, { recursive: true, force: true });
});

it('four instances bootstrapping one new database at once create exactly one admin, and none fails', async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-first-admin-'));
  const url = `file:${join(dir, 'seatwise.db')}`;
  clients = [await openDatabase({ url })];
  for (let i = 1; i < 4; i++) clients.push(await openDatabase({ url }));

  const results = await Promise.all(clients.map((db) => bootstrapFirstAdmin(db, ADMIN)));
  expect(results.filter((r) => r.kind === 'admin_created')).toHaveLength(1);
  expect(results.filter((r) => r.kind === 'ready')).toHaveLength(3);
  const users = await clients[0]!.$client.execute('select email, role from users');
  expect(users.rows.map((row) => [row.email, row.role])).toEqual([[ADMIN.email, 'admin']]);
  const audit = await clients[0]!.$client.execute("select count(*) as n from audit_log where action = 'user.create'");
  expect(Number(audit.rows[0]!.n)).toBe(1);
});
