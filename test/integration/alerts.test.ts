// Alerts end to end on a libSQL file: rules raise and resolve alerts, people acknowledge and snooze them, and
// notifications reach a real SMTP listener and a real webhook endpoint (signed, retried, delivered once).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/notify/signature.ts';
import { evaluateAndStoreAlerts } from '../../server/services/alert-evaluation.ts';
import { sendDueDeliveries } from '../../server/services/deliveries.ts';
import { mimePart, startSmtpListener } from '../support/smtp-listener.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

let server: TestServer;
let admin: { cookie: string };

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

type AlertReply = {
  id: number;
  kind: string;
  subject: { type: string; id: string; name: string };
  severity: string;
  state: string;
  message: string;
};
const alerts = async (query = '') => {
  const { json, headers } = await server.call('GET', `/api/v1/alerts${query}`, undefined, admin);
  expect(headers.get('x-total-count')).toBe(String(json.length));
  return json as AlertReply[];
};
const evaluate = async () => (await server.call('POST', '/api/v1/alerts/evaluate', undefined, admin)).json;

async function subscription(body: Record<string, unknown>) {
  const { status, json } = await server.call(
    'POST',
    '/api/v1/subscriptions',
    { plan: 'Pro', metric: 'named_user', unitCost: 120_000, currency: 'USD', ...body },
    admin,
  );
  expect(status).toBe(201);
  return json.id as number;
}

