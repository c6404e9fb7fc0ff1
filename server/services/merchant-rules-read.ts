// The rules a spend line's merchant is matched with: the admins' merchant rules, then the shipped patterns of the
// catalog apps this instance has.
import { MERCHANT_PATTERNS } from '../catalog/merchant-patterns.ts';
import type { Db } from '../db/client.ts';
import { type MerchantRule, normalisePattern } from '../domain/merchant-match.ts';
import { appNames, listMerchantRules } from '../queries/spend.ts';

export async function loadMatchRules(db: Db): Promise<{ rules: MerchantRule[]; names: Map<string, string> }> {
  const [stored, names] = await Promise.all([listMerchantRules(db), appNames(db)]);
  const rules: MerchantRule[] = stored.map((r) => ({ pattern: r.pattern, appId: r.appId, source: 'rule' }));
  for (const entry of MERCHANT_PATTERNS) {
    if (!names.has(entry.appId)) continue;
    for (const pattern of entry.patterns) {
      rules.push({ pattern: normalisePattern(pattern), appId: entry.appId, source: 'catalog' });
    }
  }
  return { rules, names };
}
