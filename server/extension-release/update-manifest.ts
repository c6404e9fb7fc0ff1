// The update manifest (gupdate XML) that Chrome and Edge fetch from an ExtensionInstallForcelist update URL.

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);

export type UpdateManifestInput = { extensionId: string; version: string; crxUrl: string };

/** One app, one version: browsers with an older version download `crxUrl`. */
export function updateManifestXml({ extensionId, version, crxUrl }: UpdateManifestInput): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
    `  <app appid="${escapeXml(extensionId)}">`,
    `    <updatecheck codebase="${escapeXml(crxUrl)}" version="${escapeXml(version)}" />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}