describe('rules to alerts', () => {
  it('raises each kind once, resolves what clears, and escalates a renewal as its deadline nears', async () => {
    // Today is 2026-11-20 in the test server.
    const slack = await subscription({ appId: 'slack', seats: 2, renewalDate: '2027-01-19', noticeDays: 30 });
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com'])
      await server.call('POST', `/api/v1/subscriptions/${slack}/seats`, { email, assignedAt: '2026-01-01' }, admin);
    await subscription({ appId: 'zoom', seats: 10, renewalDate: '2026-11-01', autoRenew: false });
    const device = await server.enrollDevice('d@example.com', admin);
    await server.call(
      'POST',
      '/api/v1/devices/usage',
      { records: [{ appId: 'canva', day: '2026-11-19', activeSeconds: 600, visits: 1, lastActiveAt: null }] },
      { bearer: device.deviceToken },
    );

    expect(await evaluate()).toMatchObject({ opened: 5, resolved: 0 });
    expect((await alerts()).map((a) => [a.kind, a.subject.name, a.severity]).sort()).toEqual([
      ['expired', 'Zoom Pro', 'critical'],
      ['over_assigned', 'Slack Pro', 'critical'],
      ['reclaimable', 'Zoom Pro', 'warning'],
      ['renewal_due', 'Slack Pro', 'warning'],
      ['shadow_it', 'Canva', 'info'],
    ]);
    expect(await evaluate()).toMatchObject({ opened: 0, updated: 0, resolved: 0, notified: 0 });

    // Fixing the seat count clears over-assignment; deciding on Canva clears shadow IT.
    await server.call('PATCH', `/api/v1/subscriptions/${slack}`, { seats: 3 }, admin);
    await server.call('PATCH', '/api/v1/apps/canva', { status: 'unsanctioned' }, admin);
    expect(await evaluate()).toMatchObject({ opened: 1, resolved: 2 });
    expect((await alerts()).map((a) => a.kind).sort()).toEqual(['expired', 'reclaimable', 'renewal_due', 'seats_low']);
    expect((await alerts('?state=resolved')).map((a) => a.kind).sort()).toEqual(['over_assigned', 'shadow_it']);

    // An acknowledged renewal re-opens when it escalates (30 days to the deadline, then 7).
    const renewal = (await alerts()).find((a) => a.kind === 'renewal_due')!;
    expect((await server.call('POST', `/api/v1/alerts/${renewal.id}/acknowledge`, undefined, admin)).json.state).toBe(
      'acknowledged',
    );
    expect(await alerts('?state=acknowledged')).toHaveLength(1);
    server.clock.now = new Date('2026-12-14T12:00:00Z');
    admin = await server.login();
    await evaluate();
    const reopened = (await alerts()).find((a) => a.kind === 'renewal_due')!;
    expect(reopened).toMatchObject({ id: renewal.id, state: 'open', severity: 'critical' });
    expect(reopened.message).toContain('in 6 days (2026-12-20)');
  });

  it('snoozes an alert out of the open list until its day, and audits acknowledge and snooze', async () => {
    await subscription({ appId: 'zoom', seats: 10, renewalDate: '2026-11-01', autoRenew: false });
    await evaluate();
    const expired = (await alerts()).find((a) => a.kind === 'expired')!;
    const snoozed = await server.call(
      'POST',
      `/api/v1/alerts/${expired.id}/snooze`,
      { until: '2026-11-27' },
      await server.signedInAs('finance'),
    );
    expect(snoozed.json.snoozedUntil).toBe('2026-11-27');
    expect((await alerts()).map((a) => a.id)).not.toContain(expired.id);
    expect((await alerts('?includeSnoozed=true')).map((a) => a.id)).toContain(expired.id);
    server.clock.now = new Date('2026-11-27T20:00:00Z');
    admin = await server.login();
    expect((await alerts()).map((a) => a.id)).toContain(expired.id);
    const audit = await server.call('GET', '/api/v1/audit?action=alert.*', undefined, admin);
    expect(audit.json.entries.map((e: { action: string }) => e.action)).toEqual(['alert.snooze']);
  });

  it.each<[string, unknown, number]>([
    ['a day in the past', { until: '2026-11-01' }, 400],
    ['not a day', { until: 'soon' }, 400],
    ['extra fields', { until: '2026-12-01', forever: true }, 400],
  ])('refuses to snooze until %s', async (_name, body, status) => {
    await subscription({ appId: 'zoom', seats: 10, renewalDate: '2026-11-01', autoRenew: false });
    await evaluate();
    const [alert] = await alerts();
    expect((await server.call('POST', `/api/v1/alerts/${alert!.id}/snooze`, body, admin)).status).toBe(status);
  });

  const filtersAndNamesThePlanOnce =
    'filters by kind and by severity, refuses an unknown severity, and names a plan that repeats its app once';
  it(filtersAndNamesThePlanOnce, async () => {
    await subscription({ appId: 'zoom', seats: 10, renewalDate: '2026-11-01', autoRenew: false });
    await subscription({
      appId: 'gong',
      plan: 'Gong Foundation',
      seats: 10,
      renewalDate: '2026-12-10',
      noticeDays: 30,
    });
    await evaluate();
    const all = await alerts();
    expect(all.map((a) => [a.kind, a.subject.name, a.severity]).sort()).toEqual([
      ['expired', 'Zoom Pro', 'critical'],
      ['reclaimable', 'Gong Foundation', 'warning'],
      ['reclaimable', 'Zoom Pro', 'warning'],
      ['renewal_due', 'Gong Foundation', 'critical'],
    ]);
    expect((await alerts('?severity=critical')).map((a) => a.kind).sort()).toEqual(['expired', 'renewal_due']);
    expect((await alerts('?severity=warning&kind=reclaimable')).map((a) => a.subject.name).sort()).toEqual([
      'Gong Foundation',
      'Zoom Pro',
    ]);
    expect(await alerts('?severity=info')).toEqual([]);
    const gong = all.find((a) => a.kind === 'reclaimable' && a.subject.name === 'Gong Foundation')!;
    expect(gong.message).toBe(
      'Gong Foundation: 10 seats to reclaim, $12,000 a year; ' +
        '0 assigned on 10 bought, 10 unassigned; 0 need one, so 10 spare.',
    );
    const bad = await server.call('GET', '/api/v1/alerts?severity=urgent', undefined, admin);
    expect(bad.status).toBe(400);
  });

  it('answers 404 for an unknown alert and refuses viewers', async () => {
    expect((await server.call('POST', '/api/v1/alerts/999/acknowledge', undefined, admin)).status).toBe(404);
    expect(
      (await server.call('POST', '/api/v1/alerts/evaluate', undefined, await server.signedInAs('viewer'))).status,
    ).toBe(403);
  });
});

