// Seat lists from vendors' admin consoles: preview (dryRun) and import, merge or replace.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Day, SeatImportReply } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { importSeatList } from '../services/seat-import.ts';
import { csvBodyLimit, readCsvBody } from './csv-body.ts';

const ImportQuery = z.object({
  mode: z.enum(['merge', 'replace']).default('merge'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  assignedAt: Day.optional(),
});

const doc = describeRoute({
  summary: "Import a seat list exported from the vendor's admin console (dryRun=true previews it)",
  tags: ['seats'],
  description:
    'The email, last-active, status/billable and date-added columns are found by header name. Deactivated accounts, ' +
    'bots, free guests and non-billable rows are skipped with a reason per row. merge adds and updates; replace ' +
    'also removes seats missing from the file. A bad file is rejected whole (400 invalid_csv, with the row) and ' +
    'nothing is stored. At most 50,000 rows and 20 MB.',
  rawBody: {
    contentTypes: ['text/csv', 'multipart/form-data'],
    description: 'The CSV itself, or a form with the file in the field "file".',
  },
  responses: { 200: { description: 'What was (or, with dryRun, would be) changed.', schema: SeatImportReply } },
});

export function seatImportRoutes(deps: AppDeps) {
  const { now } = deps;
  return new Hono<AppEnv>().post(
    '/subscriptions/:id/seats/import',
    doc,
    requireRole('it'),
    csvBodyLimit(),
    validate('param', IdParam),
    validate('query', ImportQuery),
    async (c) => {
      const { id } = c.req.valid('param');
      const { mode, dryRun, assignedAt } = c.req.valid('query');
      const result = await importSeatList(deps, {
        subscriptionId: id,
        readFile: () => readCsvBody(c),
        mode,
        dryRun,
        actor: actorOf(c.get('principal')),
        today: utcDay(now()),
        assignedAt,
      });
      return c.json(result);
    },
  );
}
