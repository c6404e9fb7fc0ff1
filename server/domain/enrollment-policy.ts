// Who may enroll a browser (DESIGN section 3): the email's domain and, optionally, only people the directory knows.
import type { EnrollmentSettings } from '../contract.ts';

export const OPEN_ENROLLMENT: EnrollmentSettings = {
  allowedEmailDomains: [],
  knownPeopleOnly: false,
  requireSso: false,
};

/** What the directory holds about the email being enrolled, if anything. */
export type KnownPerson = { source: 'directory' | 'enrollment'; confirmedAt: Date | null } | null;

/** A person created by an earlier enrollment has only ever been vouched for by the enrollment token. */
export const isUnconfirmed = (person: NonNullable<KnownPerson>) =>
  person.source === 'enrollment' && person.confirmedAt === null;

/** `acme.com` allows `ada@acme.com` and `ada@eu.acme.com`, never `ada@notacme.com` or `ada@acme.com.evil.test`. */
export function domainAllowed(email: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return allowed.some((entry) => domain === entry || domain.endsWith(`.${entry}`));
}

/** Why this email may not enroll (a sentence for the device's person), or null when it may. */
export function enrollmentRefusal(
  settings: Pick<EnrollmentSettings, 'allowedEmailDomains' | 'knownPeopleOnly'>,
  email: string,
  person: KnownPerson,
): string | null {
  if (!domainAllowed(email, settings.allowedEmailDomains)) {
    return `Only addresses at ${settings.allowedEmailDomains.join(', ')} may enroll; use your work email or ask IT.`;
  }
  if (settings.knownPeopleOnly && (person === null || isUnconfirmed(person))) {
    return 'Only people in the company directory may enroll, and this email is not in it; ask IT to add you.';
  }
  return null;
}

/** An `expiresAt` input as the moment the token stops working: a bare day lasts to its end (UTC). */
export function expiryMoment(input: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(input) ? new Date(Date.parse(`${input}T00:00:00Z`) + 86_400_000) : new Date(input);
}

/** The token limits of a create request, or why they make no sense (a token that has expired already). */
export function tokenLimits(
  input: { label?: string | undefined; expiresAt?: string | undefined; maxDevices?: number | undefined },
  now: Date,
): { label: string | null; expiresAt: Date | null; maxDevices: number | null } | { problem: string } {
  const expiresAt = input.expiresAt === undefined ? null : expiryMoment(input.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime())
    return { problem: 'expiresAt: must be in the future; a token that has expired already enrolls nothing.' };
  return { label: input.label ?? null, expiresAt, maxDevices: input.maxDevices ?? null };
}
