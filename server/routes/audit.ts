// The audit trail as JSON: who changed what and when, with the state before and after, filtered and paged.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AuditList, Day } from '../contract.ts';
import { requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { listAudit } from '../queries/audit-list.ts';

const Text = z.string().trim().min(1).max(200);

/** Filters shared with the CSV export: a day range (UTC, both ends included), an action ("seat.*" for a family), actor and subject. */
const AuditFilter = z.object({
  from: Day.optional(),
  to: Day.optional(),
  action: Text.optional(),
  actor: Text.optional(),
  subjectType: Text.optional(),
  subjectId: Text.optional(),
});
const rangeInOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const RANGE_PROBLEM = { message: 'must not be after to', path: ['from'] };

export const AuditQuery = AuditFilter.refine(rangeInOrder, RANGE_PROBLEM);
const AuditPageQuery = AuditFilter.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
}).refine(rangeInOrder, RANGE_PROBLEM);

const doc = describeRoute({
  summary: 'The audit log, newest first: who, when, what, before and after',
  tags: ['audit'],
  description:
    'Filter by from/to (days, UTC, inclusive), action (exact, or "seat.*" for a family), actor, subjectType and subjectId; page with limit and offset.',
  responses: { 200: { description: 'A page of entries and the total that match.', schema: AuditList } },
});

export function auditRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get('/audit', doc, requireRole('finance'), validate('query', AuditPageQuery), async (c) =>
    c.json(await listAudit(db, c.req.valid('query'))),
  );
}
