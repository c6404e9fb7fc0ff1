// What IT is asked and told when it moves reclaims on in the queue: one row's own step, or every ticked row's.
import type { Reclaim } from '../../../server/contract.ts';

/** The steps the queue offers; giving a seat back ("release") is the holder's, by email. */
export type QueueStep = 'ready' | 'revoke' | 'cancel';

const DONE: Record<QueueStep, string> = { revoke: 'Revoked', ready: 'Marked ready', cancel: 'Cancelled' };

/** Asked before revoking: a revoke removes the seats and records the saving, so the accounts must be gone first. */
export function revokeQuestion(
  chosen: readonly (Pick<Reclaim, 'email'> & Partial<Pick<Reclaim, 'vendorDeprovision'>>)[],
  byName: boolean,
): string {
  // A connector removes the accounts itself: the question is whether to let it, not whether IT did it by hand.
  if (chosen.length > 0 && chosen.every((r) => r.vendorDeprovision && r.vendorDeprovision !== 'none')) {
    return byName
      ? `Remove ${chosen[0]?.email}'s account at the vendor (${chosen[0]?.vendorDeprovision}) and then the seat? ` +
          'The saving is recorded once the vendor confirms.'
      : `Remove the ${chosen.length} account(s) at the vendor and then their seats? ` +
          'Each saving is recorded once its vendor confirms.';
  }
  return byName
    ? `Has ${chosen[0]?.email}'s account been removed in the vendor's console? ` +
        'The seat will be removed and the saving recorded.'
    : `Have the ${chosen.length} account(s) been removed in the vendor's console? ` +
        'Their seats will be removed and the savings recorded.';
}

/** After every step went through: the row's email, or how many. */
export function stepsDone(step: QueueStep, chosen: readonly Pick<Reclaim, 'email'>[], byName: boolean): string {
  return byName ? `${DONE[step]}: ${chosen[0]?.email}.` : `${DONE[step]}: ${chosen.length}.`;
}

/** After a step failed: why, and for ticked rows how many went through before it. */
export const stepsFailed = (why: string, done: number, byName: boolean) =>
  byName ? why : `${done} done, then: ${why}`;
