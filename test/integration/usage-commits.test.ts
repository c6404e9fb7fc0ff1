// Group commit of usage uploads on a real libSQL file: uploads arriving together land together, each answered after
// its commit; one upload that cannot be stored fails alone and the rest of its group still lands.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/days.ts';
import { commitUpload, MAX_GROUP_RECORDS, MAX_GROUP_UPLOADS } from '../../server/services/usage-commits.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer({ now: new Date('2026-11-20T12:00:00Z') });
});
afterEach(async () => server.close());

const NOW = new Date('2026-11-20T12:00:00Z');
const records = (seconds: number) => [
  { appId: 'slack', day: '2026-11-20', activeSeconds: seconds, visits: 1, lastActiveAt: '2026-11-20T11:00:00Z' },
];

async function storedSeconds(): Promise<Record<string, number>> {
  const rows = await server.db.$client.execute('select device_id, active_seconds from usage_daily');
  return Object.fromEntries(rows.rows.map((row) => [String(row.device_id), Number(row.active_seconds)]));
}

describe('group commit of uploads', () => {
  it('stores every upload of a burst larger than one group, each resolved after it is stored', async () => {
    // More devices than the enrollment throttle lets one address enroll in a minute: written directly.
    const devices = Array.from({ length: MAX_GROUP_UPLOADS * 2 + 5 }, (_, i) => ({ deviceId: `burst-${i}` }));
    await server.db.$client.batch(
      devices.flatMap(({ deviceId }, i) => [
        { sql: 'insert into people (email) values (?)', args: [`p${i}@example.com`] },
        {
          sql: `insert into devices (id, person_id, browser, extension_version, token_hash)
            values (?, (select id from people where email = ?), 'chrome', 'test', ?)`,
          args: [deviceId, `p${i}@example.com`, `hash-${i}`],
        },
      ]),
      'write',
    );
    const seen: boolean[] = [];
    await Promise.all(
      devices.map(async (device, i) => {
        await commitUpload(server.db, { deviceId: device.deviceId, records: records(100 + i), at: NOW });
        // Answered only once it is in the database.
        seen[i] = (await storedSeconds())[device.deviceId] === 100 + i;
      }),
    );
    expect(seen.filter(Boolean).length).toBe(devices.length);
    expect(Object.keys(await storedSeconds()).length).toBe(devices.length);
  });

  it('fails only the upload that cannot be stored; the others in its group land', async () => {
    const ada = await server.enrollDevice('ada@example.com');
    const bob = await server.enrollDevice('bob@example.com');
    // A device deleted between its authentication and the commit: the transaction skips its rows and refuses it.
    const results = await Promise.allSettled([
      commitUpload(server.db, { deviceId: ada.deviceId, records: records(60), at: NOW }),
      commitUpload(server.db, { deviceId: 'deleted-device', records: records(5), at: NOW }),
      commitUpload(server.db, { deviceId: bob.deviceId, records: records(70), at: NOW }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'invalid_device_token' });
    expect(await storedSeconds()).toEqual({ [ada.deviceId]: 60, [bob.deviceId]: 70 });
  });

  it('merges two uploads of one device in one group as two uploads in turn would: the maximum stays', async () => {
    const ada = await server.enrollDevice('ada@example.com');
    await Promise.all([
      commitUpload(server.db, { deviceId: ada.deviceId, records: records(50), at: NOW }),
      commitUpload(server.db, { deviceId: ada.deviceId, records: records(40), at: NOW }),
    ]);
    expect(await storedSeconds()).toEqual({ [ada.deviceId]: 50 });
  });

  it('stores uploads whose records together exceed one group', async () => {
    const devices = [];
    for (let i = 0; i < 3; i++) devices.push(await server.enrollDevice(`big${i}@example.com`));
    const apps = ['slack', 'figma', 'notion'];
    const many = Array.from({ length: MAX_GROUP_RECORDS / 2 }, (_, k) => ({
      appId: apps[k % 3]!,
      day: addDays('2026-11-20', -Math.floor(k / 3)),
      activeSeconds: 60,
      visits: 1,
      lastActiveAt: null,
    }));
    await Promise.all(devices.map((d) => commitUpload(server.db, { deviceId: d.deviceId, records: many, at: NOW })));
    const count = await server.db.$client.execute('select count(*) as n from usage_daily');
    expect(Number(count.rows[0]!.n)).toBe(3 * many.length);
  });
});
