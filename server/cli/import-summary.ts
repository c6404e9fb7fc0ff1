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
  const parts = Object.entries(counts).map(([name, n]) => `${n.toLocaleString('en')} ${name}`);
  out(
    `${title}: ${report.rows.toLocaleString('en')} rows; ${parts.join(', ')}, ` +
      `${report.skipped.length.toLocaleString('en')} skipped.`,
  );
  for (const skip of report.skipped.slice(0, SKIPPED_SHOWN)) out(`  skipped row ${skip.row}: ${skip.reason}`);
  if (report.skipped.length > SKIPPED_SHOWN)
    out(
      `  … and ${(report.skipped.length - SKIPPED_SHOWN).toLocaleString('en')} ` +
        'more skipped rows (--json lists them all).',
    );
  for (const warning of report.warnings) out(`warning: ${warning}`);
  if (report.dryRun) out('Dry run: nothing was changed.');
}
