// The audit log's query filters, shared by GET /audit and its CSV export: a day range (UTC, both ends included), an
// action ("seat.*" for a family), actor and subject.
import { z } from 'zod';
import { Day } from '../contract.ts';

const Text = z.string().trim().min(1).max(200);

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
export const AuditPageQuery = AuditFilter.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
}).refine(rangeInOrder, RANGE_PROBLEM);

/**
 * Works-council mode: the actor filter goes by the email the caller sees (`user:person-…@pseudonymised.invalid`), and
 * a hidden person's own email matches nothing (null), so a filter cannot confirm who a pseudonym is.
 */
export function actorAsShown<Q extends { actor?: string | undefined }>(
  mask: { realEmail: (shown: string) => string | null } | null,
  query: Q,
): Q | null {
  if (!mask || !query.actor?.includes('@')) return query;
  const [kind, ...rest] = query.actor.split(':');
  const real = mask.realEmail(rest.join(':'));
  return real === null ? null : { ...query, actor: `${kind}:${real}` };
}
