// The reclaim workflow's states and which step may follow which. Pure, so every transition is tested by a table.
import type { ReclaimState } from '../contract.ts';

export type { ReclaimState };
export type ReclaimStep = 'release' | 'keep' | 'ready' | 'revoke' | 'cancel' | 'expire' | 'email_failed';

/** From which states each step may be taken. */
const ALLOWED: Record<ReclaimStep, readonly ReclaimState[]> = {
  // The holder answers while asked (or IT records their answer on an open reclaim).
  release: ['open', 'notified'],
  keep: ['open', 'notified', 'released', 'ready'],
  // IT decides not to wait for an answer.
  ready: ['open', 'notified', 'released'],
  // IT confirms the account was removed in the vendor's console.
  revoke: ['released', 'ready'],
  cancel: ['open', 'notified', 'released', 'ready'],
  // No answer by the deadline.
  expire: ['notified'],
  // The keep-or-release email could not be sent: nobody was asked, so the reclaim waits for IT again.
  email_failed: ['notified'],
};

const RESULT: Record<ReclaimStep, ReclaimState> = {
  release: 'released',
  keep: 'kept',
  ready: 'ready',
  revoke: 'revoked',
  cancel: 'cancelled',
  expire: 'ready',
  email_failed: 'open',
};

const DONE: Record<ReclaimStep, string> = {
  release: 'released',
  keep: 'kept',
  ready: 'marked ready to revoke',
  revoke: 'revoked',
  cancel: 'cancelled',
  expire: 'expired',
  email_failed: 'returned to IT after a failed email',
};

/** A reclaim in one of these is unfinished: its seat is not proposed again until it ends. */
export const OPEN_STATES: readonly ReclaimState[] = ['open', 'notified', 'released', 'ready'];

/** The state after the step, or why the step cannot be taken now. */
export function nextState(current: ReclaimState, step: ReclaimStep): { state: ReclaimState } | { problem: string } {
  if (ALLOWED[step].includes(current)) return { state: RESULT[step] };
  const hint =
    current === 'notified' && step === 'revoke'
      ? ' The holder has not answered yet: mark it ready to revoke first, or wait for the deadline.'
      : '';
  return { problem: `A reclaim that is ${current} cannot be ${DONE[step]}.${hint}` };
}

/** What a removed seat saves a year: the seat price, annualised; nothing for site and flat licences. */
export function annualSeatSaving(subscription: {
  metric: string;
  unitCost: number;
  billingPeriod: 'monthly' | 'annual';
}): number {
  if (subscription.metric !== 'named_user' && subscription.metric !== 'concurrent') return 0;
  return subscription.unitCost * (subscription.billingPeriod === 'monthly' ? 12 : 1);
}
