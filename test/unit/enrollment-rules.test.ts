// The dashboard's reading of the enrollment rules form and its sentence about who may enroll.
import { describe, expect, it } from 'vitest';
import {
  describeEnrollmentRules,
  expiryText,
  isUnconfirmed,
  parseDomainList,
} from '../../dashboard/src/lib/enrollment-rules.ts';

describe('parseDomainList', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['  ', []],
    ['acme.com', ['acme.com']],
    ['Acme.com, eu.acme.com  @acme.co.uk', ['acme.com', 'eu.acme.com', 'acme.co.uk']],
    ['acme.com;acme.com\nACME.COM', ['acme.com']],
  ])('%j -> %j', (text, expected) => {
    expect(parseDomainList(text)).toEqual(expected);
  });
});

describe('describeEnrollmentRules', () => {
  it.each<[string[], boolean, boolean, string]>([
    [[], false, false, 'Anyone with the enrollment token with any email address can enroll a browser.'],
    [['acme.com'], false, false, 'Anyone with the enrollment token with an address at acme.com can enroll a browser.'],
    [
      ['acme.com', 'acme.co.uk'],
      true,
      false,
      'People already in the directory with an address at acme.com, acme.co.uk can enroll a browser.',
    ],
    [
      [],
      false,
      true,
      'Anyone with the enrollment token with any email address can enroll a browser, and only by signing in through ' +
        'single sign-on.',
    ],
  ])('%j, known only %s, SSO only %s', (allowedEmailDomains, knownPeopleOnly, requireSso, expected) => {
    expect(describeEnrollmentRules({ allowedEmailDomains, knownPeopleOnly, requireSso })).toBe(expected);
  });
});

describe('isUnconfirmed', () => {
  it.each<['directory' | 'enrollment', string | null, boolean]>([
    ['enrollment', null, true],
    ['enrollment', '2026-11-20T12:00:00.000Z', false],
    ['directory', null, false],
  ])('%s, confirmed %s -> %s', (source, confirmedAt, expected) => {
    expect(isUnconfirmed({ source, confirmedAt })).toBe(expected);
  });
});

describe('expiryText', () => {
  const format = { day: (day: string) => `day ${day}`, dateTime: (at: string) => `at ${at}` };
  const now = Date.parse('2026-11-20T12:00:00Z');
  it.each<[string | null, string]>([
    [null, 'Never'],
    ['2031-01-01T00:00:00.000Z', 'Valid through day 2030-12-31'],
    ['2026-11-20T00:00:00.000Z', 'Expired after day 2026-11-19'],
    ['2026-12-31T18:00:00.000Z', 'Until at 2026-12-31T18:00:00.000Z'],
    ['2026-11-20T11:00:00.000Z', 'Expired at 2026-11-20T11:00:00.000Z'],
  ])('%s -> %s', (expiresAt, expected) => {
    expect(expiryText(expiresAt, now, format)).toBe(expected);
  });
});
