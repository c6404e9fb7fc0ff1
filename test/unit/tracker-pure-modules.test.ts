// Table tests of the extension's other pure modules: domain matching, totals, backoff, config resolution, pinned id.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, EXTENSION_KEY } from '../../extension/extension-id';
import { BACKOFF_MAX_MS, backoffDelay } from '../../extension/lib/backoff';
import { catalogMatcher, hostOf } from '../../extension/lib/catalog-match';
import { type ConfigInputs, resolveConfig } from '../../extension/lib/config-resolution';
import { addToTotals, chunk, pruneDays, toRecord, unackedRecords } from '../../extension/lib/day-totals';

describe('catalog matching', () => {
  const appOf = catalogMatcher([
    { id: 'slack', name: 'Slack', domains: ['slack.com', 'slack-edge.com'] },
    { id: 'google-docs', name: 'Docs', domains: ['docs.google.com'] },
    { id: 'google', name: 'Google', domains: ['google.com'] },
  ]);
  it.each<[string | null, string | null]>([
    ['slack.com', 'slack'],
    ['acme.slack.com', 'slack'],
    ['a.b.slack-edge.com', 'slack'],
    ['ACME.Slack.COM', 'slack'],
    ['slack.com.', 'slack'],
    ['notslack.com', null],
    ['slack.com.evil.io', null],
    ['docs.google.com', 'google-docs'],
    ['x.docs.google.com', 'google-docs'],
    ['mail.google.com', 'google'],
    ['localhost', null],
    [null, null],
  ])('%s -> %s', (host, expected) => expect(appOf(host)).toBe(expected));

  it.each<[string | undefined, string | null]>([
    ['https://acme.slack.com/client/T1/C2?x=1#y', 'acme.slack.com'],
    ['http://APP.slack.com:8080/path', 'app.slack.com'],
    ['chrome://newtab/', null],
    ['chrome-extension://abc/popup.html', null],
    ['file:///etc/passwd', null],
    ['not a url', null],
    [undefined, null],
  ])('keeps only the hostname of %s', (url, expected) => expect(hostOf(url)).toBe(expected));
});

describe('day totals', () => {
  const seg = (day: string, appId: string, seconds: number) => ({ appId, day, start: 0, end: seconds * 1000 });

  it.each([
    ['sums segments per day and app', [seg('2026-11-20', 'slack', 30), seg('2026-11-20', 'slack', 15)], 45],
    ['caps a day at 86400 seconds', [seg('2026-11-20', 'slack', 86_400), seg('2026-11-20', 'slack', 100)], 86_400],
    ['floors milliseconds', [{ appId: 'slack', day: '2026-11-20', start: 0, end: 1999 }], 1],
    ['ignores empty segments', [{ appId: 'slack', day: '2026-11-20', start: 5, end: 5 }], undefined],
  ])('%s', (_name, segments, expected) => {
    const totals = addToTotals({}, segments, []);
    const total = totals['2026-11-20|slack'];
    expect(total ? toRecord('2026-11-20|slack', total).activeSeconds : undefined).toBe(expected);
  });

  it.each([
    ['keeps today and the 34 days before', '2026-10-17', true],
    ['drops the 36th day back', '2026-10-16', false],
  ])('%s', (_name, day, kept) => {
    const totals = { [`${day}|slack`]: { activeMs: 1000, visits: 1, lastActiveAt: null } };
    expect(`${day}|slack` in pruneDays(totals, '2026-11-20')).toBe(kept);
  });

  it('picks only records that changed since the acknowledgement, oldest first', () => {
    const totals = {
      '2026-11-20|slack': { activeMs: 61_000, visits: 2, lastActiveAt: Date.UTC(2026, 10, 20, 9) },
      '2026-11-19|slack': { activeMs: 5_000, visits: 1, lastActiveAt: null },
      '2026-11-20|jira': { activeMs: 9_000, visits: 1, lastActiveAt: null },
    };
    const acked = {
      '2026-11-20|slack': {
        appId: 'slack',
        day: '2026-11-20',
        activeSeconds: 60,
        visits: 2,
        lastActiveAt: '2026-11-20T09:00:00.000Z',
      },
      '2026-11-20|jira': { appId: 'jira', day: '2026-11-20', activeSeconds: 9, visits: 1, lastActiveAt: null },
    };
    expect(unackedRecords(totals, acked).map((r) => r.record)).toEqual([
      { appId: 'slack', day: '2026-11-19', activeSeconds: 5, visits: 1, lastActiveAt: null },
      { appId: 'slack', day: '2026-11-20', activeSeconds: 61, visits: 2, lastActiveAt: '2026-11-20T09:00:00.000Z' },
    ]);
  });

  it.each([
    [0, []],
    [1000, [1000]],
    [1001, [1000, 1]],
    [2500, [1000, 1000, 500]],
  ])('splits %i records into requests of at most 1000', (count, sizes) => {
    expect(
      chunk(
        Array.from({ length: count }, (_, i) => i),
        1000,
      ).map((part) => part.length),
    ).toEqual(sizes);
  });
});

