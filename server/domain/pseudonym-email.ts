// How a pseudonymised email looks (`person-7f3a9c2e41b0@pseudonymised.invalid`), shared with the dashboard, which
// tells a pseudonym by it. `.invalid` is reserved (RFC 2606): no mail can ever go to it.
export const PSEUDONYM_EMAIL_DOMAIN = 'pseudonymised.invalid';

export const isPseudonymEmail = (email: string) => email.toLowerCase().endsWith(`@${PSEUDONYM_EMAIL_DOMAIN}`);
