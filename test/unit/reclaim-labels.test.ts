// How the dashboard words a reclaim's progress: a queued email is never called "asked", a kept seat says until when.
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../dashboard/src/lib/format.ts';
import { holderReclaimText, reclaimStateText } from '../../dashboard/src/lib/reclaim-labels.ts';
import type { Holder, Reclaim } from '../../server/contract.ts';

type HolderReclaim = NonNullable<Holder['reclaim']>;
const reclaim = (fields: Partial<HolderReclaim>): HolderReclaim => ({
  id: 1,
  state: 'open',
  notifiedAt: null,
  respondBy: null,
  keptUntil: null,
  ...fields,
});

describe('reclaim wording', () => {
  it.each<[string, Pick<Reclaim, 'state' | 'notifiedAt'>, string]>([
    ['proposed', { state: 'open', notifiedAt: null }, 'Proposed'],
    ['email still queued', { state: 'notified', notifiedAt: null }, 'Email to the holder queued'],
    ['email sent', { state: 'notified', notifiedAt: '2026-11-20T12:00:00.000Z' }, 'Asked the holder'],
    ['given back', { state: 'released', notifiedAt: '2026-11-20T12:00:00.000Z' }, 'Given back'],
    ['ready', { state: 'ready', notifiedAt: null }, 'Ready to revoke'],
  ])('the state of a reclaim: %s', (_name, value, text) => {
    expect(reclaimStateText(value)).toBe(text);
  });

  it.each<[string, HolderReclaim, string]>([
    ['proposed', reclaim({}), 'Being reclaimed: proposed'],
    ['email queued', reclaim({ state: 'notified' }), 'Being reclaimed: email to the holder queued'],
    [
      'asked',
      reclaim({ state: 'notified', notifiedAt: '2026-11-20T12:00:00.000Z', respondBy: '2026-11-27' }),
      `Being reclaimed: asked, answer by ${formatDay('2026-11-27')}`,
    ],
    ['ready', reclaim({ state: 'ready' }), 'Being reclaimed: ready to revoke'],
    ['kept', reclaim({ state: 'kept', keptUntil: '2026-12-20' }), `Kept until ${formatDay('2026-12-20')}`],
  ])('what the holders table says: %s', (_name, value, text) => {
    expect(holderReclaimText(value)).toBe(text);
  });
});
