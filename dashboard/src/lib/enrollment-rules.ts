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
export function describeEnrollmentRules(rules: { allowedEmailDomains: string[]; knownPeopleOnly: boolean }): string {
  const who = rules.knownPeopleOnly ? 'People already in the directory' : 'Anyone with the enrollment token';
  const where = rules.allowedEmailDomains.length === 0 ? 'with any email address' : `with an address at ${rules.allowedEmailDomains.join(', ')}`;
  return `${who} ${where} can enroll a browser.`;
}

/** People a browser enrollment created stay marked until an HR import lists them (DESIGN section 3). */
export const isUnconfirmed = (person: { source: 'directory' | 'enrollment'; confirmedAt: string | null }) =>
  person.source === 'enrollment' && person.confirmedAt === null;

export const UNCONFIRMED_TEXT = 'Not yet confirmed by an HR import';
