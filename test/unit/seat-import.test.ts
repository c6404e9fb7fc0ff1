// Which rows of a vendor export are paid seats, and what an import changes: merge vs replace.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import {
  type ExistingSeat,
  newPeopleWarning,
  planSeatImport,
  previewChanges,
} from '../../server/domain/seat-import.ts';

const plan = (csv: string, existing: ExistingSeat[] = [], mode: 'merge' | 'replace' = 'merge') =>
  planSeatImport({ csv: parseCsv(csv), existing, mode, assignedAt: '2026-11-20', assignedAtGiven: false });

describe('which rows count as paid seats', () => {
  it.each<[string, string, string | null]>([
    ['status,billable\nMember,yes', 'a member who is billable', null],
    ['status\nDeactivated', 'a deactivated account', 'deactivated account'],
    ['status\nSuspended (by admin)', 'a suspended account', 'deactivated account'],
    ['active\nfalse', 'an active flag that is false', 'deactivated account'],
    ['block credential\nTrue', 'a blocked sign-in', 'deactivated account'],
    ['type\nBot', 'a bot', 'bot or integration'],
    ['profile\nSalesforce Integration', 'an integration user', 'bot or integration'],
    ['is_bot\n1', 'a bot flag', 'bot or integration'],
    ['role\nSingle-Channel Guest', 'a free single-channel guest', 'guest (free)'],
    ['role\nGuest', 'a guest with no billing column', 'guest (free)'],
    ['role,billable\nGuest,yes', 'a guest who is billed', null],
    ['role,billing-active\nMulti-Channel Guest,1', 'a billed multi-channel guest', null],
    ['billing-active\n0', 'not billable', 'not billable'],
    ['user type\nBasic', 'a free basic account', 'free account'],
    ['licenses\nUnlicensed', 'no licence', 'no licence assigned'],
    ['licenses\nMicrosoft 365 E3', 'a licence', null],
  ])('%s: %s', (columns, _name, reason) => {
    const [header, values] = columns.split('\n');
    const result = plan(`email,${header}\nada@example.com,${values}\n`);
    expect(result.skipped.map((s) => s.reason)).toEqual(reason ? [reason] : []);
    expect(result.add.length).toBe(reason ? 0 : 1);
  });

  it('skips rows without an email and later duplicates, lower-casing emails', () => {
    const result = plan('email,name\nAda@Example.com,Ada\n\n,Nobody\nada@example.com,Again\n');
    expect(result.skipped).toEqual([
      { row: 4, reason: 'no email' },
      { row: 5, reason: 'duplicate of row 2' },
    ]);
    expect(result.add.map((a) => a.email)).toEqual(['ada@example.com']);
  });

  it('finds an email column by its values when no header names it', () => {
    expect(plan('login,name\nada@example.com,Ada\n').columns.email).toBe('login');
  });
});

describe('what an import changes', () => {
  const existing: ExistingSeat[] = [
    { seatId: 1, email: 'ada@example.com', vendorLastActiveDay: '2026-11-01' },
    { seatId: 2, email: 'bob@example.com', vendorLastActiveDay: null },
  ];

  it('merge adds new holders, updates changed last-active dates and keeps seats missing from the file', () => {
    const result = plan('email,last active\nada@example.com,2026-11-15\ncy@example.com,2026-11-02\n', existing);
    expect(result.add).toEqual([
      { email: 'cy@example.com', assignedAt: '2026-11-20', vendorLastActiveDay: '2026-11-02' },
    ]);
    expect(result.update).toEqual([
      { seatId: 1, email: 'ada@example.com', vendorLastActiveDay: '2026-11-15', before: '2026-11-01' },
    ]);
    expect(result.remove).toEqual([]);
  });

  it('replace also removes the seats of people not in the file (skipped rows included)', () => {
    const result = plan('email,status\nada@example.com,Member\nbob@example.com,Deactivated\n', existing, 'replace');
    expect(result.remove.map((r) => r.email)).toEqual(['bob@example.com']);
    expect(result.unchanged).toBe(1);
  });

  it('a file without a last-active column leaves known dates alone', () => {
    expect(plan('email\nada@example.com\n', existing)).toMatchObject({ update: [], unchanged: 1 });
  });

  it('warns when new seats get today as their assignment day', () => {
    expect(plan('email\ncy@example.com\n').warnings[0]).toMatch(/no date-added column/);
    expect(plan('email,date added\ncy@example.com,2025-01-01\n')).toMatchObject({
      warnings: [],
      add: [{ assignedAt: '2025-01-01' }],
    });
  });

  it('caps the preview at 500 changes and says so', () => {
    const rows = Array.from({ length: 600 }, (_, i) => `u${i}@example.com`).join('\n');
    const preview = previewChanges(plan(`email\n${rows}\n`));
    expect([preview.changes.length, preview.changesTruncated]).toEqual([500, true]);
  });

  it.each<[string, string[], string | null]>([
    ['nobody new', [], null],
    [
      'one person',
      ['a@x.com'],
      '1 email is not in the people directory (a@x.com): ' +
        'importing adds them as a new active person without a department. ' +
        'Check for typos and outside accounts, or import the HR list first (People).',
    ],
    [
      'three people, all named',
      ['a@x.com', 'b@x.com', 'c@x.com'],
      '3 emails are not in the people directory (a@x.com, b@x.com, c@x.com): ' +
        'importing adds them as new active people without a department. ' +
        'Check for typos and outside accounts, or import the HR list first (People).',
    ],
    [
      'five people, three named',
      ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'],
      '5 emails are not in the people directory (a@x.com, b@x.com, c@x.com and 2 more): ' +
        'importing adds them as new active people without a department. ' +
        'Check for typos and outside accounts, or import the HR list first (People).',
    ],
  ])('warns about emails not in the directory: %s', (_name, emails, warning) => {
    expect(newPeopleWarning(emails)).toBe(warning);
  });

  it('marks added holders who are new people in the preview', () => {
    const { changes } = previewChanges(
      plan('email\nnew@example.com\nknown@example.com\n'),
      new Set(['new@example.com']),
    );
    expect(changes.map((c) => [c.email, c.after?.newPerson ?? false])).toEqual([
      ['new@example.com', true],
      ['known@example.com', false],
    ]);
  });
});
