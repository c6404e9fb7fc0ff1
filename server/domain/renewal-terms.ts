// A contract's renewal terms: the last day notice can be given before it renews.
import { addDays } from './days.ts';

/** The renewal day minus the notice period; null without a renewal day. On that day notice is still in time. */
export function noticeDeadline(terms: { renewalDate: string | null; noticeDays: number }): string | null {
  return terms.renewalDate === null ? null : addDays(terms.renewalDate, -terms.noticeDays);
}
