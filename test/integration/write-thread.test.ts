// The database write thread on a real libSQL file: the event loop keeps running while a large write commits, a
// refused write says why, a write waits for another connection's lock instead of failing, its log is checkpointed by
// a thread of its own, and closing the database stops the threads.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client.ts';
import { WriteThreadError, writeThreadOf } from '../../server/db/write-thread.ts';
import { writeOneOffThread } from '../../server/queries/statements.ts';
import { BACKGROUND_NICE } from '../../server/threads/background-priority.mjs';
import { nicenessOfThreads } from '../support/thread-niceness.ts';
import { waitFor } from '../support/wait-for.ts';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seatwise-write-thread-'));
  db = await openDatabase({ url: `file:${join(dir, 'seatwise.db')}` });
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const person = (i: number) => ({ sql: 'insert into people (email) values (?)', args: [`p${i}@example.com`] });

describe('the write thread', () => {
  it('commits while the event loop goes on answering: timers fire before a large write is done', async () => {
    const thread = writeThreadOf(db)!;
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 1);
    try {
      await thread.write([{ sql: 'select 1' }]);
      ticks = 0;
      const statements = Array.from({ length: 20_000 }, (_, i) => person(i));
      await thread.write(statements);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    const counted = await db.$client.execute('select count(*) as n from people');
    expect(Number(counted.rows[0]!.n)).toBe(20_000);
  });

  it('has the log copied back into the file by the checkpoint thread, soon after its commits', async () => {
    const thread = writeThreadOf(db)!;
    const file = join(dir, 'seatwise.db');
    const before = statSync(file).size;
    // About 2 MB in a few commits: some 500 pages, far below the write connection's own checkpoint bound (10,000).
    for (let batch = 0; batch < 4; batch += 1) {
      await thread.write(
        Array.from({ length: 1_000 }, (_, i) => ({
          sql: 'insert into people (email, department) values (?, ?)',
          args: [`p${batch}-${i}@example.com`, 'x'.repeat(400)],
        })),
      );
    }
    const grown = await waitFor('the database file to hold the committed pages', () => {
      const size = statSync(file).size;
      return size > before + 1_500_000 ? size : null;
    });
    expect(grown).toBeGreaterThan(before);
    const counted = await db.$client.execute('select count(*) as n from people');
    expect(Number(counted.rows[0]!.n)).toBe(4_000);
  });

  it.runIf(process.platform === 'linux')(
    'runs the checkpoint thread at a lower CPU priority, and the write thread at the usual one',
    async () => {
      const before = nicenessOfThreads();
      await writeThreadOf(db)!.write([person(1)]);
      // The checkpoint thread lowers its priority as it starts, a moment after the write thread answered.
      const started = await waitFor('the checkpoint thread to lower its priority', () => {
        const added = [...nicenessOfThreads()].filter(([id]) => !before.has(id)).map(([, nice]) => nice);
        return added.includes(BACKGROUND_NICE) ? added : null;
      });
      expect(started.filter((nice) => nice !== BACKGROUND_NICE).length).toBeGreaterThan(0);
    },
  );

  it('refuses a write that breaks a constraint with the error code, and stores none of its batch', async () => {
    const thread = writeThreadOf(db)!;
    const refused = thread.write([
      person(1),
      {
        sql: `insert into devices (id, person_id, browser, extension_version, token_hash)
          values ('d1', 999, 'chrome', '1', 'h')`,
      },
    ]);
    await expect(refused).rejects.toBeInstanceOf(WriteThreadError);
    await expect(refused).rejects.toMatchObject({ code: expect.stringContaining('SQLITE_CONSTRAINT') });
    const counted = await db.$client.execute('select count(*) as n from people');
    expect(Number(counted.rows[0]!.n)).toBe(0);
  });

  it('waits for another connection to release the lock, then commits', async () => {
    const thread = writeThreadOf(db)!;
    const other = createClient({ url: `file:${join(dir, 'seatwise.db')}` });
    try {
      const holding = await other.transaction('write');
      await holding.execute({ sql: 'insert into people (email) values (?)', args: ['holder@example.com'] });
      let committed = false;
      const write = thread.write([person(1)]).then(() => {
        committed = true;
      });
      // The thread found the lock taken and waits instead of failing.
      await waitFor('the thread to find the lock taken', () => thread.lockWaits > 0, { intervalMs: 5 });
      expect(committed).toBe(false);
      await holding.commit();
      await write;
      expect(committed).toBe(true);
      const rows = await db.$client.execute('select email from people order by email');
      expect(rows.rows.map((row) => row.email)).toEqual(['holder@example.com', 'p1@example.com']);
    } finally {
      other.close();
    }
  });

  it('stops with the database: a write after close is refused', async () => {
    const thread = writeThreadOf(db)!;
    await thread.write([person(1)]);
    db.$client.close();
    await expect(thread.write([person(2)])).rejects.toThrow(/stopped/);
  });

  it('is not used for a database that is not a file', async () => {
    const remote = { ...db, $file: null } as Db;
    expect(writeThreadOf(remote)).toBeNull();
  });
  it('answers each statement with its rows (returning) or its change count, as the inline client would', async () => {
    const thread = writeThreadOf(db)!;
    const [inserted, updated, unchanged] = await thread.write([
      {
        sql: 'insert into people (email) values (?), (?) returning id, email',
        args: ['a@example.com', 'b@example.com'],
      },
      { sql: "update people set name = 'A' where email = ?", args: ['a@example.com'] },
      { sql: "update people set name = 'Z' where email = ?", args: ['nobody@example.com'] },
    ]);
    const stored = await db.$client.execute('select id, email from people order by id');
    expect(inserted).toEqual({ rows: stored.rows.map((row) => ({ ...row })) });
    expect([updated, unchanged]).toEqual([{ changes: 1 }, { changes: 0 }]);
    const leases = await writeOneOffThread(db, {
      sql: "insert into job_leases (name, holder, expires_at) values ('job', 'me', 1) returning holder",
    });
    expect(leases).toEqual([{ holder: 'me' }]);
  });
});
