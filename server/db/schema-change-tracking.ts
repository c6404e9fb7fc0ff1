// Change tracking the database keeps itself, with triggers, whoever writes: the usage change log, from which every
// instance brings its in-memory reconciliation figures up to date by re-reading only what changed since it last
// looked (services/usage-index-cache.ts), and version counters for tables whose reads are cached whole.
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const usageChanges = sqliteTable('usage_changes', {
  /** Only grows (AUTOINCREMENT): an instance's cursor stays meaningful after old rows are pruned. */
  seq: integer().primaryKey({ autoIncrement: true }),
  /** Whose usage changed: a device id; the person is looked up when the change is read. Null with `reset`. */
  deviceId: text('device_id'),
  /** The app whose figures changed; null when only the upload day changed (a heartbeat) or with `reset`. */
  appId: text('app_id'),
  /** The day that changed; null with `reset`. */
  day: text(),
  /** Something moved usage between people or deleted it in bulk: every cached figure must be read again. */
  reset: integer({ mode: 'boolean' }).notNull().default(false),
  at: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
});

/**
 * Counters the database bumps on every write to what they name (`inventory`: subscriptions, seats, people, apps), so
 * a figure computed from those tables is reused until one of them changes.
 */
export const dataVersions = sqliteTable('data_versions', {
  name: text().primaryKey(),
  version: integer().notNull().default(0),
});
