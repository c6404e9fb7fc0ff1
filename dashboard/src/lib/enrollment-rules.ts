// The enrollment rules as the settings form shows and reads them: domains typed as a comma- or space-separated list.

/** `"Acme.com, eu.acme.com  @acme.co.uk"` -> `["acme.com", "eu.acme.com", "acme.co.uk"]`; the server validates each. */
export function parseDomainList(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((part) => part.trim().replace(/^@/, '').toLowerCase())
    .filter((part) => part !== '');
  return [...new Set(domains)];
}

/** The sentence under the form: who may enroll now, in words. */
export function describeEnrollmentRules(rules: {
  allowedEmailDomains: string[];
  knownPeopleOnly: boolean;
  requireSso?: boolean;
}): string {
  const who = rules.knownPeopleOnly ? 'People already in the directory' : 'Anyone with the enrollment token';
  const where =
    rules.allowedEmailDomains.length === 0
      ? 'with any email address'
      : `with an address at ${rules.allowedEmailDomains.join(', ')}`;
  const how = rules.requireSso ? ', and only by signing in through single sign-on' : '';
  return `${who} ${where} can enroll a browser${how}.`;
}

/** People a browser enrollment created stay marked until an HR import lists them (DESIGN section 3). */
export const isUnconfirmed = (person: { source: 'directory' | 'enrollment'; confirmedAt: string | null }) =>
  person.source === 'enrollment' && person.confirmedAt === null;

export const UNCONFIRMED_TEXT = 'Not yet confirmed by an HR import';

const DAY_MS = 86_400_000;

/**
 * A token's expiry as the admin entered it: a token made "valid through" a day ends at the next UTC midnight, which
 * reads as that day, not as "12:00 AM" of the next one. `formatDay` and `formatDateTime` are passed in (locale).
 */
export function expiryText(
  expiresAt: string | null,
  now: number,
  format: { day: (day: string) => string; dateTime: (at: string) => string },
): string {
  if (expiresAt === null) return 'Never';
  const at = Date.parse(expiresAt);
  const over = at <= now;
  if (at % DAY_MS === 0) {
    const lastDay = new Date(at - DAY_MS).toISOString().slice(0, 10);
    return `${over ? 'Expired after' : 'Valid through'} ${format.day(lastDay)}`;
  }
  return `${over ? 'Expired' : 'Until'} ${format.dateTime(expiresAt)}`;
}
