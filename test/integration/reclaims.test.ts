// One reclaim workflow after another on a libSQL file, over real HTTP: holders get a keep-or-release email on a real
// SMTP listener, answer through the signed link, IT confirms removal and the saving is recorded; every step audited.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteSetting } from '../../server/queries/settings.ts';
import { sendDueDeliveries } from '../../server/services/deliveries.ts';
import { prepareReclaimEmail } from '../../server/services/reclaim-email.ts';
import { expireUnanswered } from '../../server/services/reclaims.ts';
import { mimePart, startSmtpListener } from '../support/smtp-listener.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let base: string;
let subscriptionId: number;
const seatOf = new Map<string, number>();

beforeEach(async () => {
  // Today is 2026-11-20.
  server = await createTestServer();
  admin = await server.login();
  base = await server.listen();
  smtp = await startSmtpListener();
  await server.call(
    'PUT',
    '/api/v1/settings/smtp',
    {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      allowUnencrypted: true,
      username: null,
      from: 'it@example.com',
    },
    admin,
  );
  const { json } = await server.call(
    'POST',
    '/api/v1/subscriptions',
    {
      appId: 'figma',
      plan: 'Professional',
      metric: 'named_user',
      seats: 10,
      unitCost: 1_500,
      currency: 'USD',
      billingPeriod: 'monthly',
    },
    admin,
  );
  subscriptionId = json.id;
  await server.app.request('/api/v1/people/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: 'email,status\nleaver@example.com,Terminated\n',
  });
  for (const email of ['idle@example.com', 'never@example.com', 'leaver@example.com', 'busy@example.com']) {
    const seat = await server.call(
      'POST',
      `/api/v1/subscriptions/${subscriptionId}/seats`,
      { email, assignedAt: '2026-01-01' },
      admin,
    );
    seatOf.set(email, seat.json.id);
  }
  for (const [email, day] of [
    ['idle@example.com', '2026-08-01'],
    ['never@example.com', null],
    ['busy@example.com', '2026-11-19'],
  ] as const) {
    const device = await server.enrollDevice(email, admin);
    const records = day ? [{ appId: 'figma', day, activeSeconds: 3_600, visits: 2, lastActiveAt: null }] : [];
    await server.call('POST', '/api/v1/devices/usage', { records }, { bearer: device.deviceToken });
  }
});
afterEach(async () => {
  await smtp.close();
  await server.close();
});

/** Over real HTTP, so the links in the emails point at the address the request came to. */
async function propose(emails: string[], notify = true) {
  const response = await fetch(`${base}/api/v1/reclaims`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ seatIds: emails.map((e) => seatOf.get(e)!), notify }),
  });
  return { status: response.status, json: await response.json() };
}
const linkIn = (raw: string) => mimePart(raw, 'text/plain').match(/https?:\/\/\S+\/reclaim\/[A-Za-z0-9_.-]+/)![0];

async function answer(link: string, decision: string, reason = '') {
  const response = await fetch(link, { method: 'POST', body: new URLSearchParams({ decision, reason }) });
  return { status: response.status, html: await response.text() };
}

