// Parallel enrollment on one database file through real server processes: 100 browsers enrolling at once, split
// over two instances sharing the file, all get their device (no 500 SQLITE_BUSY), each stored exactly once.
import { createClient } from '@libsql/client';
import { afterAll, expect, it } from 'vitest';
import { signIn } from './support/api-client.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const running: SeatwiseProcess[] = [];
afterAll(async () => {
  // The second instance shares the first one's folder: stop it without deleting, then the first cleans up.
  await running[1]?.stop({ keepData: true });
  await running[0]?.stop();
});

it('100 enrolls at once over two instances on one file all answer 201', async () => {
  const first = await startSeatwise();
  running.push(first);
  const second = await startSeatwise({}, { dbPath: first.dbPath, port: 0 });
  running.push(second);
  const api = await signIn(first.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const { token } = await api.post<{ token: string }>('/api/v1/enrollment-tokens', { label: 'Monday rollout' });

  const replies = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const response = await fetch(`${(i % 2 === 0 ? first : second).url}/api/v1/devices/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          enrollmentToken: token,
          email: `laptop-${i}@example.com`,
          browser: 'chrome',
          extensionVersion: '0.1.0',
        }),
      });
      return { status: response.status, body: await response.text() };
    }),
  );
  const failures = replies.filter((reply) => reply.status !== 201);
  expect(failures).toEqual([]);

  const db = createClient({ url: `file:${first.dbPath}` });
  try {
    const { rows } = await db.execute(
      'select (select count(*) from people) as people, (select count(distinct id) from devices) as devices, ' +
        "(select count(*) from audit_log where action = 'device.enroll') as audits",
    );
    expect({ ...rows[0] }).toEqual({ people: 100, devices: 100, audits: 100 });
  } finally {
    db.close();
  }
  expect(first.output() + second.output()).not.toMatch(/SQLITE_BUSY|database is locked/i);
});
