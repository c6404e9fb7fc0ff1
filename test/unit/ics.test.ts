// renewals.ics: escaping, folding by octets, stable UIDs and the notice deadline day.
import { describe, expect, it } from 'vitest';
import { escapeText, eventUid, foldLine, type RenewalEntry, renewalsCalendar } from '../../server/domain/ics.ts';

const entry = (fields: Partial<RenewalEntry> = {}): RenewalEntry => ({
  subscriptionId: 7,
  appName: 'Slack',
  plan: 'Business+',
  renewalDate: '2027-03-01',
  noticeDays: 30,
  autoRenew: true,
  annualCost: 180000,
  currency: 'USD',
  seats: 10,
  reclaimable: 3,
  ownerEmail: 'it@example.com',
  ...fields,
});
const NOW = new Date('2026-11-20T12:00:00Z');
const INSTALLATION = '4f1c2a9e-8d3b-4c6a-9e21-7b5d0f3a6c18';

/** Unfolded lines of the calendar, and its events as key -> value maps. */
function events(ics: string) {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const found: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') {
      found.push(current!);
      current = null;
    } else if (current && !current.has(line.split(':')[0]!))
      current.set(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1));
  }
  return found;
}

describe('text values', () => {
  it.each<[string, string]>([
    ['a, b; c', 'a\\, b\\; c'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines\r\nthree', 'two\\nlines\\nthree'],
  ])('%j is escaped %j', (text, escaped) => expect(escapeText(text)).toBe(escaped));

  it('folds at 75 octets without splitting a character, and unfolds to the same line', () => {
    const line = `SUMMARY:${'Zoë 東京 '.repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('leaves a short line alone', () => expect(foldLine('VERSION:2.0')).toBe('VERSION:2.0'));
});

describe('the calendar', () => {
  it('has a notice deadline with a reminder and a renewal day, all day, with stable UIDs', () => {
    const ics = renewalsCalendar([entry()], { installationId: INSTALLATION, now: NOW });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Seatwise//Renewals//EN\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const [notice, renewal] = events(ics);
    expect(Object.fromEntries(notice!)).toMatchObject({
      UID: 'seatwise-subscription-7-notice@4f1c2a9e-8d3b-4c6a-9e21-7b5d0f3a6c18',
      'DTSTART;VALUE=DATE': '20270130',
      'DTEND;VALUE=DATE': '20270131',
      DTSTAMP: '20261120T120000Z',
      SUMMARY: 'Notice deadline: Slack (Business+)',
      TRIGGER: '-P7D',
    });
    expect(notice!.get('DESCRIPTION')).toBe(
      "Last day to give 30 days' notice before Slack (Business+) renews on 2027-03-01. " +
        'Annual cost 1800.00 USD\\; 10 seats\\, 3 reclaimable. Auto-renew: yes. Owner: it@example.com.',
    );
    expect(Object.fromEntries(renewal!)).toMatchObject({
      UID: 'seatwise-subscription-7-renewal@4f1c2a9e-8d3b-4c6a-9e21-7b5d0f3a6c18',
      'DTSTART;VALUE=DATE': '20270301',
      SUMMARY: 'Renewal: Slack (Business+)',
    });
    expect(renewal!.has('TRIGGER')).toBe(false);
    const again = renewalsCalendar([entry({ renewalDate: '2028-03-01' })], {
      installationId: INSTALLATION,
      now: new Date('2027-01-01T00:00:00Z'),
    });
    expect(events(again).map((e) => e.get('UID'))).toEqual(events(ics).map((e) => e.get('UID')));
  });

  it('without notice days has only the renewal, with the reminder on it', () => {
    const [only, ...rest] = events(
      renewalsCalendar([entry({ noticeDays: 0, seats: null, ownerEmail: null })], {
        installationId: INSTALLATION,
        now: NOW,
      }),
    );
    expect(rest).toEqual([]);
    expect(only!.get('TRIGGER')).toBe('-P7D');
    expect(only!.get('DESCRIPTION')).toBe('Slack (Business+) renews today. Annual cost 1800.00 USD. Auto-renew: yes.');
  });

  it('crosses month and year ends for the deadline', () => {
    const [notice] = events(
      renewalsCalendar([entry({ renewalDate: '2027-01-15', noticeDays: 45 })], {
        installationId: INSTALLATION,
        now: NOW,
      }),
    );
    expect(notice!.get('DTSTART;VALUE=DATE')).toBe('20261201');
  });
});

describe('event UIDs', () => {
  it.each<[string, number, 'notice' | 'renewal', string]>([
    [INSTALLATION, 7, 'notice', `seatwise-subscription-7-notice@${INSTALLATION}`],
    [INSTALLATION, 7, 'renewal', `seatwise-subscription-7-renewal@${INSTALLATION}`],
    [INSTALLATION, 1234, 'renewal', `seatwise-subscription-1234-renewal@${INSTALLATION}`],
    [
      '00000000-0000-4000-8000-000000000000',
      7,
      'notice',
      'seatwise-subscription-7-notice@00000000-0000-4000-8000-000000000000',
    ],
  ])('installation %s, subscription %i, %s -> %s', (installation, subscriptionId, kind, uid) => {
    expect(eventUid(installation, subscriptionId, kind)).toBe(uid);
  });

  it('are the same for the same installation whatever else changed, and differ between installations', () => {
    const uids = (installationId: string, now: Date, renewalDate: string) =>
      events(renewalsCalendar([entry({ renewalDate })], { installationId, now })).map((e) => e.get('UID'));
    expect(uids(INSTALLATION, NOW, '2027-03-01')).toEqual(
      uids(INSTALLATION, new Date('2027-02-01T08:00:00Z'), '2027-04-01'),
    );
    const other = uids('00000000-0000-4000-8000-000000000000', NOW, '2027-03-01');
    for (const uid of other) expect(uids(INSTALLATION, NOW, '2027-03-01')).not.toContain(uid);
  });
});
