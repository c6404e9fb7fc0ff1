// How long a vendor asks to wait before retrying (Retry-After: seconds or an HTTP date), capped, pure: `now` in.

/** Milliseconds to wait, or null when the header is missing or unreadable (the caller's backoff applies). */
export function retryAfterMs(header: string | null, now: number, capMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(capMs, Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(capMs, Math.max(0, at - now));
}
