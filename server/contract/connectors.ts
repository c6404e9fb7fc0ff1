// Connectors (DESIGN section 8): a subscription's SCIM 2.0 endpoint, its syncs and vendor calls.
import { z } from 'zod';
import { SeatImportReply } from './inventory.ts';
import { oneLine } from './primitives.ts';

export const ConnectorDeprovision = z.enum(['none', 'deactivate', 'delete']);
export type ConnectorDeprovision = z.infer<typeof ConnectorDeprovision>;

const BaseUrl = oneLine({ min: 1, max: 2000 }).pipe(
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.vendor.com/scim/v2' }),
);
/** A bearer token: printable ASCII, no spaces (what an Authorization header carries). */
const Token = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'must be the token only: printable characters, no spaces');
const SyncEveryHours = z
  .number()
  .int()
  .min(0)
  .max(24 * 30);
const MaxDeletionShare = z.number().min(0).max(1);

export const CreateConnectorBody = z
  .object({
    subscriptionId: z.number().int().positive(),
    kind: z.literal('scim2'),
    baseUrl: BaseUrl,
    token: Token,
    deprovision: ConnectorDeprovision.default('none'),
    /** 0 syncs only on demand. */
    syncEveryHours: SyncEveryHours.default(24),
    maxDeletionShare: MaxDeletionShare.default(0.2),
  })
  .strict();
export type CreateConnectorBody = z.infer<typeof CreateConnectorBody>;

export const UpdateConnectorBody = z
  .object({
    baseUrl: BaseUrl,
    token: Token,
    deprovision: ConnectorDeprovision,
    syncEveryHours: SyncEveryHours,
    maxDeletionShare: MaxDeletionShare,
  })
  .partial()
  .strict();
export type UpdateConnectorBody = z.infer<typeof UpdateConnectorBody>;

export const TestConnectionBody = z.object({ baseUrl: BaseUrl, token: Token }).strict();

export const SyncOutcome = z.enum(['ok', 'failed', 'blocked']);

export const Connector = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int(),
  kind: z.literal('scim2'),
  baseUrl: z.string(),
  /** The token is write-only: only whether one is stored. */
  tokenSet: z.boolean(),
  deprovision: ConnectorDeprovision,
  syncEveryHours: z.number().int(),
  maxDeletionShare: z.number(),
  lastSyncAt: z.string().nullable(),
  lastSyncOutcome: SyncOutcome.nullable(),
  lastSyncMessage: z.string().nullable(),
  /** When the scheduler syncs next; null when it syncs only on demand. */
  nextSyncAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Connector = z.infer<typeof Connector>;

export const ConnectorRun = z.object({
  id: z.number().int(),
  connectorId: z.number().int(),
  kind: z.enum(['sync', 'preview', 'test', 'deprovision']),
  outcome: SyncOutcome,
  actor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  counts: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
  vendorStatus: z.number().int().nullable(),
  message: z.string().nullable(),
  reclaimId: z.number().int().nullable(),
});
export type ConnectorRun = z.infer<typeof ConnectorRun>;

export const ConnectorSyncReply = SeatImportReply.extend({
  /** Users the vendor listed, over how many pages. */
  users: z.number().int(),
  pages: z.number().int(),
  runId: z.number().int(),
});
export type ConnectorSyncReply = z.infer<typeof ConnectorSyncReply>;

export const ConnectionTest = z.object({
  ok: z.boolean(),
  /** totalResults of /Users, when the vendor answered. */
  users: z.number().int().nullable(),
  pageSize: z.number().int().nullable(),
  patchSupported: z.boolean().nullable(),
  vendorStatus: z.number().int().nullable(),
  message: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

/** Revoking every ready reclaim of one person (offboarding): what was revoked and what the vendors refused. */
export const RevokeAllReply = z.object({
  revoked: z.array(z.object({ reclaimId: z.number().int(), subscriptionName: z.string() })),
  failed: z.array(
    z.object({ reclaimId: z.number().int(), subscriptionName: z.string(), code: z.string(), message: z.string() }),
  ),
});
export type RevokeAllReply = z.infer<typeof RevokeAllReply>;
