// Bounded fault and load tests of usage ingest on the real server: 50 devices upload running totals while the
// server is killed with SIGKILL and restarted (no acknowledged upload lost though uploads are committed in groups,
// nothing lost after the devices sync again, no upload half applied), and while two instances share
// one database file with admins writing at the same time (no request fails). Loopback only; every loop is counted.
import { createClient } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from './support/api-client.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './support/seatwise-process.ts';

const DEVICES = 50;
const ROUNDS = 12;
const APPS = ['slack', 'figma', 'notion'];

type Totals = Map<string, number>; // `${appId}|${day}` -> activeSeconds

class SimulatedDevice {
  readonly totals: Totals = new Map();
  /** Every state the device sent, in order: the server must hold exactly one of them, never a mix. */
  readonly sent: Totals[] = [];
  /** The last state the server acknowledged: from then on it must hold at least this much of every record. */
  acked: Totals = new Map();
  constructor(
    readonly email: string,
    readonly deviceId: string,
    readonly token: string,
    private readonly days: string[],
  ) {}

  /** Works a little on every app and day, so each upload changes every record. */
  work(): void {
    for (const app of APPS)
      for (const day of this.days)
        this.totals.set(`${app}|${day}`, (this.totals.get(`${app}|${day}`) ?? 0) + 1 + Math.floor(Math.random() * 30));
  }

  body(): string {
    const records = [...this.totals].map(([key, activeSeconds]) => {
      const [appId, day] = key.split('|') as [string, string];
      return { appId, day, activeSeconds, visits: 1, lastActiveAt: `${day}T12:00:00Z` };
    });
    return JSON.stringify({ records });
  }

