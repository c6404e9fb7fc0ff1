// `npm run zip:extension` with a live database, its WAL, an env file and a signing key in the working copy: none of
// them may enter a zip (the sources zip goes to Mozilla), while the sources zip still rebuilds the extension.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist/extension');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

/** Files a developer's working copy really holds; each is made only if missing and removed only if made here. */
const PRIVATE_FILES = [
  'data/demo.db',
  'data/demo.db-wal',
  'data/demo.db-shm',
  'data/extension-signing-key.pem',
  '.env',
  '.env.local',
  'stray.db',
];
const made: string[] = [];

beforeAll(() => {
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  for (const file of PRIVATE_FILES) {
    const path = join(ROOT, file);
    if (existsSync(path)) continue;
    writeFileSync(path, `secret content of ${file}\n`);
    made.push(path);
  }
  execFileSync('npm', ['run', 'zip:extension', '--silent'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
});
afterAll(() => {
  for (const path of made) rmSync(path, { force: true });
});

/** The entry names of a zip, read by Info-ZIP's zipinfo. */
const entriesOf = (zip: string): string[] =>
  execFileSync('zipinfo', ['-1', join(DIST, zip)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

const FORBIDDEN = [
  /^data\//,
  /\.db$/,
  /\.db-/,
  /-wal$/,
  /-shm$/,
  /(^|\/)\.env/,
  /\.pem$/,
  /^test-results\//,
  /^dist\//,
];

it.each([`seatwise-${VERSION}-sources.zip`, `seatwise-${VERSION}-chrome.zip`, `seatwise-${VERSION}-firefox.zip`])(
  '%s holds no database, WAL, env file, signing key or build output',
  (zip) => {
    const entries = entriesOf(zip);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((entry) => FORBIDDEN.some((pattern) => pattern.test(entry)))).toEqual([]);
  },
);

it('keeps in the sources zip what Mozilla needs to rebuild the extension', () => {
  const entries = entriesOf(`seatwise-${VERSION}-sources.zip`);
  for (const needed of [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'extension/entrypoints/background.ts',
    'extension/entrypoints/popup/index.html',
    'extension/public/managed-schema.json',
    // The icon set is drawn at build time from these.
    'extension/assets/icons/seatwise.svg',
    'extension/modules/icons.ts',
    'tools/icon-set.ts',
    'server/contract.ts',
  ]) {
    expect(entries, needed).toContain(needed);
  }
});
