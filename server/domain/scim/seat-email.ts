// Which email a SCIM user holds a seat under: the primary of `emails`, else the only or first work email, else
// `userName` when it is an email. Inactive users and users without an email are skipped, each with its reason.
import { looksLikeEmail } from '../csv/cells.ts';
import type { ScimUserResource } from './list-response.ts';

export type SeatEmail = { email: string } | { skip: string };

export function seatEmailOf(user: ScimUserResource): SeatEmail {
  if (user.active === false) return { skip: 'inactive at the vendor' };
  const emails = (user.emails ?? []).filter((e) => looksLikeEmail(e.value));
  const chosen =
    emails.find((e) => e.primary === true) ??
    (emails.length === 1 ? emails[0] : undefined) ??
    emails.find((e) => e.type?.toLowerCase() === 'work') ??
    emails[0];
  if (chosen) return { email: chosen.value.trim().toLowerCase() };
  if (user.userName && looksLikeEmail(user.userName)) return { email: user.userName.trim().toLowerCase() };
  return { skip: `no email (userName "${(user.userName ?? '').slice(0, 80)}" is not one)` };
}
