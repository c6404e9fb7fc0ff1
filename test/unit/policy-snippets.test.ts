// The policy text the dashboard shows IT: every format parses, installs the extension from this server and carries
// the id, the server, the token and the person's email (or the console's variable for it).
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import {
  EMAIL_PLACEHOLDER,
  GOOGLE_ADMIN_EMAIL,
  JAMF_EMAIL,
  type PolicySnippet,
  type PolicyTarget,
  policySnippets,
} from '../../dashboard/src/lib/policy-snippets.ts';

const TARGET: PolicyTarget = {
  serverUrl: 'https://seatwise.acme.test',
  enrollmentToken: 'swe_tok"en\\1',
  chromeId: 'abcdefghijklmnopabcdefghijklmnop',
  updateUrl: 'https://seatwise.acme.test/extension/updates.xml',
  firefoxId: 'extension@seatwise.dev',
  firefoxInstallUrl: 'https://seatwise.acme.test/extension/seatwise.xpi',
};
const snippets = policySnippets(TARGET);
const snippet = (id: string): PolicySnippet => snippets.find((s) => s.id === id)!;
const FORCELIST = `${TARGET.chromeId};${TARGET.updateUrl}`;
const SETTINGS = {
  serverUrl: TARGET.serverUrl,
  enrollmentToken: TARGET.enrollmentToken,
  idleSeconds: 60,
  uploadIntervalMinutes: 5,
};

/** The values a .reg file sets, per key, with strings unescaped and dwords as numbers. */
function parseReg(text: string): Record<string, Record<string, string | number>> {
  const keys: Record<string, Record<string, string | number>> = {};
  let current: Record<string, string | number> | null = null;
  for (const line of text.split('\r\n')) {
    const key = line.match(/^\[(.+)\]$/);
    if (key) keys[key[1]!] = current = {};
    const value = line.match(/^"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/);
    if (value) current![value[1]!] = value[3] ? parseInt(value[3], 16) : value[2]!.replace(/\\(.)/g, '$1');
  }
  return keys;
}

describe('policy snippets', () => {
  it('cover Chrome and Edge on Linux, Windows and macOS, the Google Admin console and Firefox', () => {
    expect(snippets.map((s) => s.id)).toEqual([
      'chrome-linux',
      'edge-linux',
      'chrome-windows',
      'edge-windows',
      'chrome-macos',
      'edge-macos',
      'google-admin',
      'firefox',
    ]);
  });

  it.each(['chrome-linux', 'edge-linux'])(
    '%s: a JSON policy file that force-installs from the update URL and configures the extension',
    (id) => {
      expect(JSON.parse(snippet(id).text)).toEqual({
        ExtensionInstallForcelist: [FORCELIST],
        '3rdparty': { extensions: { [TARGET.chromeId]: { ...SETTINGS, userEmail: EMAIL_PLACEHOLDER } } },
      });
      expect(snippet(id).howTo).toContain(EMAIL_PLACEHOLDER);
    },
  );

  it.each([
    ['chrome-windows', 'Google\\Chrome'],
    ['edge-windows', 'Microsoft\\Edge'],
  ])('%s: a .reg file with the forcelist and settings for the machine and the email per user', (id, vendor) => {
    const text = snippet(id).text;
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    const policy = `SOFTWARE\\Policies\\${vendor}\\3rdparty\\extensions\\${TARGET.chromeId}\\policy`;
    expect(parseReg(text)).toEqual({
      [`HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\ExtensionInstallForcelist`]: { 1: FORCELIST },
      [`HKEY_LOCAL_MACHINE\\${policy}`]: SETTINGS,
      [`HKEY_CURRENT_USER\\${policy}`]: { userEmail: EMAIL_PLACEHOLDER },
    });
  });

  it.each([
    ['chrome-macos', 'com.google.Chrome'],
    ['edge-macos', 'com.microsoft.Edge'],
  ])("%s: a configuration profile (plist) for %s with the MDM's email variable", (id, payloadType) => {
    const profile = parsePlist(snippet(id).text) as any;
    expect(profile.PayloadType).toBe('Configuration');
    const [payload] = profile.PayloadContent;
    expect(payload.PayloadType).toBe(payloadType);
    expect(payload.ExtensionInstallForcelist).toEqual([FORCELIST]);
    expect(payload['3rdparty'].extensions[TARGET.chromeId]).toEqual({ ...SETTINGS, userEmail: JAMF_EMAIL });
    expect(profile.PayloadUUID).toMatch(/^[0-9A-F-]{36}$/);
    expect(payload.PayloadUUID).not.toBe(profile.PayloadUUID);
  });

  const googleAdminSnippet =
    'google-admin: every value wrapped in {"Value": ...}, ' +
    "the email as the console's ${USER_EMAIL}, id and URL in the steps";
  it(googleAdminSnippet, () => {
    const { text, howTo } = snippet('google-admin');
    expect(JSON.parse(text)).toEqual({
      serverUrl: { Value: TARGET.serverUrl },
      enrollmentToken: { Value: TARGET.enrollmentToken },
      userEmail: { Value: GOOGLE_ADMIN_EMAIL },
      idleSeconds: { Value: 60 },
      uploadIntervalMinutes: { Value: 5 },
    });
    expect(GOOGLE_ADMIN_EMAIL).toBe('${USER_EMAIL}');
    expect(howTo).toContain(TARGET.chromeId);
    expect(howTo).toContain(TARGET.updateUrl);
  });

  const firefoxSnippet =
    'firefox: policies.json force-installs the XPI from this server and configures it under 3rdparty.Extensions';
  it(firefoxSnippet, () => {
    expect(JSON.parse(snippet('firefox').text)).toEqual({
      policies: {
        ExtensionSettings: {
          [TARGET.firefoxId]: { installation_mode: 'force_installed', install_url: TARGET.firefoxInstallUrl },
        },
        '3rdparty': { Extensions: { [TARGET.firefoxId]: { ...SETTINGS, userEmail: EMAIL_PLACEHOLDER } } },
      },
    });
  });

  it.each(snippets.map((s) => [s.id, s] as const))(
    '%s names where it goes and how, and points at no repository path',
    (_id, s) => {
      expect(s.where.length).toBeGreaterThan(10);
      expect(s.howTo.length).toBeGreaterThan(10);
      expect(`${s.text}${s.where}${s.howTo}`).not.toMatch(/dist\/extension|docs\/deployment\.md|chrome-mv3/);
    },
  );
});
