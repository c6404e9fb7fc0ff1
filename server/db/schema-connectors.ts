// Connectors: a subscription tied to its vendor's SCIM 2.0 endpoint, and the record of every sync and vendor call.
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { reclaims, subscriptions } from './schema.ts';

export const connectors = sqliteTable('connectors', {
  id: integer().primaryKey({ autoIncrement: true }),
  /** One connector a subscription: it owns that seat list. */
  subscriptionId: integer('subscription_id')
    .notNull()
    .unique()
    .references(() => subscriptions.id, { onDelete: 'cascade' }),
  kind: text({ enum: ['scim2'] }).notNull(),
  baseUrl: text('base_url').notNull(),
  /** The vendor's bearer token, sealed with the secrets-at-rest key (field `connector.token`); never sent back. */
  token: text().notNull(),
  deprovision: text({ enum: ['none', 'deactivate', 'delete'] }).notNull(),
  /** 0: only on demand. */
  syncEveryHours: integer('sync_every_hours').notNull().default(24),
  /** A sync removing more than this share of the seats needs an explicit confirmation. */
  maxDeletionShare: real('max_deletion_share').notNull().default(0.2),
  lastSyncAt: integer('last_sync_at', { mode: 'timestamp_ms' }),
  lastSyncOutcome: text('last_sync_outcome', { enum: ['ok', 'failed', 'blocked'] }),
  lastSyncMessage: text('last_sync_message'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Every sync, preview, connection test and deprovision call, with its outcome and counts. */
export const connectorRuns = sqliteTable(
  'connector_runs',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    connectorId: integer('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['sync', 'preview', 'test', 'deprovision'] }).notNull(),
    outcome: text({ enum: ['ok', 'failed', 'blocked'] }).notNull(),
    actor: text().notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }).notNull(),
    /** Sync: {users, pages, added, updated, removed, skipped}; deprovision: {email, action}. */
    counts: text({ mode: 'json' }),
    vendorStatus: integer('vendor_status'),
    message: text(),
    reclaimId: integer('reclaim_id').references(() => reclaims.id, { onDelete: 'set null' }),
  },
  (t) => [index('connector_runs_connector_idx').on(t.connectorId, t.startedAt)],
);
