// The subject access export's pure parts: matching an email as a whole address, and the one-table CSV.
import { describe, expect, it } from 'vitest';
import type { PersonExport } from '../../server/contract.ts';
import { exportFileName, exportTable, namesEmail, valueNamesEmail } from '../../server/domain/person-export.ts';

describe('namesEmail', () => {
  it.each<[string, string, boolean]>([
    ['ada@example.com', 'ada@example.com', true],
    ['user:ADA@Example.com', 'ada@example.com', true],
    ['{"email":"ada@example.com"}', 'ada@example.com', true],
    ['Ask ada@example.com.', 'ada@example.com', true],
    ['ada@example.com, bob@example.com', 'ada@example.com', true],
    ['bada@example.com', 'ada@example.com', false],
    ['a.ada@example.com', 'ada@example.com', false],
    ['ada@example.com.au', 'ada@example.com', false],
    ['ada@example.community', 'ada@example.com', false],
    ['bada@example.com and ada@example.com', 'ada@example.com', true],
    ['nobody', 'ada@example.com', false],
  ])('%s names %s: %s', (text, email, expected) => {
    expect(namesEmail(text, email)).toBe(expected);
  });

  it.each<[unknown, boolean]>([
    [null, false],
    [undefined, false],
    [{ after: { email: 'ada@example.com' } }, true],
    [['x', 'ada@example.com'], true],
    [{ email: 'bada@example.com' }, false],
  ])('finds the email inside a stored value %j: %s', (value, expected) => {
    expect(valueNamesEmail(value, 'ada@example.com')).toBe(expected);
  });
});

const empty: PersonExport = {
  exportedAt: '2026-11-20T12:00:00.000Z',
  person: {
    id: 7,
    email: 'ada@example.com',
    name: 'Ada',
    department: null,
    location: null,
    managerEmail: null,
    status: 'active',
    startDate: null,
    endDate: null,
    source: 'directory',
    createdAt: '2026-01-01T00:00:00.000Z',
    confirmedAt: null,
  },
  account: null,
  devices: [],
  usage: [],
  deviceDays: [],
  seats: [],
  reclaims: [],
  connectorRuns: [],
  deliveries: [],
  alerts: [],
  spendLines: [],
  ownership: [],
  ssoDeviceCodes: [],
  audit: [],
};

describe('exportTable', () => {
  it('puts every section in one table, one record a row, with the fields of all sections as columns', () => {
    const step = { id: 3, at: 'a', actor: 'user:x', action: 'reclaim.create', subjectType: 'reclaim', subjectId: '9' };
    const table = exportTable({
      ...empty,
      usage: [{ deviceId: 'd1', appId: 'slack', day: '2026-11-01', activeSeconds: 60, visits: 1, lastActiveAt: null }],
      reclaims: [
        {
          id: 9,
          seatId: null,
          subscriptionId: null,
          subscriptionName: 'Slack Pro',
          email: 'ada@example.com',
          state: 'ready',
          holderStatus: 'left',
          annualSaving: 100,
          currency: 'EUR',
          respondBy: null,
          keepReason: null,
          keptUntil: null,
          createdBy: 'user:x',
          createdAt: 'c',
          notifiedAt: null,
          respondedAt: null,
          revokedAt: null,
          emailProblem: null,
          vendorProblem: null,
          steps: [{ ...step, before: null, after: { state: 'ready' } }],
        },
      ],
    });
    expect(table.rows.map((row) => row[0])).toEqual(['person', 'usage', 'reclaim', 'reclaim_step']);
    expect(table.header[0]).toBe('section');
    expect(new Set(table.header).size).toBe(table.header.length);
    const cell = (row: number, column: string) => table.rows[row]![table.header.indexOf(column)];
    expect([cell(1, 'activeSeconds'), cell(1, 'email')]).toEqual([60, null]);
    expect([cell(3, 'reclaimId'), cell(3, 'after'), cell(3, 'action')]).toEqual([
      9,
      '{"state":"ready"}',
      'reclaim.create',
    ]);
    expect(table.rows.every((row) => row.length === table.header.length)).toBe(true);
  });

  it.each<[number, string, 'json' | 'csv', string]>([
    [7, '2026-11-20', 'json', 'seatwise-subject-access-7-2026-11-20.json'],
    [123, '2026-01-02', 'csv', 'seatwise-subject-access-123-2026-01-02.csv'],
  ])('names the file of person %i on %s (%s) %s', (id, day, format, name) => {
    expect(exportFileName(id, day, format)).toBe(name);
  });
});
