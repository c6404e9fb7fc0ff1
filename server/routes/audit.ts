// The audit trail as JSON: who changed what and when, with the state before and after, filtered and paged.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AuditList } from '../contract.ts';
import { requireRole } from '../middleware/principal.ts';
import { personMaskOf } from '../middleware/pseudonymise.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { listAudit } from '../services/audit.ts';
import { AuditPageQuery, actorAsShown } from './audit-filter.ts';

const doc = describeRoute({
  summary: 'The audit log, newest first: who, when, what, before and after',
  tags: ['audit'],
  description:
    'Filter by from/to (days, UTC, inclusive), action (exact, or "seat.*" for a family), actor, subjectType and ' +
    'subjectId; page with limit and offset.',
  responses: { 200: { description: 'A page of entries and the total that match.', schema: AuditList } },
});

export function auditRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get('/audit', doc, requireRole('finance'), validate('query', AuditPageQuery), async (c) => {
    const query = actorAsShown(personMaskOf(c), c.req.valid('query'));
    return c.json(query ? await listAudit(db, query) : { total: 0, entries: [] });
  });
}
