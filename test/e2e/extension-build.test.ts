// The built extension as shipped: bundle budget, no content scripts, minimal permissions, pinned ids, managed schema.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, GECKO_ID } from '../../extension/extension-id.ts';
import { TOOLBAR_STATES, toolbarIconPaths } from '../../extension/lib/toolbar-icons.ts';

const DIST = resolve(import.meta.dirname, '../../dist/extension');
const manifestOf = (target: string) => {
  const path = join(DIST, target, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:extension\` first`);
  return JSON.parse(readFileSync(path, 'utf8'));
};

describe.each(['chrome-mv3', 'firefox-mv2'])('%s build', (target) => {
  const manifest = manifestOf(target);

  // About 10 kB of it is webextension-polyfill, which both builds carry since the polyfill is one API for both.
  it('keeps the background bundle under 44 kB', () => {
    expect(statSync(join(DIST, target, 'background.js')).size).toBeLessThan(44 * 1024);
  });

  it('runs on webextension-polyfill, so `browser` is one promise-based API in Chrome and Firefox', () => {
    // The polyfill's own marker for a rejected onMessage reply, which only its wrapper sends.
    expect(readFileSync(join(DIST, target, 'background.js'), 'utf8')).toContain('__mozWebExtensionPolyfillReject__');
  });

  it('shows the Seatwise icon in the toolbar and the extensions list, from PNGs that exist at their size', () => {
    const toolbar = target === 'firefox-mv2' ? manifest.browser_action : manifest.action;
    for (const icons of [manifest.icons, toolbar.default_icon]) {
      expect(Object.keys(icons).sort()).toEqual(['128', '16', '32', '48']);
      for (const [size, file] of Object.entries<string>(icons)) {
        const png = readFileSync(join(DIST, target, file));
        // A PNG's IHDR holds width and height as big-endian integers at bytes 16 and 20.
        expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([Number(size), Number(size)]);
      }
    }
  });

  it.each(TOOLBAR_STATES)('ships the toolbar icons of the %s state the background sets', (state) => {
    for (const [size, path] of Object.entries(toolbarIconPaths(state))) {
      const png = readFileSync(join(DIST, target, path));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([Number(size), Number(size)]);
    }
  });

  it('has no content scripts and no host access', () => {
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toMatch(/<all_urls>|:\/\/\*\//);
  });
});

it('asks Chrome only for what measuring needs, with a pinned id and the managed schema', () => {
  const manifest = manifestOf('chrome-mv3');
  expect(manifest.permissions.sort()).toEqual(['alarms', 'identity', 'identity.email', 'idle', 'storage', 'tabs']);
  expect(manifest.key).toBeTruthy();
  const schema = JSON.parse(readFileSync(join(DIST, 'chrome-mv3', manifest.storage.managed_schema), 'utf8'));
  expect(Object.keys(schema.properties).sort()).toEqual([
    'enrollmentToken',
    'idleSeconds',
    'serverUrl',
    'uploadIntervalMinutes',
    'userEmail',
  ]);
  expect(EXTENSION_ID).toMatch(/^[a-p]{32}$/);
});

it('gives Firefox its fixed add-on id, which its policies.json 3rdparty section addresses', () => {
  const manifest = manifestOf('firefox-mv2');
  // identity: launchWebAuthFlow, for enrolling through single sign-on (identity.email is Chrome's alone).
  expect(manifest.permissions.sort()).toEqual(['alarms', 'identity', 'idle', 'storage', 'tabs']);
  expect(manifest.browser_specific_settings.gecko.id).toBe(GECKO_ID);
});
