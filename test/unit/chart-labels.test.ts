// Long subscription names on a narrow horizontal bar chart end in an ellipsis instead of being cut at the left edge.
import { describe, expect, it } from 'vitest';
import { fittedCategoryTicks, labelRoom, shortLabel } from '../../dashboard/src/lib/chart-labels.ts';

describe('shortLabel', () => {
  it.each([
    ['Slack Business+', 20, 'Slack Business+'],
    ['Salesforce Sales Cloud Enterprise', 20, 'Salesforce Sales Cl…'],
    ['Adobe Creative Cloud All Apps (Teams)', 20, 'Adobe Creative Clou…'],
    ['HubSpot Marketing Hub Professional', 8.9, 'HubSpot M…'],
    ['Exactly twenty chars', 20, 'Exactly twenty chars'],
    ['Trailing space cut here', 15, 'Trailing space…'],
  ])('%s in %d characters: %s', (label, characters, expected) => {
    const short = shortLabel(label, characters);
    expect(short).toBe(expected);
    expect(short.length).toBeLessThanOrEqual(Math.max(10, Math.floor(characters)));
  });
});

describe('fittedCategoryTicks', () => {
  const axis = (width: number) => ({
    chart: { width },
    getLabelForValue: (value: number) => ['Zoom Business', 'Salesforce Sales Cloud Enterprise'][value]!,
  });

  it('keeps whole names on a wide chart and shortens them on a phone', () => {
    expect(labelRoom(560)).toBeGreaterThan(33);
    expect(fittedCategoryTicks.call(axis(560), 1)).toBe('Salesforce Sales Cloud Enterprise');
    expect(fittedCategoryTicks.call(axis(330), 1)).toBe('Salesforce Sales Clou…');
    expect(fittedCategoryTicks.call(axis(330), '0')).toBe('Zoom Business');
  });
});
