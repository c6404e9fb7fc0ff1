// Reading HR/directory exports: which column is which, who is a leaver, and what merge and replace change.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/domain/csv/parse.ts';
import {
  type ExistingPerson,
  planPeopleImport,
  previewPeopleChanges,
  readPersonStatus,
} from '../../server/domain/people-import.ts';

const TODAY = '2026-11-20';
const plan = (csv: string, existing: ExistingPerson[] = [], mode: 'merge' | 'replace' = 'merge') =>
  planPeopleImport({ csv: parseCsv(csv), existing, mode, today: TODAY });

const person = (id: number, email: string, fields: Partial<ExistingPerson> = {}): ExistingPerson => ({
  id,
  email,
  name: null,
  department: null,
  location: null,
  managerEmail: null,
  status: 'active',
  startDate: null,
  endDate: null,
  ...fields,
});

describe('status words', () => {
  it.each<[string, 'active' | 'left' | null]>([
    ['Active', 'active'],
    ['', 'active'],
    ['Employed', 'active'],
    ['On leave', 'active'],
    ['leave', 'active'],
    ['Leave of Absence', 'active'],
    ['onboarding', 'active'],
    ['True', 'active'],
    ['Terminated', 'left'],
    ['Inactive', 'left'],
    ['Not employed', 'left'],
    ['Left', 'left'],
    ['Leaver', 'left'],
    ['Resigned', 'left'],
    ['Retired', 'left'],
    ['Suspended', 'left'],
    ['False', 'left'],
    ['Terminated - no rehire', 'left'],
    ['Withdrawn', 'left'],
    ['Garden', null],
  ])('"%s" is %s', (value, status) => expect(readPersonStatus(value)).toBe(status));
});

describe('finding the columns', () => {
  it.each<[string, string, Record<string, string | null>]>([
    [
      'a plain export',
      'email,name,department,location,manager email,status,start date,end date',
      {
        email: 'email',
        name: 'name',
        department: 'department',
        location: 'location',
        manager: 'manager email',
        status: 'status',
        start: 'start date',
        end: 'end date',
      },
    ],
    [
      'first and last names, cost centre',
      'Work Email,First Name,Last Name,Cost Centre,Hire Date',
      {
        email: 'Work Email',
        name: 'First Name + Last Name',
        location: 'Cost Centre',
        start: 'Hire Date',
        department: null,
        status: null,
      },
    ],
    [
      'camelCase headers',
      'userPrincipalName,displayName,department,officeLocation,accountEnabled',
      { email: 'userPrincipalName', name: 'displayName', location: 'officeLocation', status: 'accountEnabled' },
    ],
    [
      'bracketed notes',
      'Email Address [Required],First Name [Required],Status [READ ONLY],Manager Email',
      {
        email: 'Email Address [Required]',
        name: 'First Name [Required]',
        status: 'Status [READ ONLY]',
        manager: 'Manager Email',
      },
    ],
  ])('%s', (_name, header, expected) => {
    const values = header.split(',').map((h) => (/mail|principal/i.test(h) ? 'ada@example.com' : ''));
    expect(plan(`${header}\n${values.join(',')}\n`).columns).toMatchObject(expected);
  });

  it('finds an email column by its values when no header names it', () => {
    expect(plan('Login,Team\nada@example.com,Eng\n').columns.email).toBe('Login');
  });

  it('rejects a file without an email column, naming its headers', () => {
    expect(() => plan('name,team\nAda,Eng\n')).toThrow('Row 1: no email column: the header has "name", "team"');
  });

  it('ignores a manager column of names and says so', () => {
    const result = plan('email,reporting to\nada@example.com,Grace Hopper\nalan@example.com,Ada Lovelace\n');
    expect(result.columns.manager).toBeNull();
    expect(result.add.map((a) => a.managerEmail)).toEqual([null, null]);
    expect(result.warnings).toEqual([expect.stringContaining('"reporting to" holds names, not email addresses')]);
  });
});

