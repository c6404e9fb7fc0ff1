// A person's use per app from their daily totals: time summed, days counted only with use, the most used first.
import { describe, expect, it } from 'vitest';
import { appUse } from '../../dashboard/src/lib/app-use.ts';

const apps = [
  { id: 'slack', name: 'Slack' },
  { id: 'figma', name: 'Figma' },
];
const day = (appId: string, date: string, activeSeconds: number) => ({ appId, day: date, activeSeconds });

describe('app use of one person', () => {
  it.each<[string, ReturnType<typeof day>[], ReturnType<typeof appUse>]>([
    ['no use', [], []],
    [
      'one app over two days',
      [day('slack', '2026-11-02', 600), day('slack', '2026-11-01', 60)],
      [{ appId: 'slack', name: 'Slack', seconds: 660, days: 2, last: '2026-11-02' }],
    ],
    [
      'a day without active time: not a day used, still the last day seen',
      [day('slack', '2026-11-01', 60), day('slack', '2026-11-03', 0)],
      [{ appId: 'slack', name: 'Slack', seconds: 60, days: 1, last: '2026-11-03' }],
    ],
    [
      'two apps: the most used first',
      [day('slack', '2026-11-01', 60), day('figma', '2026-11-01', 3600)],
      [
        { appId: 'figma', name: 'Figma', seconds: 3600, days: 1, last: '2026-11-01' },
        { appId: 'slack', name: 'Slack', seconds: 60, days: 1, last: '2026-11-01' },
      ],
    ],
    [
      'an app not in the catalogue: named by its id',
      [day('gone', '2026-11-01', 5)],
      [{ appId: 'gone', name: 'gone', seconds: 5, days: 1, last: '2026-11-01' }],
    ],
  ])('%s', (_name, usage, expected) => {
    expect(appUse(usage, apps)).toEqual(expected);
  });
});
