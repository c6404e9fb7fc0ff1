// Shadow IT merged from usage and spend: spend-only apps, consolidation candidates, per-currency totals.
import { describe, expect, it } from 'vitest';
import { type AppFacts, mergeShadowIt, type UsedAppRow } from '../../server/domain/shadow-spend.ts';

const apps = new Map<string, AppFacts>([
  ['figma', { id: 'figma', name: 'Figma', status: 'under_review' }],
  ['miro', { id: 'miro', name: 'Miro', status: 'unsanctioned' }],
  ['canva', { id: 'canva', name: 'Canva', status: 'under_review' }],
]);
const used: UsedAppRow = {
  appId: 'miro',
  appName: 'Miro',
  status: 'unsanctioned',
  users: 3,
  departments: ['Design'],
  firstSeen: '2026-10-01',
  lastSeen: '2026-11-19',
};
const line = (appId: string, day: string, amount: number, email: string | null, currency = 'USD') => ({
  appId,
  day,
  amount,
  currency,
  email,
});

describe('mergeShadowIt', () => {
  it('keeps usage rows, adds apps only paid for, and marks several payers as a consolidation candidate', () => {
    const rows = mergeShadowIt(
      [used],
      [
        line('figma', '2026-09-03', 1500, 'ana@example.com'),
        line('figma', '2026-10-05', 1500, 'ben@example.com'),
        line('figma', '2026-10-20', -1500, 'ben@example.com'),
        line('figma', '2026-10-21', 1200, 'ana@example.com', 'EUR'),
        line('canva', '2026-10-06', 1200, 'hana@example.com', 'JPY'),
      ],
      apps,
    );
    expect(
      rows.map((r) => [r.appId, r.sources, r.users, r.payers, r.consolidationCandidate, r.annualisedSpend]),
    ).toEqual([
      ['miro', ['usage'], 3, 0, false, []],
      [
        'figma',
        ['spend'],
        0,
        2,
        true,
        [
          { currency: 'USD', amount: 1500 },
          { currency: 'EUR', amount: 1200 },
        ],
      ],
      ['canva', ['spend'], 0, 1, false, [{ currency: 'JPY', amount: 1200 }]],
    ]);
    expect(rows[1]).toMatchObject({
      appName: 'Figma',
      firstSeen: '2026-09-03',
      lastSeen: '2026-10-21',
      departments: [],
    });
  });

  it('gives a used app its spend too', () => {
    const [row] = mergeShadowIt([used], [line('miro', '2026-10-05', 123400, 'gus@example.com', 'EUR')], apps);
    expect(row).toMatchObject({
      sources: ['usage', 'spend'],
      payers: 1,
      annualisedSpend: [{ currency: 'EUR', amount: 123400 }],
    });
  });
});
