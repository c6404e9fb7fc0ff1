// renewals.ics: an iCalendar (RFC 5545) feed of renewal dates and notice deadlines, for any calendar app.
// UIDs are stable per installation, subscription and kind (never the request's host name), so a re-import or a
// subscribed feed updates events instead of duplicating them, whichever address the file was fetched through.
import { addDays } from './days.ts';
import { formatMinorUnits } from './money.ts';
import { noticeDeadline } from './renewal-terms.ts';

export type RenewalEntry = {
  subscriptionId: number;
  appName: string;
  plan: string;
  renewalDate: string;
  noticeDays: number;
  autoRenew: boolean;
  annualCost: number;
  currency: string;
  seats: number | null;
  reclaimable: number;
  ownerEmail: string | null;
};

const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** TEXT values: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const basicDate = (day: string) => day.replace(/-/g, '');
const basicDateTime = (at: Date) => `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

function allDayEvent(
  uid: string,
  day: string,
  stamp: Date,
  summary: string,
  description: string,
  alarm: boolean,
): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${basicDateTime(stamp)}`,
    `DTSTART;VALUE=DATE:${basicDate(day)}`,
    `DTEND;VALUE=DATE:${basicDate(addDays(day, 1))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    ...(alarm
      ? ['BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-P7D', `DESCRIPTION:${escapeText(summary)}`, 'END:VALARM']
      : []),
    'END:VEVENT',
  ];
}

function facts(entry: RenewalEntry): string {
  const seats = entry.seats === null ? '' : `; ${entry.seats} seats, ${entry.reclaimable} reclaimable`;
  const owner = entry.ownerEmail ? ` Owner: ${entry.ownerEmail}.` : '';
  return (
    `Annual cost ${formatMinorUnits(entry.annualCost, entry.currency)} ${entry.currency}${seats}. ` +
    `Auto-renew: ${entry.autoRenew ? 'yes' : 'no'}.${owner}`
  );
}

export type RenewalEventKind = 'notice' | 'renewal';

/** The event's UID: the installation's id is the globally unique part, the subscription and kind the local one. */
export function eventUid(installationId: string, subscriptionId: number, kind: RenewalEventKind): string {
  return `seatwise-subscription-${subscriptionId}-${kind}@${installationId}`;
}

export function renewalsCalendar(
  entries: readonly RenewalEntry[],
  options: { installationId: string; now: Date },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Seatwise//Renewals//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Seatwise renewals',
  ];
  for (const entry of entries) {
    const name = `${entry.appName} (${entry.plan})`;
    const uid = (kind: RenewalEventKind) => eventUid(options.installationId, entry.subscriptionId, kind);
    if (entry.noticeDays > 0) {
      const deadline = noticeDeadline(entry)!;
      lines.push(
        ...allDayEvent(
          uid('notice'),
          deadline,
          options.now,
          `Notice deadline: ${name}`,
          `Last day to give ${entry.noticeDays} days' notice before ${name} ` +
            `renews on ${entry.renewalDate}. ${facts(entry)}`,
          true,
        ),
      );
    }
    lines.push(
      ...allDayEvent(
        uid('renewal'),
        entry.renewalDate,
        options.now,
        `Renewal: ${name}`,
        `${name} renews today. ${facts(entry)}`,
        entry.noticeDays === 0,
      ),
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
