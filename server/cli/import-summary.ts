// Prints what an import did (or, in a dry run, would do): counts, skipped rows with reasons, warnings.
import type { CliContext } from './context.ts';

type ImportReport = { dryRun: boolean; rows: number; skipped: { row: number; reason: string }[]; warnings: string[] };

const SKIPPED_SHOWN = 20;

export function printImportSummary(
  { out }: Pick<CliContext, 'out'>,
  title: string,
  report: ImportReport,
  counts: Record<string, number>,
) {
  const number = (n: number) => n.toLocaleString('en');
  const parts = Object.entries(counts).map(([name, n]) => `${number(n)} ${name}`);
  out(`${title}: ${number(report.rows)} rows; ${parts.join(', ')}, ${number(report.skipped.length)} skipped.`);
  for (const skip of report.skipped.slice(0, SKIPPED_SHOWN)) out(`  skipped row ${skip.row}: ${skip.reason}`);
  if (report.skipped.length > SKIPPED_SHOWN)
    out(`  … and ${number(report.skipped.length - SKIPPED_SHOWN)} more skipped rows (--json lists them all).`);
  for (const warning of report.warnings) out(`warning: ${warning}`);
  if (report.dryRun) out('Dry run: nothing was changed.');
}
