import { describe, expect, it } from 'vitest';
import { HolderStatus } from '../../server/contract.ts';
import { HOLDER_STATUS, HOLDER_STATUSES, isReclaimableStatus } from '../../server/domain/holder-status.ts';

describe('the one table of seat-holder statuses', () => {
  it('has an entry for every status of the contract, and no other', () => {
    expect([...HOLDER_STATUSES].sort()).toEqual([...HolderStatus.options].sort());
  });

  it.each([
    ['active', false],
    ['grace', false],
    ['idle', true],
    ['never_used', true],
    ['unmonitored', false],
    ['left', true],
    ['not counted yet', false],
    ['toString', false],
  ])('%s may be reclaimed: %s', (status, reclaimable) => {
    expect(isReclaimableStatus(status)).toBe(reclaimable);
  });

  it('gives every status a word and a distinct mark', () => {
    const marks = HOLDER_STATUSES.map((s) => HOLDER_STATUS[s].mark);
    expect(new Set(marks).size).toBe(marks.length);
    expect(HOLDER_STATUSES.every((s) => HOLDER_STATUS[s].label.length > 0)).toBe(true);
  });
});
