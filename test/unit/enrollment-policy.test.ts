// Who may enroll (allowed domains, known people only), token expiry inputs and the enrollment rate windows.
import { describe, expect, it } from 'vitest';
import { ENROLL_PER_ADDRESS, windowRetryAfterSeconds } from '../../server/auth/enroll-throttle.ts';
import {
  domainAllowed,
  enrollmentRefusal,
  expiryMoment,
  type KnownPerson,
  tokenLimits,
} from '../../server/domain/enrollment-policy.ts';

describe('domainAllowed', () => {
  it.each<[string, string[], boolean]>([
    ['ada@acme.com', [], true],
    ['ada@acme.com', ['acme.com'], true],
    ['ada@ACME.com', ['acme.com'], true],
    ['ada@eu.acme.com', ['acme.com'], true],
    ['ada@notacme.com', ['acme.com'], false],
    ['ada@acme.com.evil.test', ['acme.com'], false],
    ['acme.com@evil.test', ['acme.com'], false],
    ['ada@acme.co.uk', ['acme.com', 'acme.co.uk'], true],
  ])('%s with %j -> %s', (email, allowed, expected) => {
    expect(domainAllowed(email, allowed)).toBe(expected);
  });
});

describe('enrollmentRefusal', () => {
  const directory: KnownPerson = { source: 'directory', confirmedAt: null };
  const enrolled: KnownPerson = { source: 'enrollment', confirmedAt: null };
  const confirmed: KnownPerson = { source: 'enrollment', confirmedAt: new Date('2026-11-01T00:00:00Z') };
  it.each<[string, { allowedEmailDomains: string[]; knownPeopleOnly: boolean }, string, KnownPerson, RegExp | null]>([
    ['open enrollment admits anyone', { allowedEmailDomains: [], knownPeopleOnly: false }, 'x@any.test', null, null],
    [
      'a domain outside the list',
      { allowedEmailDomains: ['acme.com'], knownPeopleOnly: false },
      'x@any.test',
      null,
      /acme\.com/,
    ],
    [
      'known only: nobody of that email',
      { allowedEmailDomains: [], knownPeopleOnly: true },
      'x@acme.com',
      null,
      /directory/,
    ],
    [
      'known only: created by an earlier enrollment',
      { allowedEmailDomains: [], knownPeopleOnly: true },
      'x@acme.com',
      enrolled,
      /directory/,
    ],
    [
      'known only: enrolled, then listed by HR',
      { allowedEmailDomains: [], knownPeopleOnly: true },
      'x@acme.com',
      confirmed,
      null,
    ],
    ['known only: from an import', { allowedEmailDomains: [], knownPeopleOnly: true }, 'x@acme.com', directory, null],
    [
      'the domain is checked first',
      { allowedEmailDomains: ['acme.com'], knownPeopleOnly: true },
      'x@any.test',
      directory,
      /acme\.com/,
    ],
  ])('%s', (_name, settings, email, person, expected) => {
    const refusal = enrollmentRefusal(settings, email, person);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

describe('token expiry and limits', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it.each<[string, string]>([
    ['2026-11-20', '2026-11-21T00:00:00.000Z'],
    ['2026-12-31T18:00:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00:00+02:00', '2026-12-31T16:00:00.000Z'],
  ])('expiresAt %s stops the token at %s', (input, expected) => {
    expect(expiryMoment(input).toISOString()).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['no limits', {}, true],
    ['today, lasting to its end', { expiresAt: '2026-11-20' }, true],
    ['yesterday', { expiresAt: '2026-11-19' }, false],
    ['an hour ago', { expiresAt: '2026-11-20T11:00:00Z' }, false],
    ['exactly now', { expiresAt: '2026-11-20T12:00:00Z' }, false],
  ])('%s', (_name, input, ok) => {
    expect('problem' in tokenLimits(input, now)).toBe(!ok);
  });
});

describe('windowRetryAfterSeconds', () => {
  const start = Date.parse('2026-11-20T12:00:00Z');
  it.each<[string, number, number, number | null]>([
    ['below the limit', ENROLL_PER_ADDRESS.limit - 1, 0, null],
    ['at the limit (the last one allowed)', ENROLL_PER_ADDRESS.limit, 0, null],
    ['one over, at the window start', ENROLL_PER_ADDRESS.limit + 1, 0, 60],
    ['one over, 20.5 s in', ENROLL_PER_ADDRESS.limit + 1, 20_500, 40],
    ['over, but the window has ended', ENROLL_PER_ADDRESS.limit + 50, 60_000, null],
  ])('%s', (_name, count, elapsed, expected) => {
    expect(windowRetryAfterSeconds(ENROLL_PER_ADDRESS, { count, windowStart: start }, start + elapsed)).toBe(expected);
  });
});