  /**
   * One upload attempt; false when the server could not be reached or failed (the device keeps its totals and
   * retries).
   */
  async upload(url: string): Promise<boolean> {
    const snapshot = new Map(this.totals);
    this.sent.push(snapshot);
    try {
      const response = await fetch(`${url}/api/v1/devices/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: this.body(),
        signal: AbortSignal.timeout(20_000),
      });
      await response.arrayBuffer();
      if (response.ok) this.acked = snapshot;
      return response.ok;
    } catch {
      return false;
    }
  }
}

const days = () => {
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return [yesterday, today];
};

async function enrollDevices(server: SeatwiseProcess, count: number, label: string): Promise<SimulatedDevice[]> {
  const api = await signIn(server.url, E2E_ADMIN.email, E2E_ADMIN.password);
  const { token } = await api.post<{ token: string }>('/api/v1/enrollment-tokens', { label });
  const devices: SimulatedDevice[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${label}-${i}@example.com`;
    const reply = await api.post<{ deviceId: string; deviceToken: string }>('/api/v1/devices/enroll', {
      enrollmentToken: token,
      email,
      browser: 'chrome',
      extensionVersion: 'load',
    });
    devices.push(new SimulatedDevice(email, reply.deviceId, reply.deviceToken, days()));
  }
  return devices;
}

/** What the database holds per device: `${appId}|${day}` -> seconds. */
async function storedTotals(dbPath: string): Promise<Map<string, Totals>> {
  const db = createClient({ url: `file:${dbPath}` });
  try {
    const rows = await db.execute('select device_id, app_id, day, active_seconds from usage_daily');
    const byDevice = new Map<string, Totals>();
    for (const row of rows.rows) {
      const totals = byDevice.get(String(row.device_id)) ?? new Map<string, number>();
      totals.set(`${String(row.app_id)}|${String(row.day)}`, Number(row.active_seconds));
      byDevice.set(String(row.device_id), totals);
    }
    return byDevice;
  } finally {
    db.close();
  }
}

const same = (a: Totals, b: Totals) => a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);

const running: SeatwiseProcess[] = [];
afterEach(async () => {
  // Later instances share the first one's folder: stop them keeping the data, then the first cleans up.
  for (const server of running.slice(1).reverse()) await server.stop({ keepData: true });
  await running[0]?.stop();
  running.length = 0;
});

describe('usage ingest under faults and load', () => {
  it('loses nothing and applies no upload in part when the server is killed mid-stream and restarted', async () => {
    const first = await startSeatwise();
    running.push(first);
    const port = Number(new URL(first.url).port);
    const devices = await enrollDevices(first, DEVICES, 'kill');

    let uploads = 0;
    let killedAfter = -1;
    let current = first;
    let restarted: Promise<SeatwiseProcess> | null = null;
    const killAt = Math.floor((DEVICES * ROUNDS) / 3);

    const killAndInspect = async () => {
      killedAfter = uploads;
      await first.kill();
      // With the server dead, each device's stored totals must be one whole upload it sent (or none yet).
      const stored = await storedTotals(first.dbPath);
      const partial = devices.filter((d) => {
        const held = stored.get(d.deviceId) ?? new Map<string, number>();
        return held.size > 0 && !d.sent.some((snapshot) => same(snapshot, held));
      });
      expect(
        partial.map((d) => d.email),
        'devices whose stored totals are a mix of two uploads',
      ).toEqual([]);
      // Uploads are committed in groups: an acknowledged one must be in the database whatever group it was in.
      const lostAcknowledged = devices.filter((d) => {
        const held = stored.get(d.deviceId) ?? new Map<string, number>();
        return [...d.acked].some(([key, seconds]) => (held.get(key) ?? 0) < seconds);
      });
      expect(
        lostAcknowledged.map((d) => d.email),
        'devices whose acknowledged upload is not in the database after kill -9',
      ).toEqual([]);
      current = await startSeatwise({}, { dbPath: first.dbPath, port });
      running.push(current);
    };

    await Promise.all(
      devices.map(async (device) => {
        for (let round = 0; round < ROUNDS; round++) {
          device.work();
          await (restarted ?? Promise.resolve());
          await device.upload(current.url);
          uploads += 1;
          if (uploads === killAt) restarted = killAndInspect().then(() => current);
        }
      }),
    );
    await restarted;
    // Every device syncs once more after the restart, as the extension does at its next alarm.
    const failedFinal = (await Promise.all(devices.map((d) => d.upload(current.url)))).filter((ok) => !ok).length;
    expect(failedFinal).toBe(0);

    const stored = await storedTotals(first.dbPath);
    const lost = devices.filter((d) => !same(d.totals, stored.get(d.deviceId) ?? new Map()));
    console.log(
      `[e2e] kill -9 during ingest: ${DEVICES} devices, ${uploads} uploads, killed after ${killedAfter}; ` +
        `lost ${lost.length}, partial 0`,
    );
    expect(killedAfter).toBeGreaterThan(0);
    expect(lost.map((d) => d.email)).toEqual([]);
  });

  it('two instances on one database file take 50 devices and 4 writers without an error', async () => {
    const first = await startSeatwise();
    running.push(first);
    const second = await startSeatwise({}, { dbPath: first.dbPath, port: 0 });
    running.push(second);
    const devices = await enrollDevices(first, DEVICES, 'pair');
    const instances = [first.url, second.url];
    const failures: string[] = [];

    const deviceLoops = devices.map(async (device, index) => {
      for (let round = 0; round < ROUNDS; round++) {
        device.work();
        if (!(await device.upload(instances[(index + round) % 2]!))) failures.push(`${device.email} round ${round}`);
      }
    });
    const writerLoops = [0, 1, 2, 3].map(async (writer) => {
      const api = await signIn(instances[writer % 2]!, E2E_ADMIN.email, E2E_ADMIN.password);
      for (let round = 0; round < 15; round++) {
        try {
          const sub = await api.post<{ id: number }>('/api/v1/subscriptions', {
            appId: APPS[round % APPS.length],
            plan: `Writer ${writer} plan ${round}`,
            metric: 'named_user',
            seats: 10,
            unitCost: 1000,
            currency: 'USD',
          });
          await api.post(`/api/v1/subscriptions/${sub.id}/seats`, {
            email: devices[(writer * 15 + round) % DEVICES]!.email,
          });
          await api.get('/api/v1/reconciliation');
        } catch (error) {
          failures.push(`writer ${writer} round ${round}: ${(error as Error).message}`);
        }
      }
    });
    await Promise.all([...deviceLoops, ...writerLoops]);

    const stored = await storedTotals(first.dbPath);
    const lost = devices.filter((d) => !same(d.totals, stored.get(d.deviceId) ?? new Map()));
    console.log(
      `[e2e] two instances, one file: ${DEVICES} devices x ${ROUNDS} uploads and 4 writers x 15 changes; ` +
        `${failures.length} errors, ${lost.length} devices short`,
    );
    expect(failures).toEqual([]);
    expect(lost.map((d) => d.email)).toEqual([]);
  });
});
