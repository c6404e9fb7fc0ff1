// Who may enroll, over a real libSQL file: allowed domains, known people only, token expiry and device caps,
// revoking a token with its devices, and people created by enrollment until an HR import confirms them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };

beforeEach(async () => {
  server = await createTestServer({ now: new Date('2026-11-20T12:00:00Z') });
  admin = await server.login();
});
afterEach(async () => server.close());

async function newToken(body: Record<string, unknown> = {}) {
  const created = await server.call('POST', '/api/v1/enrollment-tokens', { label: 'fleet', ...body }, admin);
  expect(created.status).toBe(201);
  return created.json.token as string;
}
const enroll = (enrollmentToken: string, email: string) =>
  server.call('POST', '/api/v1/devices/enroll', {
    enrollmentToken,
    email,
    browser: 'chrome',
    extensionVersion: '1.0.0',
  });
const setRules = (body: unknown) => server.call('PATCH', '/api/v1/settings/enrollment', body, admin);
const importPeople = async (csv: string) => {
  const response = await server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: admin.cookie },
    body: csv,
  });
  expect(response.status).toBe(200);
};

/** Everything an enrollment writes; a refused one must leave all of it as it was. */
async function stored() {
  const { rows } = await server.db.$client.execute(
    `select (select count(*) from people) as people, (select count(*) from devices) as devices,
            (select count(*) from audit_log where action = 'device.enroll') as enrollAudits`,
  );
  return { ...rows[0] };
}

describe('GET|PATCH /settings/enrollment', () => {
  it('starts open, stores lower-cased unique domains, audits the change, and refuses bad input whole', async () => {
    expect((await server.call('GET', '/api/v1/settings/enrollment', undefined, admin)).json).toEqual({
      allowedEmailDomains: [],
      knownPeopleOnly: false,
      requireSso: false,
    });
    const changed = await setRules({ allowedEmailDomains: [' Acme.COM', 'acme.com', 'eu.acme-corp.co.uk'] });
    expect(changed).toMatchObject({
      status: 200,
      json: { allowedEmailDomains: ['acme.com', 'eu.acme-corp.co.uk'], knownPeopleOnly: false },
    });
    const audit = await server.call('GET', '/api/v1/audit?action=settings.enrollment', undefined, admin);
    expect(audit.json.entries ?? audit.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'settings.enrollment' })]),
    );

    for (const bad of [
      { allowedEmailDomains: ['@acme.com'] },
      { allowedEmailDomains: ['acme'] },
      { allowedEmailDomains: ['ac me.com'] },
      { allowedEmailDomains: 'acme.com' },
      { knownPeopleOnly: 'yes' },
      { requireSso: 'yes' },
      { verified: true },
      {},
    ]) {
      const refused = await setRules(bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.json.error.message.length).toBeGreaterThan(5);
    }
    expect(
      (await server.call('GET', '/api/v1/settings/enrollment', undefined, admin)).json.allowedEmailDomains,
    ).toEqual(['acme.com', 'eu.acme-corp.co.uk']);
  });
});

describe('allowed email domains', () => {
  it('refuses an email outside them with 403 email_not_allowed and stores nothing; subdomains are in', async () => {
    const token = await newToken();
    await setRules({ allowedEmailDomains: ['acme.com'] });
    const before = await stored();
    for (const email of ['mallory@evil.test', 'mallory@notacme.com', 'mallory@acme.com.evil.test']) {
      const refused = await enroll(token, email);
      expect(refused.status, email).toBe(403);
      expect(refused.json.error.code).toBe('email_not_allowed');
      expect(refused.json.error.message).toContain('acme.com');
    }
    expect(await stored()).toEqual(before);
    expect((await enroll(token, 'Ada@ACME.com')).status).toBe(201);
    expect((await enroll(token, 'bob@eu.acme.com')).status).toBe(201);
    expect(await stored()).toEqual({ people: 2, devices: 2, enrollAudits: 2 });
  });
});