describe('notifications', () => {
  it('emails the recipients with text and HTML parts through the configured SMTP server', async () => {
    const smtp = await startSmtpListener();
    try {
      expect(
        (
          await server.call(
            'PUT',
            '/api/v1/settings/smtp',
            {
              host: '127.0.0.1',
              port: smtp.port,
              secure: false,
              allowUnencrypted: true,
              username: null,
              from: 'seatwise@example.com',
              password: 'p4ss',
            },
            admin,
          )
        ).json.smtp,
      ).toEqual({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        allowUnencrypted: true,
        username: null,
        from: 'seatwise@example.com',
        passwordSet: true,
      });
      await server.call(
        'PATCH',
        '/api/v1/settings/alerts',
        { emailRecipients: ['finance@example.com', 'it@example.com'] },
        admin,
      );
      await subscription({
        appId: 'zoom',
        plan: 'Business <Pro>',
        seats: 10,
        renewalDate: '2026-11-01',
        autoRenew: false,
        unitCost: 1000,
      });
      await evaluate();
      expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 2, retrying: 0, failed: 0 });
      expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(['finance@example.com', 'it@example.com']);
      const mail = smtp.mails[0]!;
      expect(mail.from).toBe('seatwise@example.com');
      expect(mail.raw).toContain('Subject: [Seatwise] Subscription expired: Zoom Business <Pro>');
      expect(mimePart(mail.raw, 'text/plain')).toContain('Zoom Business <Pro> ended on 2026-11-01');
      expect(mimePart(mail.raw, 'text/html')).toContain('Zoom Business &lt;Pro&gt; ended on 2026-11-01');
      const log = await server.call('GET', '/api/v1/deliveries', undefined, admin);
      expect(log.json.deliveries.map((d: { channel: string; state: string }) => [d.channel, d.state])).toEqual([
        ['email', 'delivered'],
        ['email', 'delivered'],
      ]);
    } finally {
      await smtp.close();
    }
  });

  const signsRetriesAndDeliversOnce =
    'posts signed Slack-compatible JSON, retries a failing endpoint with backoff and delivers once when it recovers';
  it(signsRetriesAndDeliversOnce, async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await server.call('POST', '/api/v1/webhooks', { name: 'IT channel', url: receiver.url }, admin);
      expect(created.status).toBe(201);
      const secret = created.json.secret as string;
      expect((await server.call('GET', '/api/v1/webhooks', undefined, admin)).json).toEqual([
        expect.objectContaining({ name: 'IT channel', secretHint: `…${secret.slice(-4)}` }),
      ]);
      expect(JSON.stringify((await server.call('GET', '/api/v1/webhooks', undefined, admin)).json)).not.toContain(
        secret,
      );

      await subscription({ appId: 'zoom', seats: 10, renewalDate: '2026-11-01', autoRenew: false, unitCost: 1000 });
      await evaluate();
      receiver.state.failWith = 503;
      const start = server.clock.now.getTime();
      expect(await sendDueDeliveries(server.db, new Date(start), () => 0.5)).toEqual({
        delivered: 0,
        retrying: 1,
        failed: 0,
      });
      // Not due again before its backoff (30 s after the first failure).
      expect(await sendDueDeliveries(server.db, new Date(start + 29_000), () => 0.5)).toEqual({
        delivered: 0,
        retrying: 0,
        failed: 0,
      });
      expect(await sendDueDeliveries(server.db, new Date(start + 30_000), () => 0.5)).toEqual({
        delivered: 0,
        retrying: 1,
        failed: 0,
      });
      receiver.state.failWith = 0;
      expect(await sendDueDeliveries(server.db, new Date(start + 90_000), () => 0.5)).toEqual({
        delivered: 1,
        retrying: 0,
        failed: 0,
      });
      expect(await sendDueDeliveries(server.db, new Date(start + 10 * 60_000), () => 0.5)).toEqual({
        delivered: 0,
        retrying: 0,
        failed: 0,
      });

      expect(receiver.posts.map((p) => p.status)).toEqual([503, 503, 200]);
      const delivered = receiver.posts.at(-1)!;
      expect(new Set(receiver.posts.map((p) => p.headers['x-seatwise-delivery'])).size).toBe(1);
      expect(
        verifySignature(
          secret,
          Number(delivered.headers['x-seatwise-timestamp']),
          delivered.body,
          delivered.headers['x-seatwise-signature']!,
        ),
      ).toBe(true);
      expect(
        verifySignature(
          secret,
          Number(delivered.headers['x-seatwise-timestamp']),
          `${delivered.body} `,
          delivered.headers['x-seatwise-signature']!,
        ),
      ).toBe(false);
      const body = JSON.parse(delivered.body);
      expect(body.text).toContain('*Subscription expired*: Zoom Pro ended on 2026-11-01');
      expect(body.seatwise).toMatchObject({
        event: 'alert.opened',
        alert: { kind: 'expired', subject: { type: 'subscription', name: 'Zoom Pro' } },
      });
      const log = (await server.call('GET', '/api/v1/deliveries', undefined, admin)).json.deliveries[0];
      expect(log).toMatchObject({
        channel: 'webhook',
        target: 'IT channel',
        state: 'delivered',
        attempts: 3,
        lastStatus: 200,
        lastError: null,
      });
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the last attempt and says why in the log', async () => {
    const receiver = await startWebhookReceiver();
    receiver.state.failWith = 500;
    try {
      await server.call('POST', '/api/v1/webhooks', { name: 'Broken', url: receiver.url }, admin);
      await server.call(
        'POST',
        `/api/v1/webhooks/${(await server.call('GET', '/api/v1/webhooks', undefined, admin)).json[0].id}/test`,
        undefined,
        admin,
      );
      let at = server.clock.now.getTime();
      for (let attempt = 1; attempt <= 8; attempt += 1) {
        await sendDueDeliveries(server.db, new Date(at), () => 0.99);
        at += 2 * 60 * 60_000;
      }
      expect(receiver.posts).toHaveLength(8);
      const log = (await server.call('GET', '/api/v1/deliveries?state=failed', undefined, admin)).json.deliveries;
      expect(log).toEqual([
        expect.objectContaining({
          event: 'test',
          state: 'failed',
          attempts: 8,
          lastStatus: 500,
          lastError: 'the receiver answered 500',
        }),
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('keeps the SMTP password, never shows it, and refuses bad settings', async () => {
    await server.call(
      'PUT',
      '/api/v1/settings/smtp',
      {
        host: 'smtp.example.com',
        port: 587,
        secure: false,
        username: 'seatwise',
        from: 'seatwise@example.com',
        password: 'top-secret-value',
      },
      admin,
    );
    await server.call(
      'PUT',
      '/api/v1/settings/smtp',
      { host: 'smtp2.example.com', port: 587, secure: false, username: 'seatwise', from: 'seatwise@example.com' },
      admin,
    );
    const shown = await server.call('GET', '/api/v1/settings/smtp', undefined, admin);
    expect(shown.json.smtp).toMatchObject({ host: 'smtp2.example.com', passwordSet: true });
    expect(JSON.stringify(shown.json)).not.toContain('top-secret-value');
    const audit = await server.call('GET', '/api/v1/audit?action=settings.update', undefined, admin);
    expect(JSON.stringify(audit.json)).not.toContain('top-secret-value');
    for (const body of [
      { host: '', port: 25, secure: false, username: null, from: 'a@example.com' },
      { host: 'h', port: 70000, secure: false, username: null, from: 'a@example.com' },
      { host: 'h', port: 25, secure: false, username: null, from: 'nobody' },
    ]) {
      expect((await server.call('PUT', '/api/v1/settings/smtp', body, admin)).status).toBe(400);
    }
    expect(
      (await server.call('PATCH', '/api/v1/settings/alerts', { emailRecipients: ['not-an-email'] }, admin)).status,
    ).toBe(400);
    expect((await server.call('POST', '/api/v1/webhooks', { name: 'x', url: 'ftp://example.com' }, admin)).status).toBe(
      400,
    );
  });

  it('changes thresholds, and the rules follow them', async () => {
    const zoom = await subscription({ appId: 'zoom', seats: 10 });
    for (const email of [
      'a@example.com',
      'b@example.com',
      'c@example.com',
      'd@example.com',
      'e@example.com',
      'f@example.com',
      'g@example.com',
      'h@example.com',
    ]) {
      await server.call('POST', `/api/v1/subscriptions/${zoom}/seats`, { email, assignedAt: '2026-11-19' }, admin);
    }
    await evaluateAndStoreAlerts(server.db, server.clock.now, null);
    expect((await alerts()).map((a) => a.kind)).not.toContain('seats_low');
    const patched = await server.call(
      'PATCH',
      '/api/v1/settings/alerts',
      { thresholds: { seatsLowPercent: 80 } },
      admin,
    );
    expect(patched.json.thresholds).toEqual({ seatsLowPercent: 80, reclaimableAnnualCost: 1000, silentDays: 7 });
    await evaluateAndStoreAlerts(server.db, server.clock.now, null);
    expect((await alerts()).map((a) => a.kind)).toContain('seats_low');
  });
});