describe('proposing seats', () => {
  it('refuses the whole request when one seat is in use, and creates nothing', async () => {
    const { status, json } = await propose(['idle@example.com', 'busy@example.com']);
    expect([status, json.error.code]).toEqual([409, 'not_reclaimable']);
    expect(json.error.message).toContain('busy@example.com on Figma is active, not idle, never used or left');
    expect((await server.call('GET', '/api/v1/reclaims', undefined, admin)).json.total).toBe(0);
  });

  it("asks the people still here by email, and makes a leaver's seat ready at once", async () => {
    const { status, json } = await propose(['idle@example.com', 'never@example.com', 'leaver@example.com']);
    expect(status).toBe(201);
    // Nobody has been asked yet: the deadline is set when the email goes out.
    expect(
      json.map(
        (r: {
          email: string;
          state: string;
          holderStatus: string;
          annualSaving: number;
          respondBy: string | null;
          notifiedAt: string | null;
        }) => [r.email, r.holderStatus, r.state, r.annualSaving, r.respondBy, r.notifiedAt],
      ),
    ).toEqual([
      ['idle@example.com', 'idle', 'notified', 18_000, null, null],
      ['never@example.com', 'never_used', 'notified', 18_000, null, null],
      ['leaver@example.com', 'left', 'ready', 18_000, null, null],
    ]);
    expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    const asked = (await server.call('GET', '/api/v1/reclaims?state=notified', undefined, admin)).json.reclaims;
    expect(
      asked.map((r: { respondBy: string; notifiedAt: string; emailProblem: string | null }) => [
        r.respondBy,
        r.notifiedAt,
        r.emailProblem,
      ]),
    ).toEqual([
      ['2026-11-27', '2026-11-20T12:00:00.000Z', null],
      ['2026-11-27', '2026-11-20T12:00:00.000Z', null],
    ]);
    // The holders list says which seats are being reclaimed, and how far along.
    const holders = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/reconciliation`, undefined, admin)
    ).json.holders as { email: string; reclaim: unknown }[];
    expect(Object.fromEntries(holders.map((h) => [h.email, h.reclaim]))).toEqual({
      'busy@example.com': null,
      'idle@example.com': {
        id: expect.any(Number),
        state: 'notified',
        notifiedAt: '2026-11-20T12:00:00.000Z',
        respondBy: '2026-11-27',
        keptUntil: null,
      },
      'leaver@example.com': {
        id: expect.any(Number),
        state: 'ready',
        notifiedAt: null,
        respondBy: null,
        keptUntil: null,
      },
      'never@example.com': {
        id: expect.any(Number),
        state: 'notified',
        notifiedAt: '2026-11-20T12:00:00.000Z',
        respondBy: '2026-11-27',
        keptUntil: null,
      },
    });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['idle@example.com', 'never@example.com']);
    expect(smtp.mails[0]!.raw).toContain('Subject: [Seatwise] Do you still need your Figma Professional seat?');
    expect(linkIn(smtp.mails[0]!.raw).startsWith(`${base}/reclaim/`)).toBe(true);
    // Proposing the same seats again is refused while they are being reclaimed.
    const again = await propose(['idle@example.com']);
    expect(again.json.error.message).toContain('already being reclaimed (notified)');
  });

  const noWorkingLinkStored =
    'keeps no working link anywhere in the database once the emails are sent: not in a row, the file or its WAL';
  it(noWorkingLinkStored, async () => {
    await propose(['idle@example.com', 'never@example.com']);
    expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    const tokens = smtp.mails.map((m) => linkIn(m.raw).split('/reclaim/')[1]!);
    expect(tokens).toHaveLength(2);
    // Every text value of every table, as SQL sees it.
    const tables = await server.db.$client.execute(`select name from sqlite_master where type = 'table'`);
    const values: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await server.db.$client.execute(`select * from "${String(name)}"`);
      for (const row of rows.rows)
        for (const value of Object.values(row)) if (typeof value === 'string') values.push(value);
    }
    expect(values.some((v) => v.includes('Do you still need') || v.includes('reclaim.request'))).toBe(true);
    const bytes = Buffer.concat(
      [server.dbPath, `${server.dbPath}-wal`].filter(existsSync).map((path) => readFileSync(path)),
    );
    for (const token of tokens) {
      expect(values.filter((v) => v.includes(token) || v.includes('/reclaim/'))).toEqual([]);
      expect(bytes.includes(Buffer.from(token))).toBe(false);
    }
    // The delivery log still says who was emailed and what about.
    const log = (await server.call('GET', '/api/v1/deliveries', undefined, admin)).json.deliveries as {
      target: string;
      event: string;
      state: string;
    }[];
    expect(log.map((d) => [d.target, d.event, d.state]).sort()).toEqual([
      ['idle@example.com', 'reclaim.request', 'delivered'],
      ['never@example.com', 'reclaim.request', 'delivered'],
    ]);
  });

  it.each<[string, unknown]>([
    ['no seats', { seatIds: [] }],
    ['a seat that does not exist', { seatIds: [999_999] }],
    ['not numbers', { seatIds: ['a'] }],
  ])('refuses %s', async (_name, body) => {
    const { status } = await server.call('POST', '/api/v1/reclaims', body, admin);
    expect([400, 409]).toContain(status);
    expect((await server.call('GET', '/api/v1/reclaims', undefined, admin)).json.total).toBe(0);
  });
});

describe('the whole workflow', () => {
  it('release through the link, revoke, saving recorded; keep through the link, not proposed again', async () => {
    await propose(['idle@example.com', 'never@example.com']);
    await sendDueDeliveries(server.db, server.clock.now);
    const link = (email: string) => linkIn(smtp.mails.find((m) => m.to[0] === email)!.raw);

    const page = await fetch(link('idle@example.com'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Do you still need Figma Professional?');
    expect(html).toContain('idle@example.com');

    expect((await answer(link('idle@example.com'), 'release')).html).toContain('You gave the seat back');
    expect((await answer(link('never@example.com'), 'keep', 'Design reviews each quarter')).html).toContain(
      'You keep the seat',
    );
    expect((await answer(link('never@example.com'), 'release')).status).toBe(409);

    const list = (await server.call('GET', '/api/v1/reclaims?state=released,kept', undefined, admin)).json.reclaims;
    const released = list.find((r: { email: string }) => r.email === 'idle@example.com');
    const kept = list.find((r: { email: string }) => r.email === 'never@example.com');
    expect(kept).toMatchObject({ state: 'kept', keepReason: 'Design reviews each quarter', keptUntil: '2026-12-20' });

    const revoked = await server.call('POST', `/api/v1/reclaims/${released.id}/revoke`, undefined, admin);
    expect(revoked.json).toMatchObject({ state: 'revoked', seatId: null });
    const seats = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, undefined, admin)
    ).json.map((s: { email: string }) => s.email);
    expect(seats).not.toContain('idle@example.com');
    expect((await server.call('GET', '/api/v1/savings', undefined, admin)).json.byCurrency.USD.realised).toBe(18_000);

    const again = await propose(['never@example.com']);
    expect(again.json.error.message).toContain('kept until 2026-12-20');
    const holders = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/reconciliation?search=never`, undefined, admin)
    ).json.holders;
    expect(holders[0].reclaim).toMatchObject({ state: 'kept', keptUntil: '2026-12-20' });

    const audit = (await server.call('GET', '/api/v1/audit?limit=100', undefined, admin)).json.entries as {
      actor: string;
      action: string;
      subjectId: string;
    }[];
    const steps = audit
      .filter((e) => e.action.startsWith('reclaim.') && e.subjectId === String(released.id))
      .map((e) => [e.action, e.actor])
      .reverse();
    expect(steps).toEqual([
      ['reclaim.create', 'user:admin@example.com'],
      ['reclaim.notify', 'system'],
      ['reclaim.release', 'holder:idle@example.com'],
      ['reclaim.revoke', 'user:admin@example.com'],
    ]);
    expect(audit.find((e) => e.action === 'seat.remove')).toMatchObject({
      actor: 'user:admin@example.com',
      subjectId: String(seatOf.get('idle@example.com')),
    });
  });

  it('refuses tampered and expired links, and a step out of order', async () => {
    await propose(['idle@example.com']);
    await sendDueDeliveries(server.db, server.clock.now);
    const link = linkIn(smtp.mails[0]!.raw);
    const tampered = link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    expect((await fetch(tampered)).status).toBe(400);
    expect((await answer(tampered, 'release')).status).toBe(400);

    const [reclaim] = (await server.call('GET', '/api/v1/reclaims', undefined, admin)).json.reclaims;
    const early = await server.call('POST', `/api/v1/reclaims/${reclaim.id}/revoke`, undefined, admin);
    expect([early.status, early.json.error.code]).toEqual([409, 'invalid_step']);

    server.clock.now = new Date('2026-11-28T00:00:01Z');
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    expect((await answer(link, 'keep')).status).toBe(410);
    expect(
      (await server.call('GET', `/api/v1/reclaims/${reclaim.id}`, undefined, await server.login())).json.state,
    ).toBe('notified');
  });

  it('makes an unanswered reclaim ready to revoke after its deadline', async () => {
    await propose(['idle@example.com', 'never@example.com']);
    await sendDueDeliveries(server.db, server.clock.now);
    expect(await expireUnanswered(server.db, '2026-11-27', server.clock.now.getTime())).toBe(0);
    expect(await expireUnanswered(server.db, '2026-11-28', server.clock.now.getTime())).toBe(2);
    const { json } = await server.call('GET', '/api/v1/reclaims?state=ready', undefined, admin);
    expect(json.total).toBe(2);
    const audit = (await server.call('GET', '/api/v1/audit?action=reclaim.expire', undefined, admin)).json.entries;
    expect(audit.map((e: { actor: string }) => e.actor)).toEqual(['system', 'system']);
  });

  it('lets IT record an answer, mark ready, cancel, and refuses viewers', async () => {
    const [first, second] = (await propose(['idle@example.com', 'never@example.com'], false)).json;
    expect(first.state).toBe('open');
    expect(smtp.mails).toHaveLength(0);
    expect((await server.call('POST', `/api/v1/reclaims/${first.id}/ready`, undefined, admin)).json.state).toBe(
      'ready',
    );
    expect((await server.call('POST', `/api/v1/reclaims/${second.id}/cancel`, undefined, admin)).json.state).toBe(
      'cancelled',
    );
    expect((await server.call('POST', `/api/v1/reclaims/${second.id}/keep`, { reason: '' }, admin)).status).toBe(400);
    expect(
      (await server.call('POST', `/api/v1/reclaims/${first.id}/revoke`, undefined, await server.signedInAs('viewer')))
        .status,
    ).toBe(403);
    expect((await server.call('POST', '/api/v1/reclaims/999/revoke', undefined, admin)).status).toBe(404);
  });
});

