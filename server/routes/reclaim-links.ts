// The keep-or-release link from the reclaim email: a signed, expiring token is the only credential.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { escapeHtml } from '../domain/html-text.ts';
import { textProblem } from '../domain/text-rules.ts';
import { page, questionPage } from '../reclaim-page.ts';
import { answerReclaim, openReclaimLink } from '../services/reclaim-answers.ts';

const ANSWERED: Record<string, string> = {
  kept: 'You keep the seat. Thank you for answering.',
  released: 'You gave the seat back. Thank you: IT will remove the account.',
  ready: 'This seat is already on its way to being removed. Contact IT if you still need it.',
  revoked: 'This seat has been removed. Contact IT if you need it again.',
  cancelled: 'Nothing more is needed from you: IT cancelled this request.',
};

/** Why a link leads nowhere, said to the holder: the page's title, its sentence, and the status. */
const DEAD_END: Record<'invalid' | 'expired' | 'gone', [string, string, 400 | 404 | 410]> = {
  invalid: ['This link is not valid', 'It may have been changed or cut short.', 400],
  expired: ['This link has expired', 'The time to answer has passed.', 410],
  gone: ['This link is not valid', 'There is no such request any more.', 404],
};

export function reclaimLinkRoutes(deps: AppDeps) {
  async function open(c: Context) {
    const opened = await openReclaimLink(deps, c.req.param('token') ?? '');
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (!opened.ok) {
      const [title, body, status] = DEAD_END[opened.reason];
      return { error: c.html(page(title, `<p>${body} Contact IT about your seat.</p>`), status) };
    }
    return { reclaim: opened.reclaim };
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
      const after = await answerReclaim(deps, reclaim, decision, reason);
      if (after === 'answered')
        return c.html(page('Already answered', `<p>${ANSWERED[reclaim.state] ?? 'This request is closed.'}</p>`), 409);
      return c.html(page('Thank you', `<p>${ANSWERED[after.state]}</p>`));
    });
}
