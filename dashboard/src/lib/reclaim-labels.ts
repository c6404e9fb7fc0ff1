// How a reclaim's progress is said in the dashboard, the same words on the holders table and the Reclaims page.
import type { Holder, Reclaim } from '../../../server/contract.ts';
import { formatDay } from './format.ts';

export const RECLAIM_STATE_LABEL: Record<Reclaim['state'], string> = {
  open: 'Proposed',
  notified: 'Asked the holder',
  released: 'Given back',
  kept: 'Kept',
  ready: 'Ready to revoke',
  revoked: 'Revoked',
  cancelled: 'Cancelled',
};

/** The state in words; a notified reclaim whose email has not gone out yet says so, since nobody was asked. */
export function reclaimStateText(reclaim: Pick<Reclaim, 'state' | 'notifiedAt'>): string {
  if (reclaim.state === 'notified' && reclaim.notifiedAt === null) return 'Email to the holder queued';
  return RECLAIM_STATE_LABEL[reclaim.state];
}

/** What the holders table says about a seat held back by a reclaim. */
export function holderReclaimText(reclaim: NonNullable<Holder['reclaim']>): string {
  if (reclaim.state === 'kept') return `Kept until ${formatDay(reclaim.keptUntil)}`;
  if (reclaim.state === 'notified' && reclaim.respondBy)
    return `Being reclaimed: asked, answer by ${formatDay(reclaim.respondBy)}`;
  return `Being reclaimed: ${reclaimStateText(reclaim).toLowerCase()}`;
}
