// Spend lines and merchant rules: which line keys are stored, saving an import's lines with its audit entry, the
// lines of a period, the unmatched lines, and the rules admins add to match merchants to apps.
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apps, merchantRules, spendLines } from '../db/schema.ts';
import type { SpendLine } from '../domain/spend-import.ts';
import { type AuditEntry, recordAudit } from './audit.ts';
import { cell, jsonValues } from './json-values.ts';

const KEY_CHUNK = 500;

/** Which of `keys` are already stored. */
export async function storedLineKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const rows = await db
      .select({ key: spendLines.lineKey })
      .from(spendLines)
      .where(inArray(spendLines.lineKey, keys.slice(i, i + KEY_CHUNK)));
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/** Stores the lines (a key already there is left alone) and the audit entry, in one transaction. */
export async function saveSpendLines(
  db: Db,
  lines: readonly SpendLine[],
  meta: { source: string; importedBy: string },
  audit: AuditEntry,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (lines.length > 0) {
      const values = jsonValues(
        lines.map((l) => [l.lineKey, l.day, l.merchant, l.amount, l.currency, l.email, l.memo, l.appId]),
      );
      await tx.run(
        sql`insert into ${spendLines}
              (line_key, day, merchant, amount, currency, email, memo, app_id, source, imported_by)
            select ${cell(0)}, ${cell(1)}, ${cell(2)}, ${cell(3)}, ${cell(4)}, ${cell(5)}, ${cell(6)}, ${cell(7)},
              ${meta.source}, ${meta.importedBy}
            from ${values} where true on conflict (line_key) do nothing`,
      );
    }
    await recordAudit(tx, audit);
  });
}

export type StoredSpendLine = {
  id: number;
  day: string;
  merchant: string;
  amount: number;
  currency: string;
  email: string | null;
  appId: string | null;
};

const lineColumns = {
  id: spendLines.id,
  day: spendLines.day,
  merchant: spendLines.merchant,
  amount: spendLines.amount,
  currency: spendLines.currency,
  email: spendLines.email,
  appId: spendLines.appId,
};

/** Matched lines from `from` to `to` (days, inclusive), of one app when given; oldest first. */
export async function listMatchedLines(
  db: Db,
  period: { from: string; to: string },
  appId?: string,
): Promise<StoredSpendLine[]> {
  return db
    .select(lineColumns)
    .from(spendLines)
    .where(
      and(
        appId === undefined ? isNotNull(spendLines.appId) : eq(spendLines.appId, appId),
        gte(spendLines.day, period.from),
        lte(spendLines.day, period.to),
      ),
    )
    .orderBy(asc(spendLines.day), asc(spendLines.id));
}

/** Lines no rule matched yet, oldest first. */
export async function listUnmatchedLines(db: Db): Promise<StoredSpendLine[]> {
  return db
    .select(lineColumns)
    .from(spendLines)
    .where(isNull(spendLines.appId))
    .orderBy(asc(spendLines.day), asc(spendLines.id));
}

export type StoredMerchantRule = { id: number; pattern: string; appId: string; createdBy: string; createdAt: Date };

export async function listMerchantRules(db: Db): Promise<StoredMerchantRule[]> {
  return db.select().from(merchantRules).orderBy(asc(merchantRules.pattern));
}

export async function getMerchantRule(db: Db, id: number): Promise<StoredMerchantRule | null> {
  const [row] = await db.select().from(merchantRules).where(eq(merchantRules.id, id));
  return row ?? null;
}

/**
 * Adds the rule and gives its app to the unmatched lines it now matches, with the audit entry, in one transaction.
 * Null when a rule with that pattern exists.
 */
export async function saveMerchantRule(
  db: Db,
  rule: { pattern: string; appId: string; createdBy: string },
  matchedLineIds: readonly number[],
  audit: (id: number) => AuditEntry,
): Promise<StoredMerchantRule | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(merchantRules).values(rule).onConflictDoNothing().returning();
    if (!row) return null;
    for (let i = 0; i < matchedLineIds.length; i += KEY_CHUNK) {
      await tx
        .update(spendLines)
        .set({ appId: rule.appId })
        .where(and(isNull(spendLines.appId), inArray(spendLines.id, matchedLineIds.slice(i, i + KEY_CHUNK))));
    }
    await recordAudit(tx, audit(row.id));
    return row;
  });
}

export async function deleteMerchantRule(db: Db, id: number, audit: AuditEntry): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(merchantRules).where(eq(merchantRules.id, id)).returning({ id: merchantRules.id });
    if (deleted.length === 0) return false;
    await recordAudit(tx, audit);
    return true;
  });
}

/** Names of the apps, for the replies. */
export async function appNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: apps.id, name: apps.name }).from(apps);
  return new Map(rows.map((r) => [r.id, r.name]));
}
