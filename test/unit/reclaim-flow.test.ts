// The reclaim workflow's transitions, the saving a seat is worth, and keep-or-release links that cannot be forged.
import { describe, expect, it } from 'vitest';
import { annualSeatSaving, nextState, type ReclaimState, type ReclaimStep } from '../../server/domain/reclaim-flow.ts';
import { checkReclaimToken, makeReclaimToken } from '../../server/domain/reclaim-link.ts';

describe('transitions', () => {
  it.each<[ReclaimState, ReclaimStep, ReclaimState | null]>([
    ['notified', 'release', 'released'],
    ['notified', 'keep', 'kept'],
    ['notified', 'expire', 'ready'],
    ['notified', 'ready', 'ready'],
    ['notified', 'revoke', null],
    ['open', 'release', 'released'],
    ['open', 'revoke', null],
    ['released', 'revoke', 'revoked'],
    ['ready', 'revoke', 'revoked'],
    ['ready', 'keep', 'kept'],
    ['released', 'expire', null],
    ['kept', 'revoke', null],
    ['kept', 'release', null],
    ['revoked', 'cancel', null],
    ['revoked', 'keep', null],
    ['cancelled', 'ready', null],
    ['ready', 'cancel', 'cancelled'],
    ['notified', 'email_failed', 'open'],
    ['open', 'email_failed', null],
    ['released', 'email_failed', null],
  ])('%s + %s -> %s', (from, step, to) => {
    const result = nextState(from, step);
    if (to === null) expect(result).toHaveProperty('problem');
    else expect(result).toEqual({ state: to });
  });

  it('explains why a reclaim still waiting for an answer cannot be revoked', () => {
    expect(nextState('notified', 'revoke')).toEqual({
      problem:
        'A reclaim that is notified cannot be revoked. ' +
        'The holder has not answered yet: mark it ready to revoke first, or wait for the deadline.',
    });
    expect(nextState('kept', 'release')).toEqual({ problem: 'A reclaim that is kept cannot be released.' });
  });
});

describe('what a removed seat saves a year', () => {
  it.each<[string, 'monthly' | 'annual', number, number]>([
    ['named_user', 'annual', 12_000, 12_000],
    ['named_user', 'monthly', 1_000, 12_000],
    ['concurrent', 'monthly', 2_500, 30_000],
    ['site', 'annual', 500_000, 0],
    ['flat', 'monthly', 9_900, 0],
  ])('%s billed %s at %i', (metric, billingPeriod, unitCost, saving) =>
    expect(annualSeatSaving({ metric, billingPeriod, unitCost })).toBe(saving),
  );
});

describe('keep-or-release links', () => {
  const SECRET = 'test-secret';
  const NOW = Date.parse('2026-11-20T12:00:00Z');
  const token = makeReclaimToken(SECRET, 42, NOW + 7 * 86_400_000);

  it('opens before it expires', () =>
    expect(checkReclaimToken(SECRET, token, NOW)).toEqual({
      ok: true,
      reclaimId: 42,
      expiresAt: NOW + 7 * 86_400_000,
    }));
  it('is refused after it expires', () =>
    expect(checkReclaimToken(SECRET, token, NOW + 7 * 86_400_000)).toEqual({ ok: false, reason: 'expired' }));
  it('is refused with another secret', () =>
    expect(checkReclaimToken('other', token, NOW)).toEqual({ ok: false, reason: 'invalid' }));

  it.each<[string, (t: string) => string]>([
    [
      'another reclaim id',
      (t) =>
        `${Buffer.from(JSON.stringify({ r: 43, e: Math.floor(NOW / 1000) + 86_400 })).toString('base64url')}` +
        `.${t.split('.')[1]}`,
    ],
    [
      'a later expiry',
      (t) =>
        `${Buffer.from(JSON.stringify({ r: 42, e: Math.floor(NOW / 1000) + 999_999 })).toString('base64url')}` +
        `.${t.split('.')[1]}`,
    ],
    ['a changed signature', (t) => `${t.slice(0, -2)}${t.endsWith('A') ? 'B' : 'A'}A`],
    ['no signature', (t) => t.split('.')[0]!],
    ['garbage', () => 'not-a-token'],
    ['an extra part', (t) => `${t}.x`],
  ])('is refused when tampered: %s', (_name, tamper) =>
    expect(checkReclaimToken(SECRET, tamper(token), NOW)).toEqual({ ok: false, reason: 'invalid' }),
  );
});
