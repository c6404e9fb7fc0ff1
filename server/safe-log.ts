// Errors as they may be logged: what failed and where, never the values a failed query carried (passwords,
// hashes, tokens, people's data), and anything that looks like a Seatwise secret masked as a last resort.

const SECRET_PATTERNS: RegExp[] = [
  /\bsw[saedu]_[A-Za-z0-9_-]{16,}/g, // bearer tokens by their prefix
  /\bscrypt\$[^\s"',)]+/g, // password hashes
  /\b[0-9a-f]{64}\b/gi, // sha256 token hashes and hex keys
  /\bsw1:[A-Za-z0-9_-]{16,}/g, // sealed secrets (server/secrets/secret-box.ts)
];

/** Masks anything shaped like a Seatwise token, hash or key. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

type MaybeQueryError = Error & { query?: unknown; params?: unknown; cause?: unknown };

/** One error's own line: a failed query names its SQL and its driver's reason, never its parameters. */
function headline(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as MaybeQueryError;
  if (typeof e.query === 'string' && 'params' in e)
    return `${e.name}: a database query failed: ${e.query.replace(/\s+/g, ' ').slice(0, 300)}`;
  return `${e.name}: ${e.message.split('\nparams:')[0]}`;
}

/** The stack's frames only: the first lines of a stack repeat the message, which may hold the values. */
function frames(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return '';
  const at = error.stack.indexOf('\n    at ');
  return at === -1 ? '' : error.stack.slice(at);
}

/** An error and its causes, safe to write to a log. */
export function describeForLog(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    lines.push(`${depth === 0 ? '' : 'caused by '}${headline(current)}${depth === 0 ? frames(current) : ''}`);
    current = current instanceof Error ? (current as MaybeQueryError).cause : undefined;
  }
  return redactSecrets(lines.join('\n'));
}

/** Writes an error to stderr the safe way. */
export function logError(context: string, error: unknown): void {
  console.error(`[seatwise] ${context}: ${describeForLog(error)}`);
}
