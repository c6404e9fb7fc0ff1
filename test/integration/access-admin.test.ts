// Users, API tokens, enrollment tokens and devices as an admin manages them, over the real app on a libSQL file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

const PASSWORD = 'a-long-enough-password';

describe('users', () => {
  it('adds a finance user who can sign in, then disables them and ends their session', async () => {
    const created = await server.call(
      'POST',
      '/api/v1/users',
      { email: 'Fin@Example.com', role: 'finance', password: PASSWORD },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email: 'fin@example.com', role: 'finance', disabled: false });
    const finance = await server.login('fin@example.com', PASSWORD);
    expect((await server.call('GET', '/api/v1/me', undefined, finance)).json.role).toBe('finance');

    const disabled = await server.call('PATCH', `/api/v1/users/${created.json.id}`, { disabled: true }, admin);
    expect(disabled.json.disabled).toBe(true);
    expect((await server.call('GET', '/api/v1/me', undefined, finance)).status).toBe(401);
    await expect(server.login('fin@example.com', PASSWORD)).rejects.toThrow(/401/);
    const listed = await server.call('GET', '/api/v1/users', undefined, admin);
    expect(listed.json.map((u: { email: string }) => u.email)).toEqual([ADMIN.email, 'fin@example.com']);
  });

  it('never writes a password or its hash to the audit log', async () => {
    const { json } = await server.call(
      'POST',
      '/api/v1/users',
      { email: 'it@example.com', role: 'it', password: PASSWORD },
      admin,
    );
    await server.call('PATCH', `/api/v1/users/${json.id}`, { password: 'another-long-password' }, admin);
    const audit = await server.db.$client.execute("select before, after from audit_log where subject_type = 'user'");
    const text = JSON.stringify(audit.rows);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('another-long-password');
    expect(text).not.toMatch(/scrypt|passwordHash/i);
    expect(text).toContain('passwordChanged');
  });

  it('refuses a short password, a taken email and leaving no admin', async () => {
    const short = await server.call(
      'POST',
      '/api/v1/users',
      { email: 'x@example.com', role: 'viewer', password: 'short' },
      admin,
    );
    expect(short.status).toBe(400);
    expect(short.json.error.message).toContain('at least 12 characters');
    const taken = await server.call(
      'POST',
      '/api/v1/users',
      { email: ADMIN.email, role: 'viewer', password: PASSWORD },
      admin,
    );
    expect(taken.status).toBe(409);
    const { json: me } = await server.call('GET', '/api/v1/me', undefined, admin);
    const demote = await server.call('PATCH', `/api/v1/users/${me.id}`, { role: 'viewer' }, admin);
    expect(demote.status).toBe(409);
    expect(demote.json.error.code).toBe('last_admin');
    await server.call(
      'POST',
      '/api/v1/users',
      { email: 'second@example.com', role: 'admin', password: PASSWORD },
      admin,
    );
    expect((await server.call('PATCH', `/api/v1/users/${me.id}`, { role: 'viewer' }, admin)).status).toBe(200);
  });
});

describe('tokens and devices', () => {
  it('lists API tokens without their secrets and revokes one so it stops working', async () => {
    const { json } = await server.call('POST', '/api/v1/tokens', { name: 'nightly export', role: 'viewer' }, admin);
    expect((await server.call('GET', '/api/v1/me', undefined, { bearer: json.token })).status).toBe(200);
    const listed = await server.call('GET', '/api/v1/tokens', undefined, admin);
    expect(listed.json).toEqual([expect.objectContaining({ name: 'nightly export', role: 'viewer', revokedAt: null })]);
    expect(JSON.stringify(listed.json)).not.toContain(json.token.slice(4, 20));
    expect(listed.json[0].lastUsedAt).not.toBeNull();
    expect((await server.call('DELETE', `/api/v1/tokens/${listed.json[0].id}`, undefined, admin)).status).toBe(204);
    expect((await server.call('GET', '/api/v1/me', undefined, { bearer: json.token })).status).toBe(401);
    expect((await server.call('DELETE', `/api/v1/tokens/${listed.json[0].id}`, undefined, admin)).status).toBe(404);
  });

  it('revokes an enrollment token so no new device enrolls with it', async () => {
    const { json } = await server.call('POST', '/api/v1/enrollment-tokens', { label: 'Q4 rollout' }, admin);
    const enroll = () =>
      server.call('POST', '/api/v1/devices/enroll', {
        enrollmentToken: json.token,
        email: 'ada@example.com',
        browser: 'chrome',
        extensionVersion: '1.0.0',
      });
    expect((await enroll()).status).toBe(201);
    const audit = await server.db.$client.execute("select actor, after from audit_log where action = 'device.enroll'");
    expect(audit.rows.map((row) => [row.actor, JSON.parse(String(row.after)).email])).toEqual([
      ['enrollment_token:Q4 rollout', 'ada@example.com'],
    ]);
    const listed = await server.call('GET', '/api/v1/enrollment-tokens', undefined, admin);
    expect(listed.json[0]).toMatchObject({ label: 'Q4 rollout', revokedAt: null });
    expect(
      (await server.call('DELETE', `/api/v1/enrollment-tokens/${listed.json[0].id}`, undefined, admin)).status,
    ).toBe(204);
    expect((await enroll()).status).toBe(401);
  });

  it('lists devices with their person and last upload, and a revoked device can no longer upload', async () => {
    const ada = await server.enrollDevice('ada@example.com', admin);
    await server.enrollDevice('bob@example.com', admin);
    await server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: ada.deviceToken });
    const { json } = await server.call('GET', '/api/v1/devices?limit=1', undefined, admin);
    expect(json.total).toBe(2);
    expect(json.devices).toEqual([
      expect.objectContaining({ id: ada.deviceId, email: 'ada@example.com', browser: 'chrome', revokedAt: null }),
    ]);
    expect(json.devices[0].lastSeenAt).not.toBeNull();
    const bob = await server.call('GET', '/api/v1/devices?email=bob@example.com', undefined, admin);
    expect(bob.json.devices.map((d: { email: string }) => d.email)).toEqual(['bob@example.com']);
    expect((await server.call('DELETE', `/api/v1/devices/${ada.deviceId}`, undefined, admin)).status).toBe(204);
    const upload = await server.call('POST', '/api/v1/devices/usage', { records: [] }, { bearer: ada.deviceToken });
    expect(upload.json.error.code).toBe('invalid_device_token');
    expect((await server.call('DELETE', '/api/v1/devices/not-a-uuid', undefined, admin)).status).toBe(400);
  });
});
