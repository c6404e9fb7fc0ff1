// The cached reconciliation stays equal to one computed from scratch by a new instance, whatever changes the usage
// or the inventory: uploads through ingest, writes by another instance on the same file, a device moved to another
// person, rows deleted directly, a change log pruned past the reader, seats and people edited.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { addDays } from '../../server/domain/days.ts';
import { saveUsage } from '../../server/queries/usage.ts';
import { pruneUsageChanges } from '../../server/queries/usage-changes.ts';
import { readReconciliation } from '../../server/services/reconciliation.ts';
import { buildLargeCompany, type LargeCompany } from '../bench/large-company.ts';

const AS_OF = '2026-11-20';
const PEOPLE = 300;
let dir: string;
let company: LargeCompany;
let other: Db;

const deviceOf = (person: number) => `dev-${String(person).padStart(7, '0')}`;

/** Everything a reader sees: every row and every holder's status, as plain data. */
async function report(db: Db, asOf = AS_OF) {
  const read = await readReconciliation(db, asOf);
  return {
    totals: read.totals,
    rows: read.subscriptions.map(({ terms: _terms, ...row }) => row),
    holders: [...read.holders].sort(([a], [b]) => a - b),
  };
}

/** The same figures from an instance that never read before (no cache). */
async function fromScratch(asOf = AS_OF) {
  const fresh = await openDatabase({ url: `file:${join(dir, `company-${PEOPLE}.db`)}` });
  try {
    return await report(fresh, asOf);
  } finally {
    fresh.$client.close();
  }
}

const upload = (db: Db, person: number, appId: string, day: string, activeSeconds: number) =>
  saveUsage(
    db,
    deviceOf(person),
    [{ appId, day, activeSeconds, visits: 1, lastActiveAt: null }],
    new Date(`${AS_OF}T12:00:00Z`),
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-usage-index-'));
  company = await buildLargeCompany(dir, PEOPLE, AS_OF);
  other = await openDatabase({ url: `file:${join(dir, `company-${PEOPLE}.db`)}` });
}, 60_000);

afterAll(() => {
  other?.$client.close();
  company?.db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the reconciliation cache', () => {
  it('starts equal to a from-scratch read, and a second read with nothing new is the same', async () => {
    const first = await report(company.db);
    expect(first.rows.length).toBe(250);
    expect(first).toEqual(await fromScratch());
    expect(await report(company.db)).toEqual(first);
  });

  it('follows uploads of this instance, today and earlier in the window, as a new instance reads them', async () => {
    const before = await report(company.db);
    for (let person = 1; person <= 60; person += 1) {
      await upload(company.db, person, 'slack', AS_OF, 3_000 + person);
      await upload(company.db, person, 'zoom', addDays(AS_OF, -(person % 40)), 7_000);
    }
    const after = await report(company.db);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await fromScratch());
  });

  it('follows writes another instance made to the same database file', async () => {
    const before = await report(company.db);
    for (let person = 100; person <= 140; person += 1) await upload(other, person, 'figma', AS_OF, 5_000);
    const after = await report(company.db);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await fromScratch());
  });

  it('reads everything again when a device moves to another person or usage rows are deleted directly', async () => {
    await other.$client.execute({ sql: 'update devices set person_id = 2 where id = ?', args: [deviceOf(1)] });
    expect(await report(company.db)).toEqual(await fromScratch());
    await other.$client.execute({ sql: 'delete from person_usage_daily where person_id = 3' });
    await other.$client.execute({ sql: 'delete from usage_daily where device_id = ?', args: [deviceOf(4)] });
    expect(await report(company.db)).toEqual(await fromScratch());
  });

  it('builds again when the change log was pruned past what it read', async () => {
    await report(company.db);
    for (let person = 150; person <= 170; person += 1) await upload(other, person, 'notion', AS_OF, 4_000);
    expect(await pruneUsageChanges(other, new Date('2999-01-01T00:00:00Z'))).toBeGreaterThan(0);
    for (let person = 171; person <= 175; person += 1) await upload(other, person, 'notion', AS_OF, 4_000);
    expect(await report(company.db)).toEqual(await fromScratch());
  });

  it('follows the inventory: a seat removed, a person who left, a subscription with a longer window', async () => {
    await report(company.db);
    await other.$client.execute('delete from seats where id = (select min(id) from seats)');
    await other.$client.execute("update people set status = 'left' where id = 5");
    await other.$client.execute('update subscriptions set activity_window_days = 90 where id = 2');
    const after = await report(company.db);
    expect(after.rows.find((row) => row.subscriptionId === 2)).toBeDefined();
    expect(after).toEqual(await fromScratch());
  });

  it('keeps each as-of day apart', async () => {
    const yesterday = addDays(AS_OF, -1);
    await report(company.db, yesterday);
    await upload(company.db, 200, 'slack', AS_OF, 9_000);
    await upload(company.db, 201, 'slack', yesterday, 9_000);
    expect(await report(company.db, yesterday)).toEqual(await fromScratch(yesterday));
    expect(await report(company.db)).toEqual(await fromScratch());
  });
});
