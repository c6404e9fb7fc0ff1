// The pure parts of the extension distribution: the id a signing key gives, and the update manifest's XML.
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, EXTENSION_KEY } from '../../extension/extension-id.ts';
import { extensionIdOf } from '../../server/extension-release/signing-key.ts';
import { updateManifestXml } from '../../server/extension-release/update-manifest.ts';

describe('extensionIdOf', () => {
  it('gives the pinned development key its pinned id, as Chrome derives it', () => {
    expect(extensionIdOf(Buffer.from(EXTENSION_KEY, 'base64'))).toBe(EXTENSION_ID);
  });
});

describe('updateManifestXml', () => {
  it.each([
    [
      {
        extensionId: 'abcdefghijklmnopabcdefghijklmnop',
        version: '0.1.0',
        crxUrl: 'https://seatwise.example.com/extension/seatwise.crx',
      },
      '<updatecheck codebase="https://seatwise.example.com/extension/seatwise.crx" version="0.1.0" />',
    ],
    [
      { extensionId: 'abcdefghijklmnopabcdefghijklmnop', version: '2.0', crxUrl: 'https://x.test/a?b=1&c="2"' },
      '<updatecheck codebase="https://x.test/a?b=1&amp;c=&quot;2&quot;" version="2.0" />',
    ],
  ])('names the app and the CRX for %j', (input, updatecheck) => {
    const xml = updateManifestXml(input);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
      ),
    ).toBe(true);
    expect(xml).toContain(`<app appid="${input.extensionId}">`);
    expect(xml).toContain(updatecheck);
  });
});
