// Verified devices (DESIGN section 9): an extension signs its person in at a real OpenID provider (oidc-provider on
// 127.0.0.1), gets a one-time code at its own redirect address, and enrolls with it; with requireSso a token alone
// is refused. Codes are single-use, short-lived, stored hashed, and only ever sent to an extension's address.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/secret-token.ts';
import { EXTENSION_REDIRECT, ssoDeviceSignIn, ssoSettings } from '../support/oidc/sso-flow.ts';
import { startTestProvider, type TestProvider } from '../support/oidc/test-provider.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let provider: TestProvider;
let server: TestServer;
let admin: { cookie: string };
let enrollmentToken: string;

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: ['http://localhost/auth/sso/callback'] });
  server = await createTestServer({ sso: ssoSettings(provider.issuer) });
  admin = await server.login();
  enrollmentToken = (await server.call('POST', '/api/v1/enrollment-tokens', { label: 'laptops' }, admin)).json.token;
  // Starting the identity provider (its keys) and a server took over 10 s on a loaded 2-core machine.
}, 60_000);
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});
beforeEach(async () => {
  server.clock.now = new Date('2026-11-20T12:00:00Z');
  await server.call('PATCH', '/api/v1/settings/enrollment', { requireSso: false }, admin);
});

const enroll = (body: Record<string, unknown>) =>
  server.call('POST', '/api/v1/devices/enroll', {
    enrollmentToken,
    email: 'claimed@example.com',
    browser: 'chrome',
    extensionVersion: '0.9.0',
    ...body,
  });

const deviceRows = async () => (await server.call('GET', '/api/v1/devices', undefined, admin)).json.devices;
const codeRows = async () => (await server.db.$client.execute('select code_hash, email from sso_device_codes')).rows;

