import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/catalog/apps.ts';
import { VENDOR_ALIASES } from '../../server/catalog/vendor-aliases.ts';
import { buildVendorIndex, matchVendor, normaliseVendor } from '../../server/domain/vendor-match.ts';

const index = buildVendorIndex(CATALOG, [], VENDOR_ALIASES);
const appOf = (vendor: string, product = '') => matchVendor(index, [vendor], product).appId;

describe('normalising vendor names', () => {
  it.each([
    ['Slack Technologies, LLC', 'slack technologies'],
    ['SLACK TECHNOLOGIES L.L.C.', 'slack technologies'],
    ['Atlassian Pty Ltd', 'atlassian'],
    ['Figma, Inc.', 'figma'],
    ['Zoom Video Communications, Inc.', 'zoom video communications'],
    ['Typeform S.L.', 'typeform'],
    ['Pipedrive OÜ', 'pipedrive'],
    ['Atlassian Corporation Plc', 'atlassian'],
    ['Acme Widgets GmbH & Co. KG', 'acme widgets gmbh and'],
    ['monday.com Ltd.', 'mondaycom'],
    ['Mango Technologies, Inc. (ClickUp)', 'mango technologies'],
    ['  Box,   Inc. ', 'box'],
    // A lone legal word is a name, not a suffix.
    ['Limited', 'limited'],
  ])('%s -> %s', (name, expected) => {
    expect(normaliseVendor(name)).toBe(expected);
  });
});

describe('matching a vendor to an app', () => {
  it.each([
    ['Slack Technologies, LLC', 'slack'],
    ['Slack', 'slack'],
    ['slack.com', 'slack'],
    ['Zoom Video Communications, Inc.', 'zoom'],
    ['ZOOM VIDEO COMMUNICATIONS INC', 'zoom'],
    ['Figma, Inc.', 'figma'],
    ['Figma', 'figma'],
    ['figma', 'figma'],
    ['google-workspace', 'google-workspace'],
    ['Google Workspace', 'google-workspace'],
    ['Google Ireland Limited', 'google-workspace'],
    ['monday.com Ltd.', 'monday'],
    ['GitHub, Inc.', 'github'],
    ['Notion Labs Inc', 'notion'],
    ['Adobe Systems Software Ireland Ltd', 'adobe-creative-cloud'],
    ['Lucid (Lucidchart)', 'lucid'],
    ['1Password', '1password'],
  ])('%s is %s', (vendor, appId) => {
    expect(appOf(vendor)).toBe(appId);
  });

  it.each([
    // Near misses: a shared first word or a prefix is not the same vendor.
    ['Slackline Outdoor GmbH'],
    ['Slack Off Ltd'],
    ['Zoomcar India Pvt Ltd'],
    ['Zoom Video'],
    ['Figma Fans Club'],
    ['Figmatic GmbH'],
    ['Notion Hotel Group'],
    ['Boxed Lunch Catering Inc'],
    ['Google Maps Platform Reseller Ltd'],
    ['Atlassian Partner Solutions'],
    ['Microsoft Gold Partner Services'],
    [''],
  ])('%j matches no app', (vendor) => {
    expect(appOf(vendor)).toBeNull();
  });

  it.each([
    ['Atlassian Pty Ltd', 'Jira Software Premium (Cloud)', 'atlassian-jira-confluence'],
    ['Atlassian Pty Ltd', 'Confluence Standard', 'atlassian-jira-confluence'],
    ['Atlassian Pty Ltd', 'Trello Enterprise', 'trello'],
    ['Atlassian Pty Ltd', 'Bitbucket Premium', 'bitbucket'],
    ['Microsoft Corporation', 'Microsoft 365 E3', 'microsoft-365'],
    ['Microsoft Corporation', 'Teams Essentials', 'microsoft-teams'],
    ['Intuit Inc.', 'QuickBooks Online Advanced', 'quickbooks'],
  ])('%s with the product %j is %s', (vendor, product, appId) => {
    expect(appOf(vendor, product)).toBe(appId);
  });

  it.each([
    ['Atlassian Pty Ltd', '', 'the line names no product'],
    ['Atlassian Pty Ltd', 'Atlassian Cloud Enterprise', 'names none of them'],
    ['Atlassian Pty Ltd', 'Jira and Trello bundle', 'names several of them'],
  ])('%s with the product %j stays unmatched: %s', (vendor, product, why) => {
    const match = matchVendor(index, [vendor], product);
    expect(match.appId).toBeNull();
    if (match.appId === null) {
      expect(match.reason).toContain(why);
      expect(match.reason).toContain('Jira & Confluence, Bitbucket, Trello');
      expect(match.candidates).toEqual(['atlassian-jira-confluence', 'bitbucket', 'trello']);
    }
  });

  it('says why a vendor matched nothing', () => {
    expect(matchVendor(index, ['', 'Slackline Outdoor GmbH'], '')).toEqual({
      appId: null,
      reason: 'no app, domain or known vendor is called "Slackline Outdoor GmbH"',
      candidates: [],
    });
  });

  it('tries the app column before the vendor', () => {
    expect(matchVendor(index, ['figma', 'Slack Technologies, LLC'], '')).toEqual({ appId: 'figma', via: 'app' });
    expect(matchVendor(index, ['', 'Slack Technologies, LLC'], '')).toEqual({ appId: 'slack', via: 'shipped alias' });
  });

  it("lets an admin's alias name a custom app and settle an ambiguous vendor", () => {
    const apps = [...CATALOG, { id: 'acme-wiki', name: 'Acme Wiki', domains: ['wiki.acme.test'] }];
    const withAdmin = buildVendorIndex(
      apps,
      [
        { vendor: 'Acme Knowledge Systems B.V.', appIds: ['acme-wiki'] },
        { vendor: 'Atlassian', appIds: ['atlassian-jira-confluence'] },
      ],
      VENDOR_ALIASES,
    );
    expect(matchVendor(withAdmin, ['ACME KNOWLEDGE SYSTEMS BV'], '')).toEqual({
      appId: 'acme-wiki',
      via: 'admin alias',
    });
    expect(matchVendor(withAdmin, ['Atlassian Pty Ltd'], '')).toEqual({
      appId: 'atlassian-jira-confluence',
      via: 'admin alias',
    });
  });

  it('ignores aliases of apps that do not exist', () => {
    const small = buildVendorIndex([{ id: 'slack', name: 'Slack', domains: ['slack.com'] }], [], VENDOR_ALIASES);
    expect(matchVendor(small, ['Figma, Inc.'], '').appId).toBeNull();
  });
});

describe('the shipped vendor names', () => {
  it('name only catalog apps, each alias once', () => {
    const ids = new Set(CATALOG.map((app) => app.id));
    for (const entry of VENDOR_ALIASES) for (const appId of entry.appIds) expect(ids, entry.vendor).toContain(appId);
    const keys = VENDOR_ALIASES.map((entry) => normaliseVendor(entry.vendor));
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it("cover every catalog app's vendor: each app is matched by a legal name or its own name", () => {
    const aliased = new Set(VENDOR_ALIASES.flatMap((entry) => entry.appIds));
    const missing = CATALOG.filter((app) => !aliased.has(app.id)).map((app) => app.id);
    expect(missing).toEqual([]);
  });
});
