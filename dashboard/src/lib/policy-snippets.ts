// The complete policy text IT pastes to install and configure the extension, per browser and system
// (docs/deployment.md).

export type PolicyTarget = {
  serverUrl: string;
  enrollmentToken: string;
  /** This installation's Chrome/Edge id and the update manifest its server serves. */
  chromeId: string;
  updateUrl: string;
  firefoxId: string;
  firefoxInstallUrl: string;
};

export type PolicySnippet = {
  id: string;
  title: string;
  /** Where the text goes: a file name or the console field. */
  where: string;
  format: 'json' | 'reg' | 'xml';
  text: string;
  /** What to do with it, including how the person's email gets in. */
  howTo: string;
};

/** Where a file or MDM has no per-user variable, IT puts the person's email here (or deletes the line). */
export const EMAIL_PLACEHOLDER = 'person@example.com';
/** Variables the consoles replace with the signed-in person's email. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Google Admin's own variable syntax, not a template.
export const GOOGLE_ADMIN_EMAIL = '${USER_EMAIL}';
export const JAMF_EMAIL = '$EMAIL';

const INTERVALS = { idleSeconds: 60, uploadIntervalMinutes: 5 };

const settings = (t: PolicyTarget, userEmail: string) => ({
  serverUrl: t.serverUrl,
  enrollmentToken: t.enrollmentToken,
  userEmail,
  ...INTERVALS,
});
const forcelistEntry = (t: PolicyTarget) => `${t.chromeId};${t.updateUrl}`;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Chrome, Chromium and Edge read the same JSON on Linux; only the folder differs. */
function linuxJson(t: PolicyTarget): string {
  return json({
    ExtensionInstallForcelist: [forcelistEntry(t)],
    '3rdparty': { extensions: { [t.chromeId]: settings(t, EMAIL_PLACEHOLDER) } },
  });
}

const regString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const regDword = (value: number) => `dword:${value.toString(16).padStart(8, '0')}`;

