// What one try at sending a delivery came to, whichever the channel.

/** `permanent`: trying again cannot help (the mail server refused the recipient). */
export type SendOutcome = { ok: boolean; status: number | null; error: string | null; permanent?: boolean };