describe('known people only', () => {
  const admitsKnownPeopleOnly =
    'admits people an import listed, refuses invented and merely enrolled ones until an HR import confirms them';
  it(admitsKnownPeopleOnly, async () => {
    const token = await newToken();
    // Created by an enrollment while the door was open: in the table, but nobody vouched for her.
    expect((await enroll(token, 'eve@example.com')).status).toBe(201);
    await importPeople('email,name,department\nada@example.com,Ada Lovelace,Engineering\n');
    await setRules({ knownPeopleOnly: true });

    const before = await stored();
    for (const email of ['invented@example.com', 'eve@example.com']) {
      const refused = await enroll(token, email);
      expect(refused.status, email).toBe(403);
      expect(refused.json.error.code).toBe('email_not_allowed');
    }
    expect(await stored()).toEqual(before);
    expect((await enroll(token, 'ada@example.com')).status).toBe(201);

    const people = async () =>
      (await server.call('GET', '/api/v1/people', undefined, admin)).json.people as {
        email: string;
        source: string;
        confirmedAt: string | null;
      }[];
    expect(
      (await people()).map(({ email, source, confirmedAt }) => ({ email, source, confirmed: confirmedAt !== null })),
    ).toEqual([
      { email: 'ada@example.com', source: 'directory', confirmed: true },
      { email: 'eve@example.com', source: 'enrollment', confirmed: false },
    ]);

    // HR lists Eve (no field of hers changes): she is confirmed and may enroll another browser.
    await importPeople('email\neve@example.com\n');
    const eve = (await people()).find((p) => p.email === 'eve@example.com')!;
    expect(eve).toMatchObject({ source: 'enrollment', confirmedAt: '2026-11-20T12:00:00.000Z' });
    expect((await enroll(token, 'eve@example.com')).status).toBe(201);
  });

  it('admits a person a seat list created (a vendor console vouched for the account)', async () => {
    const token = await newToken();
    await setRules({ knownPeopleOnly: true });
    const sub = await server.call(
      'POST',
      '/api/v1/subscriptions',
      {
        appId: 'slack',
        plan: 'Pro',
        metric: 'named_user',
        seats: 5,
        unitCost: 800,
        currency: 'USD',
        billingPeriod: 'monthly',
      },
      admin,
    );
    expect(
      (await server.call('POST', `/api/v1/subscriptions/${sub.json.id}/seats`, { email: 'grace@example.com' }, admin))
        .status,
    ).toBe(201);
    expect((await enroll(token, 'grace@example.com')).status).toBe(201);
  });
});

describe('enrollment token limits', () => {
  it('an expired token answers 401 enrollment_token_expired; a bare day lasts to its end (UTC)', async () => {
    const token = await newToken({ expiresAt: '2026-11-20' });
    expect((await enroll(token, 'ada@example.com')).status).toBe(201);
    server.clock.now = new Date('2026-11-21T00:00:00Z');
    const before = await stored();
    const expired = await enroll(token, 'bob@example.com');
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('enrollment_token_expired');
    expect(await stored()).toEqual(before);
  });

  it('refuses creating a token that has expired already, or a cap that is not a positive whole number', async () => {
    for (const body of [
      { expiresAt: '2026-11-19' },
      { expiresAt: '2026-11-20T11:00:00Z' },
      { expiresAt: 'soon' },
      { maxDevices: 0 },
      { maxDevices: 2.5 },
    ]) {
      const refused = await server.call('POST', '/api/v1/enrollment-tokens', body, admin);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    expect((await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin)).json).toEqual([]);
  });

  const usedUpToken =
    'a token that enrolled maxDevices devices answers 409 enrollment_token_used_up; ' +
    'the list shows its limits and counts';
  it(usedUpToken, async () => {
    const token = await newToken({ maxDevices: 1, expiresAt: '2026-12-31T18:00:00Z' });
    expect((await enroll(token, 'ada@example.com')).status).toBe(201);
    const before = await stored();
    const second = await enroll(token, 'bob@example.com');
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('enrollment_token_used_up');
    expect(await stored()).toEqual(before);
    const [listed] = (await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin)).json;
    expect(listed).toMatchObject({
      label: 'fleet',
      maxDevices: 1,
      expiresAt: '2026-12-31T18:00:00.000Z',
      devicesEnrolled: 1,
      devicesLive: 1,
      revokedAt: null,
    });
  });

  it('parallel enrolls never overshoot the cap', async () => {
    const token = await newToken({ maxDevices: 5 });
    const base = await server.listen();
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${base}/api/v1/devices/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            enrollmentToken: token,
            email: `p${i}@example.com`,
            browser: 'chrome',
            extensionVersion: '1.0.0',
          }),
        }).then((r) => r.status),
      ),
    );
    expect(replies.filter((s) => s === 201)).toHaveLength(5);
    expect(replies.filter((s) => s === 409)).toHaveLength(15);
    expect(await stored()).toEqual({ people: 5, devices: 5, enrollAudits: 5 });
  });
});