describe('asking holders by email', () => {
  type Reclaim = {
    id: number;
    email: string;
    state: string;
    respondBy: string | null;
    notifiedAt: string | null;
    emailProblem: string | null;
  };
  // A fresh sign-in each time: these tests move the clock past a session's life.
  const reclaimOf = async (id: number): Promise<Reclaim> =>
    (await server.call('GET', `/api/v1/reclaims/${id}`, undefined, await server.login())).json;
  const reclaimAudit = async () =>
    (
      (await server.call('GET', '/api/v1/audit?action=reclaim.*&limit=100', undefined, await server.login())).json
        .entries as { action: string; after: unknown }[]
    ).reverse();

  it('refuses with 409 email_not_configured while no mail server is set up, and creates nothing', async () => {
    // As on an installation where nobody has set up email.
    await deleteSetting(server.db, 'smtp');
    const { status, json } = await propose(['idle@example.com', 'leaver@example.com']);
    expect([status, json.error.code]).toEqual([409, 'email_not_configured']);
    expect(json.error.message).toContain('no email server is set up');
    expect(json.error.message).toContain('Settings > Email');
    expect(json.error.message).toContain('notify: false');
    expect((await server.call('GET', '/api/v1/reclaims', undefined, admin)).json.total).toBe(0);
    expect((await server.call('GET', '/api/v1/deliveries', undefined, admin)).json.total).toBe(0);
    expect(await reclaimAudit()).toEqual([]);
    // Without asking, the same seats can be reclaimed.
    const unasked = await propose(['idle@example.com'], false);
    expect([unasked.status, unasked.json[0].state]).toEqual([201, 'open']);
  });

  it('counts the answer deadline and the link from when the email was actually sent', async () => {
    const [created] = (await propose(['idle@example.com'])).json as Reclaim[];
    // Weeks later, with the email still queued, the hourly job finds nothing due.
    expect(await expireUnanswered(server.db, '2027-01-01', Date.parse('2027-01-01T00:00:00Z'))).toBe(0);
    expect((await reclaimOf(created!.id)).state).toBe('notified');

    server.clock.now = new Date('2026-11-23T09:30:00Z');
    expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(await reclaimOf(created!.id)).toMatchObject({
      state: 'notified',
      notifiedAt: '2026-11-23T09:30:00.000Z',
      respondBy: '2026-11-30',
      emailProblem: null,
    });
    expect(mimePart(smtp.mails[0]!.raw, 'text/plain')).toContain('Answer here by 2026-11-30');
    expect((await reclaimAudit()).map((e) => e.action)).toEqual(['reclaim.create', 'reclaim.notify']);

    const link = linkIn(smtp.mails[0]!.raw);
    server.clock.now = new Date('2026-11-30T23:59:00Z');
    expect((await fetch(link)).status).toBe(200);
    server.clock.now = new Date('2026-12-01T00:00:01Z');
    expect((await fetch(link)).status).toBe(410);

    expect(await expireUnanswered(server.db, '2026-11-30', server.clock.now.getTime())).toBe(0);
    expect(await expireUnanswered(server.db, '2026-12-01', server.clock.now.getTime())).toBe(1);
    expect((await reclaimOf(created!.id)).state).toBe('ready');
  });

  it('hands the reclaim back to IT, with the reason, when the email cannot be sent after every retry', async () => {
    // The mail server goes away after the reclaim was proposed.
    await smtp.close();
    const [created] = (await propose(['idle@example.com'])).json as Reclaim[];
    let result = { delivered: 0, retrying: 0, failed: 0 };
    for (let tries = 0; result.failed === 0; tries += 1) {
      expect(tries).toBeLessThan(10);
      result = await sendDueDeliveries(server.db, server.clock.now);
      if (result.retrying === 1)
        expect(await reclaimOf(created!.id)).toMatchObject({
          state: 'notified',
          notifiedAt: null,
          respondBy: null,
          emailProblem: expect.stringMatching(/ECONNREFUSED/),
        });
      server.clock.now = new Date(server.clock.now.getTime() + 2 * 3_600_000);
    }
    expect(await reclaimOf(created!.id)).toMatchObject({
      state: 'open',
      notifiedAt: null,
      respondBy: null,
      emailProblem: expect.stringMatching(/ECONNREFUSED/),
    });
    expect((await reclaimAudit()).map((e) => e.action)).toEqual(['reclaim.create', 'reclaim.email_failed']);
    const it = await server.login();
    expect(
      (await server.call('GET', '/api/v1/deliveries?state=failed', undefined, it)).json.deliveries[0],
    ).toMatchObject({ event: 'reclaim.request', attempts: 8 });
    expect(await expireUnanswered(server.db, '2027-06-01', server.clock.now.getTime())).toBe(0);
    // IT can still decide without an answer.
    expect((await server.call('POST', `/api/v1/reclaims/${created!.id}/ready`, undefined, it)).json.state).toBe(
      'ready',
    );
  });

  it('does not retry a mailbox the mail server refuses, and hands the reclaim back at once', async () => {
    await smtp.close();
    smtp = await startSmtpListener({ rejectRecipients: ['idle@example.com'] });
    await server.call(
      'PUT',
      '/api/v1/settings/smtp',
      {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        allowUnencrypted: true,
        username: null,
        from: 'it@example.com',
      },
      admin,
    );
    const [refused, fine] = (await propose(['idle@example.com', 'never@example.com'])).json as Reclaim[];
    expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 1, retrying: 0, failed: 1 });
    expect(await reclaimOf(refused!.id)).toMatchObject({
      state: 'open',
      respondBy: null,
      emailProblem: expect.stringContaining('mailbox unavailable'),
    });
    expect(await reclaimOf(fine!.id)).toMatchObject({ state: 'notified', respondBy: '2026-11-27' });
    expect(smtp.mails.map((m) => m.to)).toEqual([['never@example.com']]);
  });

  it('does not email a holder whose reclaim IT settled before the email went out', async () => {
    const [created] = (await propose(['idle@example.com'])).json as Reclaim[];
    await server.call('POST', `/api/v1/reclaims/${created!.id}/cancel`, undefined, admin);
    expect(await sendDueDeliveries(server.db, server.clock.now)).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    expect(smtp.mails).toEqual([]);
    expect((await server.call('GET', '/api/v1/deliveries', undefined, admin)).json.deliveries[0]).toMatchObject({
      state: 'failed',
      lastError: 'not sent: the reclaim is cancelled now, nobody waits for this answer',
    });
  });

  it('records no send for a reclaim IT settled while its email was on the way', async () => {
    const [created] = (await propose(['idle@example.com'])).json as Reclaim[];
    const prepared = await prepareReclaimEmail(server.db, { reclaimId: created!.id, baseUrl: base }, server.clock.now);
    if ('skip' in prepared) throw new Error(prepared.skip);
    await server.call('POST', `/api/v1/reclaims/${created!.id}/cancel`, undefined, admin);
    await server.db.$client.batch(prepared.sent, 'write');
    expect(await reclaimOf(created!.id)).toMatchObject({ state: 'cancelled', notifiedAt: null, respondBy: null });
    expect((await reclaimAudit()).map((e) => e.action)).toEqual(['reclaim.create', 'reclaim.cancel']);
  });
});
