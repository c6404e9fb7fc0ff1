// The period Shadow IT counts users over: the shadow_it alert's, so the page and the alert give the same number.
import { addDays } from './format.ts';

/**
 * The same value as SHADOW_IT_WINDOW_DAYS in server/contract.ts (test/unit/shadow-it-window.test.ts checks):
 * importing a value from the contract would pull zod into the dashboard bundle.
 */
export const SHADOW_IT_WINDOW_DAYS = 30;

/** The first day of the period ending `today`, as GET /discovered?since= takes it. */
export const shadowItSince = (today: string): string => addDays(today, 1 - SHADOW_IT_WINDOW_DAYS);

/**
 * The subscription that would replace what several people paid for on their own: one seat per payer, priced per seat
 * and month as they paid (what they paid in the last 365 days in the largest currency, over the months each paid),
 * billed monthly as personal plans are. Null when nobody or only one person paid.
 */
export function consolidationPreset(app: {
  payers: number;
  seatMonths: number;
  annualisedSpend: { currency: string; amount: number }[];
}): { seats: number; unitCost: number; currency: string; billingPeriod: 'monthly' } | null {
  const [main] = app.annualisedSpend;
  if (app.payers < 2 || app.seatMonths === 0 || !main || main.amount <= 0) return null;
  return {
    seats: app.payers,
    unitCost: Math.round(main.amount / app.seatMonths),
    currency: main.currency,
    billingPeriod: 'monthly',
  };
}
