// Small dashboard helpers: ticking a row gives a new set (so the page sees it), counts read "1 seat", "2 seats".
import { describe, expect, it } from 'vitest';
import { counted, plural } from '../../dashboard/src/lib/plural.ts';
import { toggled } from '../../dashboard/src/lib/selection.ts';

describe('ticked rows', () => {
  it.each<[string, number[], number, number[]]>([
    ['ticks a row', [], 3, [3]],
    ['ticks another', [3], 5, [3, 5]],
    ['unticks a ticked row', [3, 5], 3, [5]],
  ])('%s', (_name, before, row, after) => {
    const selected = new Set(before);
    const next = toggled(selected, row);
    expect([...next]).toEqual(after);
    expect(next).not.toBe(selected);
    expect([...selected]).toEqual(before);
  });
});

describe('plural', () => {
  it.each<[number, string, string]>([
    [0, 'seat', '0 seats'],
    [1, 'seat', '1 seat'],
    [2, 'holder', '2 holders'],
    [1, 'selected seat', '1 selected seat'],
  ])('%i %s reads %s', (n, word, text) => {
    expect(plural(n, word)).toBe(text);
  });
});

describe('counted', () => {
  it.each<[number, string, string]>([
    [1, 'new lines', '1 new line'],
    [2, 'new lines', '2 new lines'],
    [0, 'unmatched merchants', '0 unmatched merchants'],
    [1, 'unmatched merchants', '1 unmatched merchant'],
    [1, 'skipped', '1 skipped'],
    [1, 'already imported', '1 already imported'],
  ])('%i %s reads %s', (n, label, text) => {
    expect(counted(n, label)).toBe(text);
  });
});
