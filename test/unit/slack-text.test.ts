// Webhook text is Slack mrkdwn: names are escaped so they can never ping a channel or disguise a link.
import { describe, expect, it } from 'vitest';
import { alertWebhookBody, escapeSlack } from '../../server/notify/messages.ts';

describe('escapeSlack', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here> <!everyone>', '&lt;!here&gt; &lt;!everyone&gt;'],
    ['<https://evil.example|click here>', '&lt;https://evil.example|click here&gt;'],
    ['<@U024BE7LH>', '&lt;@U024BE7LH&gt;'],
    ['Ben & Jerry', 'Ben &amp; Jerry'],
    ['&lt; already escaped', '&amp;lt; already escaped'],
    ['Plain *bold* name', 'Plain *bold* name'],
  ])('%s', (text, expected) => {
    expect(escapeSlack(text)).toBe(expected);
  });
});

describe('alertWebhookBody', () => {
  const alert = {
    kind: 'expired',
    severity: 'critical',
    subject: { type: 'subscription', id: '7', name: '<!channel> Pro' },
    message: '<!channel> Pro & <https://evil.example|Renew now> ended on 2026-11-01.',
  } as const;

  it('escapes the message in the text and keeps only its own link as a link', () => {
    const body = alertWebhookBody(alert, 'alert.opened', 'https://seatwise.example.com/');
    expect(body.text).toBe(
      '🔴 *Subscription expired*: &lt;!channel&gt; Pro &amp; &lt;https://evil.example|Renew now&gt; ' +
        'ended on 2026-11-01. <https://seatwise.example.com/#/subscriptions/7|Open in Seatwise>',
    );
    expect(body.text.match(/<[^&]/g)).toEqual(['<h']);
    // The structured part is data, not mrkdwn: it stays as the name was typed.
    expect(body.seatwise.alert).toMatchObject({ subject: alert.subject, message: alert.message });
  });
});
