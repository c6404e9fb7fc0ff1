// The keep-or-release link from the reclaim email: a signed, expiring token is the only credential.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { utcDay } from '../domain/days.ts';
import { checkReclaimToken } from '../domain/reclaim-link.ts';
import { textProblem } from '../domain/text-rules.ts';
import { Conflict } from '../errors.ts';
import { escapeHtml } from '../notify/messages.ts';
import { linkSecret } from '../queries/link-secret.ts';
import { getReclaim, takeStep } from '../queries/reclaims.ts';
import { getSubscription } from '../queries/subscriptions.ts';
import { page, questionPage } from '../reclaim-page.ts';

const ANSWERED: Record<string, string> = {
  kept: 'You keep the seat. Thank you for answering.',
  released: 'You gave the seat back. Thank you: IT will remove the account.',
  ready: 'This seat is already on its way to being removed. Contact IT if you still need it.',
  revoked: 'This seat has been removed. Contact IT if you need it again.',
  cancelled: 'Nothing more is needed from you: IT cancelled this request.',
};

export function reclaimLinkRoutes({ db, now }: AppDeps) {
  async function open(c: Context) {
    const token = c.req.param('token') ?? '';
    const check = checkReclaimToken(await linkSecret(db), token, now().getTime());
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (!check.ok) {
      const expired = check.reason === 'expired';
      return {
        error: c.html(
          page(
            expired ? 'This link has expired' : 'This link is not valid',
            `<p>${expired ? 'The time to answer has passed.' : 'It may have been changed or cut short.'} Contact IT about your seat.</p>`,
          ),
          expired ? 410 : 400,
        ),
      };
    }
    const reclaim = await getReclaim(db, check.reclaimId);
    if (!reclaim)
      return {
        error: c.html(
          page('This link is not valid', '<p>There is no such request any more. Contact IT about your seat.</p>'),
          404,
        ),
      };
    return { reclaim };
  }

  return new Hono<AppEnv>()
    .get('/reclaim/:token', async (c) => {
      const opened = await open(c);
      if ('error' in opened) return opened.error;
      const { reclaim } = opened;
      if (reclaim.state !== 'notified' && reclaim.state !== 'open')
        return c.html(page('Thank you', `<p>${ANSWERED[reclaim.state] ?? 'This request is closed.'}</p>`));
      return c.html(
        questionPage({
          subscriptionName: reclaim.subscriptionName,
          email: reclaim.email,
          respondBy: reclaim.respondBy,
          action: c.req.path,
        }),
      );
    })
    .post('/reclaim/:token', async (c) => {
      const opened = await open(c);
      if ('error' in opened) return opened.error;
      const { reclaim } = opened;
      const form = await c.req.parseBody();
      const decision = form.decision;
      if (decision !== 'keep' && decision !== 'release')
        return c.html(page('Please choose', '<p>Choose whether you keep the seat or give it back.</p>'), 400);
      const reason = typeof form.reason === 'string' ? form.reason.trim() : '';
      const reasonProblem = textProblem(reason, 'multi_line', 500);
      if (reasonProblem)
        return c.html(
          page('Please change your reason', `<p>Your reason ${escapeHtml(reasonProblem)}. Go back and change it.</p>`),
          400,
        );
      const sub = reclaim.subscriptionId ? await getSubscription(db, reclaim.subscriptionId) : null;
      try {
        const after = await takeStep(db, reclaim.id, {
          step: decision,
          actor: `holder:${reclaim.email}`,
          now: now().getTime(),
          today: utcDay(now()),
          windowDays: sub?.activityWindowDays ?? 30,
          ...(decision === 'keep' ? { reason: reason || 'No reason given' } : {}),
        });
        return c.html(page('Thank you', `<p>${ANSWERED[after.state]}</p>`));
      } catch (error) {
        if (error instanceof Conflict)
          return c.html(
            page('Already answered', `<p>${ANSWERED[reclaim.state] ?? 'This request is closed.'}</p>`),
            409,
          );
        throw error;
      }
    });
}