describe('backoff', () => {
  it.each([
    [1, 0, 15_000],
    [1, 0.999_999, 30_000],
    [2, 0, 30_000],
    [3, 0.5, 90_000],
    [30, 0.5, BACKOFF_MAX_MS * 0.75],
  ])('failure %i with random %d waits %i ms', (failures, random, expected) => {
    expect(backoffDelay(failures, random)).toBe(expected);
  });
});

describe('config resolution', () => {
  const none: ConfigInputs = { policy: {}, options: {}, profileEmail: null };
  it.each<[string, ConfigInputs, Record<string, unknown>, number]>([
    ['defaults', none, { serverUrl: null, userEmail: null, idleSeconds: 60, uploadIntervalMinutes: 5 }, 0],
    [
      'policy wins over options',
      { ...none, policy: { serverUrl: 'https://p.example' }, options: { serverUrl: 'https://o.example' } },
      { serverUrl: 'https://p.example', sources: expect.objectContaining({ serverUrl: 'policy' }) },
      0,
    ],
    [
      'options when no policy',
      { ...none, options: { serverUrl: 'http://o.example/' } },
      { serverUrl: 'http://o.example' },
      0,
    ],
    [
      'email: policy, then profile, then options',
      { ...none, options: { userEmail: 'typed@example.com' }, profileEmail: 'Profile@Example.com' },
      { userEmail: 'profile@example.com', sources: expect.objectContaining({ userEmail: 'profile' }) },
      0,
    ],
    [
      'a bad policy URL is reported and options used',
      { ...none, policy: { serverUrl: 'ftp://x' }, options: { serverUrl: 'https://o.example' } },
      { serverUrl: 'https://o.example' },
      1,
    ],
    ['idleSeconds out of range', { ...none, policy: { idleSeconds: 5 } }, { idleSeconds: 60 }, 1],
    ['idleSeconds mistyped', { ...none, policy: { idleSeconds: '120' } }, { idleSeconds: 60 }, 1],
    [
      'uploadIntervalMinutes not whole',
      { ...none, policy: { uploadIntervalMinutes: 2.5 } },
      { uploadIntervalMinutes: 5 },
      1,
    ],
    [
      'bounds accepted',
      { ...none, policy: { idleSeconds: 15, uploadIntervalMinutes: 1440 } },
      { idleSeconds: 15, uploadIntervalMinutes: 1440 },
      0,
    ],
    ['a non-text token is reported', { ...none, policy: { enrollmentToken: 42 } }, { enrollmentToken: null }, 1],
    ['a bad typed email is reported', { ...none, options: { userEmail: 'nobody' } }, { userEmail: null }, 1],
  ])('%s', (_name, inputs, expected, problemCount) => {
    const config = resolveConfig(inputs);
    expect(config).toMatchObject(expected);
    expect(config.problems).toHaveLength(problemCount);
  });
});

describe('pinned extension id', () => {
  it('is derived from the manifest key', () => {
    const hex = createHash('sha256').update(Buffer.from(EXTENSION_KEY, 'base64')).digest('hex').slice(0, 32);
    expect([...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('')).toBe(EXTENSION_ID);
  });
});