function windowsReg(t: PolicyTarget, vendorKey: string): string {
  const base = `SOFTWARE\\Policies\\${vendorKey}`;
  const policy = `${base}\\3rdparty\\extensions\\${t.chromeId}\\policy`;
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `[HKEY_LOCAL_MACHINE\\${base}\\ExtensionInstallForcelist]`,
    `"1"=${regString(forcelistEntry(t))}`,
    '',
    `[HKEY_LOCAL_MACHINE\\${policy}]`,
    `"serverUrl"=${regString(t.serverUrl)}`,
    `"enrollmentToken"=${regString(t.enrollmentToken)}`,
    `"idleSeconds"=${regDword(INTERVALS.idleSeconds)}`,
    `"uploadIntervalMinutes"=${regDword(INTERVALS.uploadIntervalMinutes)}`,
    '',
    "; Per person (User Configuration): the email the browser's user works under.",
    `[HKEY_CURRENT_USER\\${policy}]`,
    `"userEmail"=${regString(EMAIL_PLACEHOLDER)}`,
    '',
  ].join('\r\n');
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xml = (text: string) => text.replace(/[&<>"]/g, (char) => XML_ESCAPES[char]!);

function macProfile(t: PolicyTarget, browser: { name: string; domain: string; uuids: [string, string] }): string {
  const entries = Object.entries(settings(t, JAMF_EMAIL))
    .map(([key, value]) => {
      const typed = typeof value === 'number' ? `<integer>${value}</integer>` : `<string>${xml(value)}</string>`;
      return `            <key>${key}</key>${typed}`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadDisplayName</key><string>Seatwise for ${browser.name}</string>
  <key>PayloadIdentifier</key><string>dev.seatwise.${browser.domain}</string>
  <key>PayloadUUID</key><string>${browser.uuids[0]}</string>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadVersion</key><integer>1</integer>
  <key>PayloadScope</key><string>System</string>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadType</key><string>${browser.domain}</string>
      <key>PayloadIdentifier</key><string>dev.seatwise.${browser.domain}.policy</string>
      <key>PayloadUUID</key><string>${browser.uuids[1]}</string>
      <key>PayloadVersion</key><integer>1</integer>
      <key>ExtensionInstallForcelist</key>
      <array>
        <string>${xml(forcelistEntry(t))}</string>
      </array>
      <key>3rdparty</key>
      <dict>
        <key>extensions</key>
        <dict>
          <key>${xml(t.chromeId)}</key>
          <dict>
${entries}
          </dict>
        </dict>
      </dict>
    </dict>
  </array>
</dict>
</plist>
`;
}

function googleAdminJson(t: PolicyTarget): string {
  return json(
    Object.fromEntries(Object.entries(settings(t, GOOGLE_ADMIN_EMAIL)).map(([key, value]) => [key, { Value: value }])),
  );
}

function firefoxJson(t: PolicyTarget): string {
  return json({
    policies: {
      ExtensionSettings: { [t.firefoxId]: { installation_mode: 'force_installed', install_url: t.firefoxInstallUrl } },
      '3rdparty': { Extensions: { [t.firefoxId]: settings(t, EMAIL_PLACEHOLDER) } },
    },
  });
}

const perPersonFile =
  `Replace ${EMAIL_PLACEHOLDER} with the email of the person using the machine ` +
  '(your configuration management can template it), ' +
  'or delete the userEmail line where people sign in to the browser with their work account.';

export function policySnippets(t: PolicyTarget): PolicySnippet[] {
  return [
    {
      id: 'chrome-linux',
      title: 'Chrome or Chromium on Linux',
      format: 'json',
      text: linuxJson(t),
      where: '/etc/opt/chrome/policies/managed/seatwise.json (Chromium: /etc/chromium/policies/managed/seatwise.json)',
      howTo: `Save as root in that folder; the browser installs the extension from this server. ${perPersonFile}`,
    },
    {
      id: 'edge-linux',
      title: 'Edge on Linux',
      format: 'json',
      text: linuxJson(t),
      where: '/etc/opt/edge/policies/managed/seatwise.json',
      howTo: `Save as root in that folder. ${perPersonFile}`,
    },
    {
      id: 'chrome-windows',
      title: 'Chrome on Windows',
      format: 'reg',
      text: windowsReg(t, 'Google\\Chrome'),
      where: 'seatwise-chrome.reg (reg import, or the same values as Group Policy Preferences registry items)',
      howTo:
        'Import on each machine or push the values by Group Policy. Set userEmail per person in User Configuration ' +
        '(e.g. a Group Policy Preferences item with %LogonUser%@your-domain), ' +
        'or leave it out where people sign in to Chrome with their work account. ' +
        'Chrome accepts force-installs from a server other than the Web Store only on machines joined to a domain ' +
        'or enrolled in management.',
    },
    {
      id: 'edge-windows',
      title: 'Edge on Windows',
      format: 'reg',
      text: windowsReg(t, 'Microsoft\\Edge'),
      where: 'seatwise-edge.reg (reg import, or Group Policy Preferences registry items)',
      howTo:
        'As for Chrome: import or push by Group Policy, userEmail per person in User Configuration. ' +
        'Edge, too, accepts force-installs from outside its store only on managed machines.',
    },
    {
      id: 'chrome-macos',
      title: 'Chrome on macOS',
      format: 'xml',
      text: macProfile(t, {
        name: 'Chrome',
        domain: 'com.google.Chrome',
        uuids: ['5E1B7A52-3C0D-4B8E-9F61-2A7D4C9E8B10', '9C4E2F1A-6B7D-4E3C-8A95-1D0F7B6E5C21'],
      }),
      where: 'seatwise-chrome.mobileconfig, deployed by your MDM',
      howTo:
        `${JAMF_EMAIL} is Jamf Pro's variable for the user's email; with Intune use {{mail}}. ` +
        'Upload as a custom configuration profile.',
    },
    {
      id: 'edge-macos',
      title: 'Edge on macOS',
      format: 'xml',
      text: macProfile(t, {
        name: 'Edge',
        domain: 'com.microsoft.Edge',
        uuids: ['2B8F6D31-7A4C-4F0E-B5D2-8C3E1A9F6D42', '7D3A9E5B-1C8F-4A26-9E07-4B5C2D8F1A63'],
      }),
      where: 'seatwise-edge.mobileconfig, deployed by your MDM',
      howTo: `${JAMF_EMAIL} is Jamf Pro's variable for the user's email; with Intune use {{mail}}.`,
    },
    {
      id: 'google-admin',
      title: 'Google Admin console (ChromeOS and managed Chrome)',
      format: 'json',
      text: googleAdminJson(t),
      where: 'Devices > Chrome > Apps & extensions > Users & browsers: "Policy for extensions"',
      howTo:
        `Add (+) > "Add Chrome app or extension by ID": ${t.chromeId}, "From a custom URL": ${t.updateUrl}; ` +
        'installation policy Force install; paste this into "Policy for extensions". ' +
        `The console puts the signed-in user's email in place of ${GOOGLE_ADMIN_EMAIL}.`,
    },
    {
      id: 'firefox',
      title: 'Firefox (policies.json on any system)',
      format: 'json',
      text: firefoxJson(t),
      where:
        'Linux: /etc/firefox/policies/policies.json; ' +
        'Windows: distribution\\policies.json beside firefox.exe; ' +
        'macOS: Firefox.app/Contents/Resources/distribution/policies.json',
      howTo:
        `Firefox installs ${t.firefoxInstallUrl} and reads the settings at start: restart it after a change. ` +
        `Release Firefox installs only add-ons signed by Mozilla (see the deployment guide). ${perPersonFile}`,
    },
  ];
}
