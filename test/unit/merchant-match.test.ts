// Merchant matching: card descriptors as cards print them, the shipped patterns, admin rules, and near misses.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/catalog/apps.ts';
import { MERCHANT_PATTERNS } from '../../server/catalog/merchant-patterns.ts';
import { type MerchantRule, matchMerchant, merchantKey, normalisePattern } from '../../server/domain/merchant-match.ts';

const shipped: MerchantRule[] = MERCHANT_PATTERNS.flatMap((entry) =>
  entry.patterns.map((pattern) => ({
    pattern: normalisePattern(pattern),
    appId: entry.appId,
    source: 'catalog' as const,
  })),
);

describe('matchMerchant with the shipped patterns', () => {
  it.each<[string, string | null]>([
    ['FIGMA* MONTHLY', 'figma'],
    ['FIGMA*', 'figma'],
    ['SLACK T0123ABC', 'slack'],
    ['SLACK T0123ABC DUBLIN IE', 'slack'],
    ['Slack Technologies', 'slack'],
    ['ATLASSIAN* JIRA SOFTWARE', 'atlassian-jira-confluence'],
    ['Atlassian Pty Ltd', 'atlassian-jira-confluence'],
    ['ZOOM.US 888-799-9666 CA', 'zoom'],
    ['GITHUB INC. SAN FRANCISCO CA', 'github'],
    ['NOTION LABS, INC.', 'notion'],
    ['DROPBOX*3KJ82 DB.TT/CC CA', 'dropbox'],
    ['ADOBE *CREATIVE CLD 800-833-6687 CA', 'adobe-creative-cloud'],
    ['SQ *FIGMA', 'figma'],
    ['PAYPAL *NOTION', 'notion'],
    ['PP*DROPBOX', 'dropbox'],
    ['PADDLE.NET* LOOM', 'loom'],
    ['Canva Pty', 'canva'],
    ['1PASSWORD', '1password'],
    ['Zoom Video Communications Inc', 'zoom'],
    // Near misses: the same letters, another company.
    ['Slackline Outdoor GmbH', null],
    ['SLACKLINE OUTDOOR GMBH', null],
    ['ZOOMINFO TECHNOLOGIES', null],
    ['ZOOMINFO', null],
    ['FIGMENT COFFEE', null],
    ['NOTIONAL TRADING LTD', null],
    ['GITHUBBER CONF', null],
    ['DROPBOXES UNLIMITED', null],
    ['BOXED WHOLESALE', null],
    ['MONDAY BAKERY', null],
    ['BLUE BOTTLE COFFEE', null],
    ['SQ *BLUE BOTTLE', null],
    ['PAYPAL', null],
  ])('%s -> %s', (merchant, appId) => {
    expect(matchMerchant(merchant, shipped)?.appId ?? null).toBe(appId);
  });

  it('names only catalog apps', () => {
    const ids = new Set(CATALOG.map((entry) => entry.id));
    expect(MERCHANT_PATTERNS.filter((entry) => !ids.has(entry.appId))).toEqual([]);
  });
});

describe('admin rules', () => {
  it('win over the shipped patterns, and the longest pattern wins within a source', () => {
    const rules: MerchantRule[] = [
      ...shipped,
      { pattern: 'ADOBE SIGN', appId: 'docusign', source: 'rule' },
      { pattern: 'BLUE BOTTLE', appId: 'miro', source: 'rule' },
    ];
    expect(matchMerchant('ADOBE SIGN 800 CA', rules)?.appId).toBe('docusign');
    expect(matchMerchant('ADOBE *CREATIVE CLD', rules)?.appId).toBe('adobe-creative-cloud');
    expect(matchMerchant('SQ *BLUE BOTTLE 0042', rules)?.appId).toBe('miro');
  });
});

describe('merchantKey', () => {
  it.each<[string, string]>([
    ['SQ *BLUE BOTTLE 0042 SAN FRANCISCO CA', 'BLUE BOTTLE'],
    ['SLACK T0123ABC DUBLIN IE', 'SLACK'],
    ['ZOOM.US 888-799-9666 CA', 'ZOOM'],
    ['7-ELEVEN 1234 AUSTIN TX', '7 ELEVEN'],
    ['Slackline Outdoor GmbH', 'SLACKLINE OUTDOOR'],
    ['ZOOMINFO TECHNOLOGIES', 'ZOOMINFO TECHNOLOGIES'],
    ['ACME*T12345 LONDON GB', 'ACME'],
    ['12345', '12345'],
    ['Café Müller', 'CAFE MULLER'],
  ])('%s -> %s', (merchant, key) => {
    expect(merchantKey(merchant)).toBe(key);
    // A rule made from the key matches the merchant it came from.
    expect(matchMerchant(merchant, [{ pattern: key, appId: 'x', source: 'rule' }])?.appId).toBe('x');
  });

  it('normalises patterns as merchants', () => {
    expect(normalisePattern('FIGMA*')).toBe('FIGMA');
    expect(normalisePattern('  zoom.us ')).toBe('ZOOM US');
  });
});