describe('DELETE /enrollment-tokens/:id?revokeDevices=true', () => {
  const revokesTokenAndDevices =
    "revokes the token and every device it enrolled (their uploads answer 401); other tokens' devices keep working";
  it(revokesTokenAndDevices, async () => {
    const leaked = await newToken({ label: 'leaked' });
    const other = await newToken({ label: 'other' });
    const a = (await enroll(leaked, 'ada@example.com')).json;
    const b = (await enroll(leaked, 'bob@example.com')).json;
    const c = (await enroll(other, 'cy@example.com')).json;
    const tokens = (await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin)).json as {
      id: number;
      label: string;
    }[];
    const leakedId = tokens.find((t) => t.label === 'leaked')!.id;

    const revoked = await server.call(
      'DELETE',
      `/api/v1/enrollment-tokens/${leakedId}?revokeDevices=true`,
      undefined,
      admin,
    );
    expect(revoked).toMatchObject({ status: 200, json: { devicesRevoked: 2 } });
    const upload = (deviceToken: string) =>
      server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: deviceToken });
    expect((await upload(a.deviceToken)).status).toBe(401);
    expect((await upload(b.deviceToken)).status).toBe(401);
    expect((await upload(c.deviceToken)).status).toBe(200);
    expect((await enroll(leaked, 'dan@example.com')).json.error.code).toBe('invalid_enrollment_token');
    const listed = (await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin)).json.find(
      (t: { id: number }) => t.id === leakedId,
    );
    expect(listed).toMatchObject({ devicesEnrolled: 2, devicesLive: 0 });
    expect(listed.revokedAt).not.toBeNull();
    const audit = (
      await server.db.$client.execute("select after from audit_log where action = 'enrollment_token.revoke'")
    ).rows;
    expect(JSON.parse(String(audit[0]!.after))).toEqual({ revokeDevices: true, devicesRevoked: 2 });
  });

  const revokesTokenAlone =
    'without revokeDevices answers 204 and leaves the devices working; ' +
    'revoking them later still works; unknown ids are 404';
  it(revokesTokenAlone, async () => {
    const token = await newToken();
    const device = (await enroll(token, 'ada@example.com')).json;
    const [{ id }] = (await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin)).json;
    expect((await server.call('DELETE', `/api/v1/enrollment-tokens/${id}`, undefined, admin)).status).toBe(204);
    expect(
      (await server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: device.deviceToken })).status,
    ).toBe(200);
    expect((await server.call('DELETE', `/api/v1/enrollment-tokens/${id}`, undefined, admin)).status).toBe(404);
    expect(
      (await server.call('DELETE', `/api/v1/enrollment-tokens/${id}?revokeDevices=true`, undefined, admin)).json,
    ).toEqual({ devicesRevoked: 1 });
    expect(
      (await server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: device.deviceToken })).status,
    ).toBe(401);
    expect(
      (await server.call('DELETE', '/api/v1/enrollment-tokens/999?revokeDevices=true', undefined, admin)).status,
    ).toBe(404);
    expect(
      (await server.call('DELETE', `/api/v1/enrollment-tokens/${id}?revokeDevices=maybe`, undefined, admin)).status,
    ).toBe(400);
  });
});
