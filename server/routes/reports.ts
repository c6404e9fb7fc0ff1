// /reports/*: the licence position and seat-level CSV, the audit log CSV, and renewals.ics for calendars (also at
// /renewals.ics).
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AppId, Day } from '../contract.ts';
import { toCsv } from '../domain/csv-write.ts';
import { utcDay } from '../domain/days.ts';
import { maskTable, maskValue } from '../domain/person-mask.ts';
import { auditTable, licencePositionTable, seatTable, type Table } from '../domain/report-tables.ts';
import { requireRole, requireSignedIn } from '../middleware/principal.ts';
import { personMaskOf } from '../middleware/pseudonymise.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { auditLogExport } from '../services/audit.ts';
import { renewalsCalendarFile } from '../services/renewals.ts';
import { licencePositionReport, seatReport } from '../services/reports.ts';
import { AuditQuery, actorAsShown } from './audit-filter.ts';

const AsOfQuery = z.object({ asOf: Day.optional() });
const SeatsQuery = z.object({
  asOf: Day.optional(),
  subscriptionId: z.coerce.number().int().positive().optional(),
  appId: AppId.optional(),
});

const csvDoc = (summary: string, description?: string) =>
  describeRoute({
    summary,
    tags: ['reports'],
    ...(description ? { description } : {}),
    responses: { 200: { description: 'A CSV file (UTF-8 with BOM, CRLF).', contentType: 'text/csv' } },
  });

const docs = {
  licencePosition: csvDoc(
    'Licence position per subscription as CSV: seats, statuses, utilization, reclaimable, costs, renewal',
    'The same figures as GET /reconciliation, as of asOf (default today). The last columns are for audit ' +
      "preparation: the contract reference, how many purchase records the subscription has, and its newest one's " +
      'file, row, quantity, total, currency and import time.',
  ),
  seats: csvDoc(
    'Every seat holder with status and last activity as CSV',
    'Optionally for one subscription (subscriptionId) or app (appId).',
  ),
  auditLog: csvDoc('The audit log as CSV, oldest first', 'Filters as GET /audit; before and after are JSON.'),
  renewals: describeRoute({
    summary: 'Renewal dates and notice deadlines as an iCalendar file',
    tags: ['reports'],
    description:
      'An all-day event per renewal and per notice deadline (renewal date minus notice days, with a reminder 7 ' +
      'days before); UIDs are stable per installation and subscription, whatever host name the file is fetched ' +
      'through.',
    responses: { 200: { description: 'An iCalendar (RFC 5545) file.', contentType: 'text/calendar' } },
  }),
};

function download(c: Context, name: string, day: string, type: string, body: string) {
  c.header('Content-Type', `${type}; charset=utf-8`);
  c.header(
    'Content-Disposition',
    `attachment; filename="seatwise-${name}-${day}.${type === 'text/csv' ? 'csv' : 'ics'}"`,
  );
  // Said here, not left to the /api default: a report holds people's data and must not sit in a browser or proxy
  // cache.
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}
/** A CSV file as the caller may see it: in works-council mode its people's names, too, are pseudonyms. */
function csvDownload(c: Context<AppEnv>, name: string, day: string, table: Table) {
  const mask = personMaskOf(c);
  const shown = mask ? maskTable(mask, table) : table;
  return download(c, name, day, 'text/csv', toCsv(shown.header, shown.rows));
}

export function reportRoutes({ db, now }: AppDeps) {
  return (
    new Hono<AppEnv>()
      .get(
        '/reports/licence-position.csv',
        docs.licencePosition,
        requireSignedIn(),
        validate('query', AsOfQuery),
        async (c) => {
          const asOf = c.req.valid('query').asOf ?? utcDay(now());
          const { rows, purchases } = await licencePositionReport(db, asOf);
          return csvDownload(c, 'licence-position', asOf, licencePositionTable(rows, purchases));
        },
      )
      .get('/reports/seats.csv', docs.seats, requireSignedIn(), validate('query', SeatsQuery), async (c) => {
        const query = c.req.valid('query');
        const asOf = query.asOf ?? utcDay(now());
        const entries = await seatReport(db, query, asOf, utcDay(now()));
        return csvDownload(c, 'seats', asOf, seatTable(entries));
      })
      .get(
        '/reports/audit-log.csv',
        docs.auditLog,
        requireRole('finance'),
        validate('query', AuditQuery),
        async (c) => {
          const mask = personMaskOf(c);
          const query = actorAsShown(mask, c.req.valid('query'));
          const entries = query ? await auditLogExport(db, query) : [];
          const shown = mask ? (maskValue(mask, entries) as typeof entries) : entries;
          return csvDownload(c, 'audit-log', utcDay(now()), auditTable(shown));
        },
      )
      // /renewals.ics is the path DESIGN.md names; /reports/renewals.ics sits beside the other downloads.
      .on('GET', ['/renewals.ics', '/reports/renewals.ics'], docs.renewals, requireSignedIn(), async (c) => {
        const today = utcDay(now());
        return download(c, 'renewals', today, 'text/calendar', await renewalsCalendarFile(db, now(), today));
      })
  );
}
