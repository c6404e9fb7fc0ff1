// A large HR import runs on the import thread, with its own connection to the libSQL file: its reply, the directory
// it leaves and its audit entry are the same as the same import run inline, a bad file is refused the same way with
// nothing stored, the event loop stays free meanwhile, and the thread runs at a lower CPU priority.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importPeopleList, type PeopleImportInput } from '../../server/services/people-import.ts';
import { BACKGROUND_NICE, threadId } from '../../server/threads/background-priority.mjs';
import { peopleImportThreadOf } from '../../server/threads/people-import-thread.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';
import { nicenessOfThreads } from '../support/thread-niceness.ts';

const ROWS = 6_000;
let threaded: TestServer;
let inline: TestServer;

beforeEach(async () => {
  [threaded, inline] = await Promise.all([createTestServer(), createTestServer()]);
});
afterEach(async () => Promise.all([threaded.close(), inline.close()]));

function hrExport(rows: number, status = (i: number) => (i % 10 === 0 ? 'left' : 'active')) {
  const lines = ['email,name,department,status'];
  for (let i = 0; i < rows; i += 1) lines.push(`person${i}@acme.example,Person ${i},Dept ${i % 12},${status(i)}`);
  return `${lines.join('\n')}\n`;
}

const input = (text: string, dryRun = false): PeopleImportInput => ({
  file: { text, encodingWarning: null },
  mode: 'merge',
  dryRun,
  actor: 'hr@acme.example',
  today: '2026-12-01',
  now: new Date('2026-12-01T09:00:00Z'),
});

async function directoryOf(server: TestServer) {
  const { rows } = await server.db.$client.execute(
    'select email, name, department, status, confirmed_at from people order by email',
  );
  return rows.map((row) => ({ ...row }));
}

async function importAuditOf(server: TestServer) {
  const { rows } = await server.db.$client.execute(
    "select actor, action, after from audit_log where action = 'people.import' order by id",
  );
  return rows.map((row) => ({ ...row }));
}

it('imports on the thread exactly what the same import does inline', async () => {
  const text = hrExport(ROWS);
  const onThread = await importPeopleList({ db: threaded.db }, input(text), { threadFromChars: 0 });
  const onLoop = await importPeopleList({ db: inline.db }, input(text), { threadFromChars: Number.POSITIVE_INFINITY });
  expect(peopleImportThreadOf(threaded.db)?.answered).toBe(1);
  expect(onThread).toEqual(onLoop);
  expect(onThread).toMatchObject({ rows: ROWS, added: ROWS, leavers: ROWS / 10 });
  const people = await directoryOf(threaded);
  expect(people).toHaveLength(ROWS);
  expect(people).toEqual(await directoryOf(inline));
  expect(await importAuditOf(threaded)).toEqual(await importAuditOf(inline));
});

it('previews on the thread without writing, and refuses a bad file whole with the same error as inline', async () => {
  const before = await directoryOf(threaded);
  const preview = await importPeopleList({ db: threaded.db }, input(hrExport(ROWS), true), { threadFromChars: 0 });
  expect(preview).toMatchObject({ dryRun: true, added: ROWS });
  expect(await directoryOf(threaded)).toEqual(before);

  const broken = `${hrExport(ROWS)}"unterminated@acme.example,Broken\n`;
  const onThread = importPeopleList({ db: threaded.db }, input(broken), { threadFromChars: 0 });
  const onLoop = importPeopleList({ db: inline.db }, input(broken), { threadFromChars: Number.POSITIVE_INFINITY });
  const [threadError, loopError] = await Promise.all([onThread.catch((e) => e), onLoop.catch((e) => e)]);
  expect(threadError).toBeInstanceOf(loopError.constructor);
  expect({ code: threadError.code, message: threadError.message }).toEqual({
    code: loopError.code,
    message: loopError.message,
  });
  expect(threadError.code).toBe('invalid_csv');
  expect(await directoryOf(threaded)).toEqual(before);
  expect(await importAuditOf(threaded)).toEqual([]);
});

it('answers a large import over HTTP through the thread, and the directory shows it at once', async () => {
  const admin = await threaded.login();
  const text = hrExport(ROWS * 2);
  expect(text.length).toBeGreaterThan(256 * 1024);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const response = await threaded.app.request('/api/v1/people/import?mode=merge', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: admin.cookie },
    body: text,
  });
  delay.disable();
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ added: ROWS * 2 });
  expect(peopleImportThreadOf(threaded.db)?.answered).toBe(1);
  console.log(`[import thread] ${ROWS * 2} rows: longest event-loop delay ${(delay.max / 1e6).toFixed(0)} ms`);
  const { status, json } = await threaded.call('GET', '/api/v1/people?search=person11999@', undefined, admin);
  expect(status).toBe(200);
  expect(json).toMatchObject({ total: 1 });
});

it.runIf(process.platform === 'linux')(
  'runs the import thread at a lower CPU priority than the thread answering requests',
  async () => {
    const before = nicenessOfThreads();
    await importPeopleList({ db: threaded.db }, input(hrExport(50)), { threadFromChars: 0 });
    expect(peopleImportThreadOf(threaded.db)).not.toBeNull();
    const after = nicenessOfThreads();
    const started = [...after].filter(([id]) => !before.has(id));
    expect(started.map(([, nice]) => nice)).toContain(BACKGROUND_NICE);
    // This thread, which answers the requests here, keeps its priority.
    expect(after.get(threadId()!)).toBe(before.get(threadId()!));
    expect(after.get(threadId()!)).not.toBe(BACKGROUND_NICE);
  },
);
