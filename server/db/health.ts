// Whether the database can be trusted with writes: a check at start (integrity, writability) and a cached write
// probe for /healthz, each explained in one line a person can act on.
import type { Client, InStatement } from '@libsql/client';

/** The innermost driver error code in an error's cause chain (SQLITE_READONLY, SQLITE_FULL, ...). */
export function sqliteCode(error: unknown): string | null {
  let current: unknown = error;
  let code: string | null = null;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const own = (current as Error & { code?: unknown }).code;
    if (typeof own === 'string' && own.startsWith('SQLITE_')) code = own;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return code;
}

const ADVICE: Record<string, string> = {
  SQLITE_READONLY:
    'the database is read-only: check that the server may write the file, its folder and its -wal/-shm files',
  SQLITE_PERM: 'the database may not be written: check the file permissions and attributes of the file and its folder',
  SQLITE_CANTOPEN: 'the database file cannot be opened: check the path and that its folder exists and is writable',
  SQLITE_FULL: 'the disk is full: free space where the database lives',
  SQLITE_IOERR: 'the disk reported an input/output error: check the disk and free space',
  SQLITE_CORRUPT: 'the database file is damaged: restore it from a backup',
  SQLITE_NOTADB: 'the file is not a Seatwise database (or is damaged): check DATABASE_URL, or restore from a backup',
};

/** One line on why the database cannot be used, for the log or /healthz; never the failing statement. */
export function explainDatabaseError(error: unknown): string {
  const code = sqliteCode(error);
  // Extended codes (SQLITE_IOERR_WRITE) share the advice of their primary code.
  const advice = code ? (ADVICE[code] ?? ADVICE[code.split('_').slice(0, 2).join('_')]) : undefined;
  if (advice) return `${advice} (${code})`;
  return `the database failed (${code ?? (error instanceof Error ? error.name : 'unknown error')})`;
}

/** `PRAGMA quick_check`: null when the file is sound, else the first problems it names. */
export async function quickCheck(client: Client): Promise<string | null> {
  const result = await client.execute('PRAGMA quick_check(5)');
  const problems = result.rows.map((row) => String(Object.values(row)[0])).filter((line) => line !== 'ok');
  return problems.length === 0 ? null : problems.join('; ');
}

export type WriteProbe = () => Promise<{ ok: true } | { ok: false; problem: string }>;
type ProbeResult = Awaited<ReturnType<WriteProbe>>;

/**
 * A write the health check makes at most every `everyMs`, so that a full disk or a read-only file shows up in
 * /healthz instead of only in failing requests. The first call waits for the probe; later ones answer with the last
 * result at once and start the next probe when the last is older than `everyMs`, so a health check never waits
 * for a write lock another connection holds (a large import's transaction).
 */
export function writeProbe(
  write: (statement: InStatement) => Promise<unknown>,
  everyMs = 5_000,
  now = () => Date.now(),
): WriteProbe {
  let last: { at: number; result: ProbeResult } | null = null;
  let running: Promise<ProbeResult> | null = null;
  const probe = (at: number) => {
    running ??= write({
      sql: `insert into settings (key, value) values ('health_probe', ?)
            on conflict(key) do update set value = excluded.value`,
      args: [JSON.stringify(at)],
    })
      .then(
        (): ProbeResult => ({ ok: true }),
        (error: unknown): ProbeResult => ({ ok: false, problem: `cannot write: ${explainDatabaseError(error)}` }),
      )
      .then((result) => {
        last = { at, result };
        running = null;
        return result;
      });
    return running;
  };
  return async () => {
    const at = now();
    if (!last) return probe(at);
    if (at - last.at >= everyMs) void probe(at);
    return last.result;
  };
}

/** Whether the database answers a read at all; null when it does, else what went wrong in words. */
export async function readProblem(client: Client): Promise<string | null> {
  try {
    await client.execute('select 1');
    return null;
  } catch (error) {
    return explainDatabaseError(error);
  }
}
