// The zips `npm run build:extension` makes pass the stores' offline checks: Mozilla's addons-linter on Firefox's,
// the Chrome Web Store's manifest rules on Chrome's.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import linter from 'addons-linter';
import { expect, it } from 'vitest';
import { type BuiltExtension, CHROME_STORE_RULES } from '../support/chrome-store-rules.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

const zipOf = (browser: 'chrome' | 'firefox'): string => {
  const path = join(ROOT, 'dist/extension', `seatwise-${VERSION}-${browser}.zip`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:extension\` first`);
  return path;
};

/** Every file of a zip, read with Info-ZIP's zipinfo and unzip (on the machine and in CI). */
const unpack = (zip: string): BuiltExtension => {
  const paths = execFileSync('zipinfo', ['-1', zip], { encoding: 'utf8' })
    .split('\n')
    .filter((path) => path && !path.endsWith('/'));
  const files = new Map(paths.map((path) => [path, execFileSync('unzip', ['-p', zip, path], { maxBuffer: 2 ** 26 })]));
  const manifest = files.get('manifest.json');
  if (!manifest) throw new Error(`${zip} has no manifest.json`);
  return { manifest: JSON.parse(manifest.toString('utf8')), files };
};

it('addons-linter finds no error and no warning in the Firefox zip', async () => {
  const results = await linter
    .createInstance({
      config: {
        _: [zipOf('firefox')],
        logLevel: 'fatal',
        stack: false,
        pretty: false,
        warningsAsErrors: false,
        metadata: false,
        output: 'none',
        boring: false,
        selfHosted: false,
      },
      runAsBinary: false,
    })
    .run();
  // Each message as code, file and text, so a failure says what Mozilla's reviewers would see.
  const said = (messages: typeof results.errors) =>
    messages.map(
      ({ code, file, message, description }) =>
        `${code} in ${file ?? 'the add-on'}: ${message} (${[description].flat().join(' ')})`,
    );
  expect({ errors: said(results.errors), warnings: said(results.warnings) }).toEqual({ errors: [], warnings: [] });
});

const chrome = unpack(zipOf('chrome'));

it.each(Object.keys(CHROME_STORE_RULES))('the Chrome zip %s', (rule) => {
  expect(CHROME_STORE_RULES[rule]?.(chrome)).toEqual([]);
});
