// Works-council mode's pseudonyms: `Person 7f3a9c2e41b0`, an HMAC-SHA256 of the person's id under a key derived for
// this installation, so a pseudonym is stable and cannot be reversed or forged without the key. Pure apart from the
// crypto.
import { createHmac } from 'node:crypto';
import { PSEUDONYM_EMAIL_DOMAIN } from './pseudonym-email.ts';

export { PSEUDONYM_EMAIL_DOMAIN };

/** Hex digits shown: 48 bits, so 100,000 people share a pseudonym with a chance of about 1 in 50,000. */
const DIGITS = 12;

/**
 * `email` keeps every email column and field of the contract filled and unique (null would break CSV columns, the
 * dashboard's keys and search); its `.invalid` domain can never receive mail.
 */
export type Pseudonym = { label: string; email: string };

export function pseudonymOf(key: Buffer, personId: number): Pseudonym {
  const digest = createHmac('sha256', key).update(`person:${personId}`).digest('hex').slice(0, DIGITS);
  return { label: `Person ${digest}`, email: `person-${digest}@${PSEUDONYM_EMAIL_DOMAIN}` };
}
