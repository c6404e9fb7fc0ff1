// minGroupSize by tables: departments under N are "fewer than N", and no suppressed department can be worked out by
// subtracting the shown ones from the total.
import { describe, expect, it } from 'vitest';
import { departmentsOfAtLeast, suppressedGroups, withGroupSuppression } from '../../server/domain/group-size.ts';

describe('suppressedGroups', () => {
  it.each([
    ['nothing small', [10, 20, 30], 5, []],
    ['every group at exactly N', [5, 5], 5, []],
    ['one small group takes the next smallest with it', [30, 2, 40], 5, [0, 1]],
    ['two small groups adding up to N are enough', [3, 2, 40], 5, [0, 1]],
    ['two small groups under N take a third', [1, 1, 50, 60], 5, [0, 1, 2]],
    ['ties go by position', [2, 30, 30], 5, [0, 1]],
    ['N = 1 suppresses nothing', [1, 1, 2], 1, []],
    ['all small', [1, 2], 5, [0, 1]],
    ['a single small group alone', [3], 5, [0]],
    ['no groups', [], 5, []],
  ])('%s: %j with N=%i -> %j', (_case, sizes, n, expected) => {
    expect([...suppressedGroups(sizes, n)].sort((a, b) => a - b)).toEqual(expected);
  });
});

describe('withGroupSuppression', () => {
  it('nulls the figures of suppressed groups, says "fewer than N" only of those really smaller', () => {
    const groups = [
      { department: 'Sales', people: 30, reporting: 20 },
      { department: 'Legal', people: 2, reporting: 2 },
      { department: 'Ops', people: 12, reporting: 3 },
    ];
    expect(withGroupSuppression(groups, (g) => g.people, ['people', 'reporting'], 5)).toEqual([
      { department: 'Sales', people: 30, reporting: 20, suppressed: false, fewerThan: null },
      { department: 'Legal', people: null, reporting: null, suppressed: true, fewerThan: 5 },
      { department: 'Ops', people: null, reporting: null, suppressed: true, fewerThan: null },
    ]);
  });
});

describe('departmentsOfAtLeast', () => {
  it.each([
    [['Sales', 'Legal', 'Sales'], 2, ['Sales']],
    [['Sales', 'Legal', 'Sales'], 1, ['Legal', 'Sales']],
    [['Ops', 'Ops', 'Ops'], 5, []],
    [[], 5, []],
  ])('%j with at least %i -> %j', (departments, minimum, expected) => {
    expect(departmentsOfAtLeast(departments, minimum)).toEqual(expected);
  });
});
