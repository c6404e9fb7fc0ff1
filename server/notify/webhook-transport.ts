// Posts one webhook delivery: the stored body, signed with the endpoint's secret, no redirects, a bounded wait.
import type { SendOutcome } from './outcome.ts';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './signature.ts';

const WEBHOOK_TIMEOUT_MS = 10_000;

export type WebhookPost = { id: number; url: string; secret: string; event: string; body: string };

export async function postWebhook(post: WebhookPost, now: number): Promise<SendOutcome> {
  const timestamp = Math.floor(now / 1000);
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Seatwise-Webhook/1',
        'x-seatwise-event': post.event,
        'x-seatwise-delivery': String(post.id),
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signBody(post.secret, timestamp, post.body),
      },
      body: post.body,
      redirect: 'error',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return {
      ok: response.ok,
      status: response.status,
      error: response.ok ? null : `the receiver answered ${response.status}`,
    };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}