describe('the enrollment sign-in', () => {
  it('redirects to the extension with a one-time code, stored only as its hash, and opens no session', async () => {
    const attempt = await ssoDeviceSignIn(server, 'grace');
    expect(attempt.status).toBe(302);
    expect(attempt.location!.startsWith(`${EXTENSION_REDIRECT}?code=swc_`)).toBe(true);
    expect(attempt.cookie).toBeUndefined();
    const rows = await codeRows();
    expect(rows).toContainEqual(
      expect.objectContaining({ code_hash: hashToken(attempt.code!), email: 'grace@example.com' }),
    );
    expect(JSON.stringify(rows)).not.toContain(attempt.code!);
  });

  it.each([
    ['a web site', 'https://evil.test/'],
    ['a look-alike host', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.test/'],
    ['a query that could forward the code', `${EXTENSION_REDIRECT}?next=https://evil.test/`],
    ['nothing', ''],
  ])('refuses %s as the redirect with a page, starting nothing', async (_name, redirect) => {
    const response = await server.app.request(
      `http://localhost/auth/sso/device?redirect=${encodeURIComponent(redirect)}`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.text()).toContain('This is not the Seatwise extension');
  });
});

describe('enrolling with the code', () => {
  it("binds the device to the IdP's email, not the one the extension claims, and marks it verified", async () => {
    const { code } = await ssoDeviceSignIn(server, 'linus');
    const enrolled = await enroll({ email: 'mallory@example.com', ssoCode: code });
    expect(enrolled.status).toBe(201);
    expect(enrolled.json).toMatchObject({ email: 'linus@example.com', verified: true });
    const device = (await deviceRows()).find((row: { id: string }) => row.id === enrolled.json.deviceId);
    expect(device).toMatchObject({ email: 'linus@example.com', verifiedAt: '2026-11-20T12:00:00.000Z' });
    const people = (await server.call('GET', '/api/v1/people?q=mallory', undefined, admin)).json;
    expect(JSON.stringify(people)).not.toContain('mallory@example.com');
  });

  it('counts uploads of the verified device for the vouched-for email', async () => {
    const { code } = await ssoDeviceSignIn(server, 'ada');
    const { json } = await enroll({ email: 'someone-else@example.com', ssoCode: code });
    const upload = await server.call(
      'POST',
      '/api/v1/devices/usage',
      {
        records: [
          { appId: 'figma', day: '2026-11-20', activeSeconds: 600, visits: 1, lastActiveAt: '2026-11-20T11:50:00Z' },
        ],
      },
      { bearer: json.deviceToken },
    );
    expect(upload.status).toBe(200);
    const usage = await server.db.$client.execute(
      `select p.email, u.active_seconds from person_usage_daily u join people p on p.id = u.person_id`,
    );
    expect(usage.rows).toContainEqual(expect.objectContaining({ email: 'ada@example.com', active_seconds: 600 }));
    expect(JSON.stringify(usage.rows)).not.toContain('someone-else@example.com');
  });

  it('takes a code once: a second enrollment with it is refused and stores nothing', async () => {
    const { code } = await ssoDeviceSignIn(server, 'grace');
    expect((await enroll({ ssoCode: code })).status).toBe(201);
    const before = await deviceRows();
    const again = await enroll({ ssoCode: code });
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe('invalid_sso_code');
    expect(await deviceRows()).toEqual(before);
  });

  it('refuses a code after five minutes', async () => {
    const { code } = await ssoDeviceSignIn(server, 'grace');
    server.clock.now = new Date(server.clock.now.getTime() + 5 * 60 * 1000 + 1);
    const before = await deviceRows();
    const late = await enroll({ ssoCode: code });
    expect(late.status).toBe(401);
    expect(late.json.error.code).toBe('invalid_sso_code');
    expect(await deviceRows()).toEqual(before);
  });

  it('refuses a made-up code', async () => {
    const made = await enroll({ ssoCode: 'swc_not-a-code' });
    expect(made.status).toBe(401);
    expect(made.json.error.code).toBe('invalid_sso_code');
  });

  it('still needs a live enrollment token beside the code', async () => {
    const { code } = await ssoDeviceSignIn(server, 'grace');
    const refused = await enroll({ enrollmentToken: 'swe_unknown', ssoCode: code });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('invalid_enrollment_token');
  });
});

describe('requireSso', () => {
  it('refuses an enrollment token alone with sso_required, storing nothing, and admits a code', async () => {
    const set = await server.call('PATCH', '/api/v1/settings/enrollment', { requireSso: true }, admin);
    expect(set.status).toBe(200);
    expect(set.json.requireSso).toBe(true);
    const before = await deviceRows();
    const bare = await enroll({});
    expect(bare.status).toBe(403);
    expect(bare.json.error.code).toBe('sso_required');
    expect(bare.json.error.message).toMatch(/single sign-on/);
    expect(await deviceRows()).toEqual(before);
    const { code } = await ssoDeviceSignIn(server, 'ada');
    expect((await enroll({ ssoCode: code })).json).toMatchObject({ email: 'ada@example.com', verified: true });
  });

  it('keeps devices enrolled before it working, and the list shows which are verified', async () => {
    const old = await enroll({ email: 'old@example.com' });
    expect(old.json.verified).toBe(false);
    await server.call('PATCH', '/api/v1/settings/enrollment', { requireSso: true }, admin);
    const upload = await server.call(
      'POST',
      '/api/v1/devices/usage',
      { records: [] },
      { bearer: old.json.deviceToken },
    );
    expect(upload.status).toBe(200);
    const device = (await deviceRows()).find((row: { id: string }) => row.id === old.json.deviceId);
    expect(device).toMatchObject({ email: 'old@example.com', verifiedAt: null });
  });

  it('applies the domain rules to the vouched-for email', async () => {
    await server.call('PATCH', '/api/v1/settings/enrollment', { allowedEmailDomains: ['acme.com'] }, admin);
    const { code } = await ssoDeviceSignIn(server, 'grace');
    const refused = await enroll({ email: 'grace@acme.com', ssoCode: code });
    await server.call('PATCH', '/api/v1/settings/enrollment', { allowedEmailDomains: [] }, admin);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('email_not_allowed');
  });

  it('is for admins only, and cannot be turned on without single sign-on configured', async () => {
    const it = await server.signedInAs('it');
    expect((await server.call('PATCH', '/api/v1/settings/enrollment', { requireSso: true }, it)).status).toBe(403);
    const bare = await createTestServer();
    try {
      const refused = await bare.call('PATCH', '/api/v1/settings/enrollment', { requireSso: true }, await bare.login());
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('sso_not_configured');
      expect((await bare.call('GET', '/api/v1/settings/enrollment', undefined, await bare.login())).json).toEqual({
        allowedEmailDomains: [],
        knownPeopleOnly: false,
        requireSso: false,
      });
    } finally {
      await bare.close();
    }
  });
});
