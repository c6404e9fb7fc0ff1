// Key files are created once, whole and 0600: a second writer keeps the first file, and no temporary file stays.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrivateFileOnce } from '../../server/private-file.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'seatwise-private-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createPrivateFileOnce', () => {
  it('creates the file 0600 in a new 0700 folder, keeps the first one written, and leaves nothing else', () => {
    const path = join(dir, 'nested', 'seatwise.db.key');
    expect(createPrivateFileOnce(path, 'first\n')).toBe(true);
    expect(createPrivateFileOnce(path, 'second\n')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['seatwise.db.key']);
  });
});
