// GET|PATCH /settings/privacy: everyone signed in reads, only an admin changes; a bad body is refused with a clear
// message and stores nothing; a change is audited with old and new values, and works-council mode applies from the
// next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { closeDatabase } from '../../server/db/close-hooks.ts';
import { RETENTION_JOB } from '../../server/jobs/job-names.ts';
import {
  getPrivacySettings,
  RECENT_PRIVACY_MS,
  recentPrivacySettings,
  savePrivacySettings,
} from '../../server/queries/privacy-settings.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
const requested: string[] = [];
const DEFAULTS = { usageRetentionDays: 400, pseudonymise: false, minGroupSize: 5 };

beforeAll(async () => {
  server = await createTestServer({ jobs: { request: (job) => void requested.push(job) } });
  admin = await server.login();
});
afterAll(async () => {
  await server?.close();
});

const privacy = async () => (await server.call('GET', '/api/v1/settings/privacy', undefined, admin)).json;
const auditOfPrivacy = async () =>
  (await server.call('GET', '/api/v1/audit?subjectType=settings&subjectId=privacy', undefined, admin)).json.entries;

describe('reading', () => {
  it.each(['viewer', 'finance', 'it', 'admin'] as const)('%s reads the defaults', async (role) => {
    const { status, json } = await server.call(
      'GET',
      '/api/v1/settings/privacy',
      undefined,
      await server.signedInAs(role),
    );
    expect(status).toBe(200);
    expect(json).toEqual(DEFAULTS);
  });

  it('nobody signed out reads them', async () => {
    expect((await server.call('GET', '/api/v1/settings/privacy')).status).toBe(401);
  });
});

describe('changing', () => {
  it.each(['viewer', 'finance', 'it'] as const)('%s gets 403 and nothing is stored', async (role) => {
    const auth = await server.signedInAs(role);
    const { status, json } = await server.call('PATCH', '/api/v1/settings/privacy', { pseudonymise: true }, auth);
    expect(status).toBe(403);
    expect(json.error.code).toBe('forbidden');
    expect(await privacy()).toEqual(DEFAULTS);
  });

  it.each([
    [{ usageRetentionDays: 30 }, 'usageRetentionDays'],
    [{ usageRetentionDays: 89 }, 'usageRetentionDays'],
    [{ usageRetentionDays: 120.5 }, 'usageRetentionDays'],
    [{ usageRetentionDays: '120' }, 'usageRetentionDays'],
    [{ pseudonymise: 'yes' }, 'pseudonymise'],
    [{ minGroupSize: 0 }, 'minGroupSize'],
    [{ retention: 120 }, 'retention'],
    [{ pseudonymise: true, colour: 'red' }, 'colour'],
    [{}, 'names no field to change'],
  ])('%j is refused with a message naming %s, and nothing is stored', async (body, named) => {
    const before = (await auditOfPrivacy()).length;
    const { status, json } = await server.call('PATCH', '/api/v1/settings/privacy', body, admin);
    expect(status).toBe(400);
    expect(json.error.message).toContain(named);
    expect(await privacy()).toEqual(DEFAULTS);
    expect((await auditOfPrivacy()).length).toBe(before);
    expect(requested).toEqual([]);
  });

  it('an admin changes one field; the others stay; the change is audited old -> new', async () => {
    const { status, json } = await server.call('PATCH', '/api/v1/settings/privacy', { minGroupSize: 8 }, admin);
    expect(status).toBe(200);
    expect(json).toEqual({ ...DEFAULTS, minGroupSize: 8 });
    expect(await privacy()).toEqual(json);
    const [entry] = await auditOfPrivacy();
    expect(entry).toMatchObject({
      actor: 'user:admin@example.com',
      action: 'settings.update',
      before: DEFAULTS,
      after: { ...DEFAULTS, minGroupSize: 8 },
    });
    // Only a new retention period asks for a retention run.
    expect(requested).toEqual([]);
  });

  it('a new retention period asks the retention job to run soon', async () => {
    const { status, json } = await server.call('PATCH', '/api/v1/settings/privacy', { usageRetentionDays: 120 }, admin);
    expect(status).toBe(200);
    expect(json.usageRetentionDays).toBe(120);
    expect(requested).toEqual([RETENTION_JOB]);
  });

  it('works-council mode applies from the next request', async () => {
    const finance = await server.signedInAs('finance');
    await server.enrollDevice('grace@example.com', admin);
    const shown = async () => JSON.stringify((await server.call('GET', '/api/v1/people', undefined, finance)).json);
    expect(await shown()).toContain('grace@example.com');
    expect((await server.call('PATCH', '/api/v1/settings/privacy', { pseudonymise: true }, admin)).status).toBe(200);
    const masked = await shown();
    expect(masked).not.toContain('grace@example.com');
    expect(masked).toContain('Person ');
    expect((await server.call('PATCH', '/api/v1/settings/privacy', { pseudonymise: false }, admin)).status).toBe(200);
    expect(await shown()).toContain('grace@example.com');
  });
});

describe('the settings usage ingest reads', () => {
  it('are at most a second old: this database’s own change at once, another instance’s within the second', async () => {
    const other = await openDatabase({ url: `file:${server.dbPath}` });
    try {
      // Saved through this database first, so no earlier read is kept: the next read is the one at `start`.
      await savePrivacySettings(server.db, await getPrivacySettings(server.db));
      const start = Date.now();
      const before = (await recentPrivacySettings(server.db, start)).usageRetentionDays;
      await savePrivacySettings(other, { ...(await getPrivacySettings(other)), usageRetentionDays: before + 10 });
      // Read a moment ago and not changed through this database: still the value read then.
      expect((await recentPrivacySettings(server.db, start + RECENT_PRIVACY_MS - 1)).usageRetentionDays).toBe(before);
      expect((await recentPrivacySettings(server.db, start + RECENT_PRIVACY_MS)).usageRetentionDays).toBe(before + 10);
      // Saved through this database: applies to the next read, however recent the last one.
      const now = Date.now();
      await recentPrivacySettings(server.db, now);
      await savePrivacySettings(server.db, { ...(await getPrivacySettings(server.db)), usageRetentionDays: before });
      expect((await recentPrivacySettings(server.db, now)).usageRetentionDays).toBe(before);
    } finally {
      await closeDatabase(other);
    }
  });
});
