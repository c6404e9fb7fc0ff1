// The demo company's card and expense lines: the annual Slack and Figma invoices on the company card, Canva paid by
// three designers on their own expenses (a consolidation candidate), and merchants no pattern knows, for review.
import { MERCHANT_PATTERNS } from '../catalog/merchant-patterns.ts';
import type { Db } from '../db/client.ts';
import { parseCsv } from '../domain/csv/parse.ts';
import { addDays } from '../domain/days.ts';
import { normalisePattern } from '../domain/merchant-match.ts';
import { planSpendImport } from '../domain/spend-import.ts';
import type { AuditEntry } from '../queries/audit.ts';
import { saveSpendLines } from '../queries/spend.ts';

/** Writes the lines as one generic import would; returns how many. */
export async function seedDemoSpend(db: Db, today: string, designers: readonly string[]): Promise<number> {
  const rows = [
    [addDays(today, -291), 'SLACK T0123ABC DUBLIN IE', '39000.00', '', 'Slack Business+ annual'],
    [addDays(today, -338), 'FIGMA* ANNUAL', '5400.00', '', 'Figma Professional'],
    ...[-75, -45, -15].flatMap((days) =>
      designers.slice(0, 3).map((email) => [addDays(today, days), 'CANVA* PRO', '14.99', email, 'Canva Pro']),
    ),
    [addDays(today, -20), 'SQ *BLUE BOTTLE COFFEE 0042 SAN FRANCISCO CA', '4.50', designers[0] ?? '', 'coffee'],
    [addDays(today, -12), 'WEWORK 1234 NEW YORK NY', '450.00', '', 'day passes'],
  ];
  const csv = [
    'date,merchant,amount,currency,email,memo',
    ...rows.map((r) => `${r[0]},"${r[1]}",${r[2]},USD,${r[3]},${r[4]}`),
  ];
  const rules = MERCHANT_PATTERNS.flatMap((entry) =>
    entry.patterns.map((pattern) => ({
      pattern: normalisePattern(pattern),
      appId: entry.appId,
      source: 'catalog' as const,
    })),
  );
  const plan = planSpendImport({ csv: parseCsv(csv.join('\n')), rules, currency: null, stored: new Set() });
  const audit: AuditEntry = {
    actor: 'system',
    action: 'spend.import',
    subjectType: 'spend',
    after: { source: 'demo', added: plan.add.length },
  };
  await saveSpendLines(db, plan.add, { source: plan.source, importedBy: 'system' }, audit);
  return plan.add.length;
}
