// Each offline Chrome Web Store rule holds for a clean extension and names what is wrong in a broken one.
import { describe, expect, it } from 'vitest';
import { type BuiltExtension, CHROME_STORE_RULES, pngSize } from '../support/chrome-store-rules.ts';

/** The first 24 bytes of a PNG: signature, IHDR length and type, width, height. Enough for the size check. */
const png = (width: number, height = width): Buffer => {
  const bytes = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
};

const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };
const BACKGROUND =
  'let t=e.identity;await t.getProfileUserInfo();e.storage.local.get();e.browser.alarms.create();' +
  'r.tabs.onActivated.addListener();e.idle.queryState(60)';

const clean = (): BuiltExtension => ({
  manifest: {
    manifest_version: 3,
    name: 'Seatwise',
    description: 'Measures active time on SaaS apps.',
    icons: ICONS,
    permissions: ['storage', 'alarms', 'tabs', 'idle', 'identity', 'identity.email'],
  },
  files: new Map([
    ['icon/16.png', png(16)],
    ['icon/32.png', png(32)],
    ['icon/48.png', png(48)],
    ['icon/128.png', png(128)],
    ['background.js', Buffer.from(BACKGROUND)],
    ['popup.html', Buffer.from('<script type="module" src="/chunks/popup.js"></script>')],
  ]),
});

/** The clean extension with its manifest and files changed. */
const broken = (manifest: Record<string, unknown>, files: Record<string, Buffer | null> = {}): BuiltExtension => {
  const extension = clean();
  const entries = new Map(extension.files);
  for (const [path, bytes] of Object.entries(files)) {
    if (bytes === null) entries.delete(path);
    else entries.set(path, bytes);
  }
  return { manifest: { ...extension.manifest, ...manifest }, files: entries };
};

it.each(Object.keys(CHROME_STORE_RULES))('the clean extension passes "%s"', (rule) => {
  expect(CHROME_STORE_RULES[rule]?.(clean())).toEqual([]);
});

describe.each<[string, BuiltExtension, string]>([
  ['declares Manifest V3', broken({ manifest_version: 2 }), 'manifest_version is 2, not 3'],
  ['has a name of at most 75 characters', broken({ name: 'S'.repeat(76) }), 'name has 76 characters, more than 75'],
  ['has a name of at most 75 characters', broken({ name: '' }), 'name is missing'],
  [
    'has a short name, if any, of at most 12 characters',
    broken({ short_name: 'Seatwise seats' }),
    'short_name has 14 characters, more than 12',
  ],
  [
    'has a description of at most 132 characters',
    broken({ description: 'é'.repeat(133) }),
    'description has 133 characters, more than 132',
  ],
  [
    'ships icons of 16, 32, 48 and 128 px, each PNG of its size',
    broken({ icons: { ...ICONS, 32: undefined } }),
    'icons has no 32 px entry',
  ],
  [
    'ships icons of 16, 32, 48 and 128 px, each PNG of its size',
    broken({}, { 'icon/48.png': null }),
    'icon icon/48.png (48 px) is not in the zip',
  ],
  [
    'ships icons of 16, 32, 48 and 128 px, each PNG of its size',
    broken({}, { 'icon/128.png': png(128, 96) }),
    'icon icon/128.png is 128x96, not 128x128',
  ],
  [
    'ships icons of 16, 32, 48 and 128 px, each PNG of its size',
    broken({}, { 'icon/16.png': Buffer.from('<svg/>') }),
    'icon icon/16.png is not a PNG',
  ],
  [
    'uses every permission it asks for',
    broken({}, { 'background.js': Buffer.from(BACKGROUND.replace('e.idle.queryState(60)', 'e.idle===`idle`')) }),
    'permission idle is asked for but no built code calls idle',
  ],
  [
    'uses every permission it asks for',
    broken({ permissions: ['storage', 'cookies'] }),
    'permission cookies has no known use: add the calls that need it to PERMISSION_USES',
  ],
  [
    'loads no remote script in its pages',
    broken({}, { 'options.html': Buffer.from('<script src="https://cdn.example.com/x.js"></script>') }),
    'options.html loads remote script https://cdn.example.com/x.js',
  ],
  [
    'loads no remote script in its pages',
    broken({}, { 'popup.html': Buffer.from("<script defer src='//cdn.example.com/y.js'></script>") }),
    'popup.html loads remote script //cdn.example.com/y.js',
  ],
])('"%s" on a broken extension', (rule, extension, problem) => {
  it(`reports: ${problem}`, () => {
    expect(CHROME_STORE_RULES[rule]?.(extension)).toEqual([problem]);
  });
});

it.each([
  [png(16), { width: 16, height: 16 }],
  [png(300, 20), { width: 300, height: 20 }],
  [Buffer.from('GIF89a'.padEnd(36, ' ')), null],
  [png(16).subarray(0, 20), null],
])('reads a PNG size from its header (%#)', (bytes, size) => {
  expect(pngSize(bytes)).toEqual(size);
});
