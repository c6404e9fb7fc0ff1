// Files only the owner may read (keys): created once and whole, even when several instances start together.

import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `path` (mode 0600) unless the file exists. The content goes to a temporary file first and is
 * hard-linked into place, so nobody ever reads a half-written file and a racing instance keeps the first one.
 * Returns whether this call created the file.
 */
export function createPrivateFileOnce(path: string, content: string | Buffer): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkSync(temporary);
  }
}
