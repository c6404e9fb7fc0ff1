// The privacy settings' bounds as the form shows them. Kept here, not imported from server/contract/privacy.ts:
// that module brings zod into the Settings chunk, whose start-up probe for `new Function` the strict CSP reports as
// a violation in the console. test/unit/privacy-limits.test.ts checks these equal the server's.

export const MIN_RETENTION_DAYS = 90;
