// GET /people/:id/export: a subject access export of everything stored about one person, as JSON or one CSV (admin).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { PersonExport, PersonExportQuery } from '../contract.ts';
import { toCsv } from '../domain/csv-write.ts';
import { utcDay } from '../domain/days.ts';
import { exportFileName, exportTable } from '../domain/person-export.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { exportPersonData } from '../services/person-export.ts';

const doc = describeRoute({
  summary: 'Everything stored about one person, for a subject access request (JSON, or CSV with format=csv)',
  tags: ['people'],
  description:
    'Directory fields, their Seatwise account, devices (never token hashes), daily usage and upload days, seats, ' +
    'reclaims with their steps, vendor calls, emails sent to them, alerts, spend lines and ownerships naming them, ' +
    'and audit entries about them or naming their email. format=csv gives one table with a section column. ' +
    'Sent as an attachment; audited as person.exported (who and which person, none of the data).',
  responses: {
    200: { description: 'The export (JSON by default).', schema: PersonExport },
  },
});

export function personExportRoutes(deps: AppDeps) {
  const { now } = deps;
  return new Hono<AppEnv>().get(
    '/people/:id/export',
    doc,
    requireRole('admin'),
    validate('param', IdParam),
    validate('query', PersonExportQuery),
    async (c) => {
      const { id } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const data = await exportPersonData(deps, id, actorOf(c.get('principal')), now());
      c.header('Content-Disposition', `attachment; filename="${exportFileName(id, utcDay(now()), format)}"`);
      // A subject access export must not sit in a browser or proxy cache.
      c.header('Cache-Control', 'no-store');
      if (format === 'json') return c.json(data);
      const { header, rows } = exportTable(data);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(toCsv(header, rows));
    },
  );
}