describe('reading people', () => {
  it('reads every field, lower-casing emails and joining first and last names', () => {
    const result = plan(
      'Email,First name,Last name,Department,Cost center,Manager Email,Status,Hire date,Termination date\n' +
        'Ada@Example.com,Ada,Lovelace,Engineering,CC-1,Grace@Example.com,Active,2019-03-14,\n',
    );
    expect(result.add).toEqual([
      {
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        department: 'Engineering',
        location: 'CC-1',
        managerEmail: 'grace@example.com',
        status: 'active',
        startDate: '2019-03-14',
        endDate: null,
      },
    ]);
  });

  it.each<[string, string, 'active' | 'left']>([
    ['an end date before today', 'Active,2026-11-19', 'left'],
    ['an end date of today (the last day worked)', 'Active,2026-11-20', 'active'],
    ['a future end date', 'Active,2027-01-31', 'active'],
    ['a leaver status without an end date', 'Terminated,', 'left'],
  ])('%s', (_name, cells, status) => {
    expect(plan(`email,status,end date\nada@example.com,${cells}\n`).add[0]!.status).toBe(status);
  });

  it('takes an unknown status as active and warns once per word with its first row', () => {
    const result = plan('email,status\na@example.com,Garden\nb@example.com,Garden\nc@example.com,Active\n');
    expect(result.add.map((a) => a.status)).toEqual(['active', 'active', 'active']);
    expect(result.warnings).toEqual([
      'Status "Garden" (first on row 2) is neither a current nor a leaver status; those people were taken as active.',
    ]);
  });

  it('skips rows without an email and later duplicates', () => {
    expect(plan('email,name\nada@example.com,Ada\n,Nobody\nADA@example.com,Again\n').skipped).toEqual([
      { row: 3, reason: 'no email' },
      { row: 4, reason: 'duplicate of row 2' },
    ]);
  });

  it.each<[string, string, string]>([
    ['a bad email', 'email\nnot-an-email\n', 'Row 2: "not-an-email" in column "email" is not an email address'],
    ['a bad end date', 'email,end date\nada@example.com,soon\n', 'Row 2: "soon" in column "end date" is not a date'],
    ['no rows', 'email,name\n', 'the file has a header but no rows'],
  ])('rejects %s with its row', (_name, csv, message) => {
    expect(() => plan(csv)).toThrow(message);
  });
});

describe('merge and replace', () => {
  const existing = [
    person(1, 'ada@example.com', { name: 'Ada', department: 'Engineering', location: 'London' }),
    person(2, 'grace@example.com', { name: 'Grace', department: 'Engineering' }),
    person(3, 'alan@example.com', { status: 'left', endDate: '2026-01-31' }),
    person(4, 'device-only@example.com'),
  ];

  const mergeKeepsWhatTheFileLacks =
    'merge updates only the columns the file has, keeps the rest and leaves people missing from the file alone';
  it(mergeKeepsWhatTheFileLacks, () => {
    const result = plan(
      'email,department\nada@example.com,Research\ngrace@example.com,Engineering\nnew@example.com,Sales\n',
      existing,
    );
    expect(result.add.map((a) => [a.email, a.department, a.status])).toEqual([['new@example.com', 'Sales', 'active']]);
    expect(result.update).toEqual([
      {
        id: 1,
        email: 'ada@example.com',
        before: expect.objectContaining({ department: 'Engineering', location: 'London' }),
        after: expect.objectContaining({ department: 'Research', location: 'London', name: 'Ada' }),
      },
    ]);
    expect(result.unchanged).toBe(1);
    expect(result.missing).toEqual([]);
    expect(result.leavers).toBe(0);
  });

  it('being in the file makes a leaver current again (a rehire) unless the file says otherwise', () => {
    const result = plan('email,end date\nalan@example.com,\n', existing);
    expect(result.update[0]!.after).toMatchObject({ status: 'active', endDate: null });
  });

  it('replace marks active people missing from the file as leavers, never the ones already left', () => {
    const result = plan('email\nada@example.com\n', existing, 'replace');
    expect(result.missing.map((p) => p.email)).toEqual(['grace@example.com', 'device-only@example.com']);
    expect(result.leavers).toBe(2);
    expect(previewPeopleChanges(result).changes.filter((c) => c.change === 'leave')).toEqual([
      { email: 'grace@example.com', change: 'leave', before: { status: 'active' }, after: { status: 'left' } },
      { email: 'device-only@example.com', change: 'leave', before: { status: 'active' }, after: { status: 'left' } },
    ]);
  });

  it('counts people the file makes leavers', () => {
    const result = plan('email,status\nada@example.com,Terminated\nnew@example.com,Left\n', existing);
    expect(result.leavers).toBe(2);
  });

  it('previews only the fields that change', () => {
    const result = plan('email,location\nada@example.com,Paris\n', existing);
    expect(previewPeopleChanges(result).changes).toEqual([
      { email: 'ada@example.com', change: 'update', before: { location: 'London' }, after: { location: 'Paris' } },
    ]);
  });

  it('caps the preview at 500 changes', () => {
    const csv = `email\n${Array.from({ length: 501 }, (_, i) => `p${i}@example.com`).join('\n')}\n`;
    const preview = previewPeopleChanges(plan(csv));
    expect(preview.changes).toHaveLength(500);
    expect(preview.changesTruncated).toBe(true);
  });
});
