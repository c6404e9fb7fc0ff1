// Works-council mode's pseudonyms: `Person 7f3a9c2e41b0`, an HMAC-SHA256 of the person's id under a key derived for
// this installation, so a pseudonym is stable and cannot be reversed or forged without the key. Pure apart from the
// crypto.
import { createHmac } from 'node:crypto';

/** Hex digits shown: 48 bits, so 100,000 people share a pseudonym with a chance of about 1 in 50,000. */
const DIGITS = 12;

/**
 * The pseudonymised email's domain: `.invalid` is reserved (RFC 2606), so no mail can ever be sent to it, and the
 * form keeps every email column and field filled and unique.
 */
export const PSEUDONYM_EMAIL_DOMAIN = 'pseudonymised.invalid';

export type Pseudonym = { label: string; email: string };

export function pseudonymOf(key: Buffer, personId: number): Pseudonym {
  const digest = createHmac('sha256', key).update(`person:${personId}`).digest('hex').slice(0, DIGITS);
  return { label: `Person ${digest}`, email: `person-${digest}@${PSEUDONYM_EMAIL_DOMAIN}` };
}
