// import-people: an HR or directory export, as the API import does it.
import { z } from 'zod';
import { utcDay } from '../../domain/days.ts';
import { importPeopleList } from '../../services/people-import.ts';
import { readFlags, required } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';
import { printImportSummary } from '../import-summary.ts';
import { readCsvFile } from '../read-file.ts';

const Flags = z.object({ mode: z.enum(['merge', 'replace']).default('merge') });

export const importPeopleCommand: Command = {
  name: 'import-people',
  summary: 'Import people from an HR/directory CSV; replace marks people missing from it as left',
  usage: 'import-people --file <file.csv> [--mode merge|replace] [--dry-run] [--json]',
  async run({ db, now, out, actor }, argv) {
    const { values } = readFlags(argv, {
      file: { type: 'string' },
      mode: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const { mode } = check(Flags, { mode: values.mode });
    const file = await readCsvFile(required(values.file, 'file'));
    const result = await importPeopleList(
      { db },
      {
        file: { text: file.text, encodingWarning: file.warning },
        mode,
        dryRun: values['dry-run'] ?? false,
        actor,
        today: utcDay(now()),
        now: now(),
      },
    );
    if (values.json) return out(JSON.stringify(result, null, 2));
    printImportSummary({ out }, `People, ${mode}`, result, {
      added: result.added,
      updated: result.updated,
      unchanged: result.unchanged,
      'now leavers': result.leavers,
    });
  },
};
