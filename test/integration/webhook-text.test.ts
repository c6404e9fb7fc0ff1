// What a Slack-compatible receiver gets when names carry Slack syntax: escaped text, so no ping and no hidden link.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendDueDeliveries } from '../../server/services/deliveries.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

let server: TestServer;
let admin: { cookie: string };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
  await server.close();
});

describe('webhook text', () => {
  const escapesTheNameInTheText =
    'escapes a subscription named <!channel> & co. in the alert, and keeps the name as typed in the JSON';
  it(escapesTheNameInTheText, async () => {
    await server.call('POST', '/api/v1/webhooks', { name: 'IT channel', url: receiver.url }, admin);
    const plan = '<!channel> & <https://evil.example|Renew now>';
    const created = await server.call(
      'POST',
      '/api/v1/subscriptions',
      {
        appId: 'zoom',
        plan,
        metric: 'named_user',
        seats: 10,
        unitCost: 1000,
        currency: 'USD',
        renewalDate: '2026-11-01',
        autoRenew: false,
      },
      admin,
    );
    expect(created.status).toBe(201);
    await server.call('POST', '/api/v1/alerts/evaluate', undefined, admin);
    expect((await sendDueDeliveries(server.db, server.clock.now)).delivered).toBeGreaterThan(0);

    const expired = receiver.posts.map((p) => JSON.parse(p.body)).find((b) => b.seatwise.alert?.kind === 'expired');
    expect(expired.text).toContain(
      'Zoom &lt;!channel&gt; &amp; &lt;https://evil.example|Renew now&gt; ended on 2026-11-01',
    );
    expect(expired.text).not.toContain('<!channel>');
    expect(expired.text).not.toContain('<https://evil.example');
    expect(expired.seatwise.alert.subject.name).toBe(`Zoom ${plan}`);
  });

  it("escapes the webhook's own name in its test post", async () => {
    const hook = await server.call('POST', '/api/v1/webhooks', { name: '<!here> ops', url: receiver.url }, admin);
    await server.call('POST', `/api/v1/webhooks/${hook.json.id}/test`, undefined, admin);
    await sendDueDeliveries(server.db, server.clock.now);
    expect(JSON.parse(receiver.posts[0]!.body).text).toBe(
      'Seatwise test post to &lt;!here&gt; ops: this endpoint receives Seatwise alerts.',
    );
  });
});
