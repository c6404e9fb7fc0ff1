// A seat holder's answer through the keep-or-release link: the signed token is the only credential.
import type { Reclaim } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { checkReclaimToken } from '../domain/reclaim-link.ts';
import { Conflict } from '../errors.ts';
import { linkSecret } from '../queries/link-secret.ts';
import { getReclaim } from '../queries/reclaims.ts';
import { takeReclaimStep } from './reclaims.ts';

type Deps = { db: Db; now: () => Date };

export type OpenedLink = { ok: false; reason: 'invalid' | 'expired' | 'gone' } | { ok: true; reclaim: Reclaim };

/** The reclaim a link is about, or why the link leads nowhere (forged or cut short, expired, reclaim deleted). */
export async function openReclaimLink({ db, now }: Deps, token: string): Promise<OpenedLink> {
  const check = checkReclaimToken(await linkSecret(db), token, now().getTime());
  if (!check.ok) return check;
  const reclaim = await getReclaim(db, check.reclaimId);
  return reclaim ? { ok: true, reclaim } : { ok: false, reason: 'gone' };
}

/** The holder keeps or gives back the seat; 'answered' when the reclaim has moved on (answered, settled by IT). */
export async function answerReclaim(
  deps: Deps,
  reclaim: Reclaim,
  decision: 'keep' | 'release',
  reason: string,
): Promise<Reclaim | 'answered'> {
  try {
    return await takeReclaimStep(deps, reclaim.id, {
      step: decision,
      actor: `holder:${reclaim.email}`,
      ...(decision === 'keep' ? { reason: reason || 'No reason given' } : {}),
    });
  } catch (error) {
    if (error instanceof Conflict) return 'answered';
    throw error;
  }
}
