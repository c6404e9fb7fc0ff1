// The period Shadow IT counts users over: the shadow_it alert's, so the page and the alert give the same number.
import { addDays } from './format.ts';

/**
 * The same value as SHADOW_IT_WINDOW_DAYS in server/contract.ts (test/unit/shadow-it-window.test.ts checks):
 * importing a value from the contract would pull zod into the dashboard bundle.
 */
export const SHADOW_IT_WINDOW_DAYS = 30;

/** The first day of the period ending `today`, as GET /discovered?since= takes it. */
export const shadowItSince = (today: string): string => addDays(today, 1 - SHADOW_IT_WINDOW_DAYS);
