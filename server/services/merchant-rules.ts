// Merchant rules: admins and finance say which app a merchant descriptor is (`BLUE BOTTLE` -> no app, `FIGMA` ->
// figma). Adding one gives its app to the stored lines it now matches, so mapping an unmatched merchant from the
// dashboard moves its lines at once; deleting one leaves the lines it matched as they are.
import type { CreateMerchantRuleBody, CreateMerchantRuleReply, MerchantRule } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { matchMerchant, normalisePattern } from '../domain/merchant-match.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { getApp } from '../queries/apps.ts';
import {
  deleteMerchantRule,
  getMerchantRule,
  listMerchantRules,
  listUnmatchedLines,
  type StoredMerchantRule,
  saveMerchantRule,
} from '../queries/spend.ts';
import { announceChange, type JobRequests } from './changes.ts';

const toRule = (row: StoredMerchantRule): MerchantRule => ({ ...row, createdAt: row.createdAt.toISOString() });

export async function readMerchantRules(db: Db): Promise<MerchantRule[]> {
  return (await listMerchantRules(db)).map(toRule);
}

export async function addMerchantRule(
  deps: { db: Db; jobs?: JobRequests | undefined },
  body: CreateMerchantRuleBody,
  actor: string,
): Promise<CreateMerchantRuleReply> {
  const { db } = deps;
  const pattern = normalisePattern(body.pattern);
  if (pattern === '') throw badRequest('invalid_request', 'pattern: must hold a letter or digit.');
  if (!(await getApp(db, body.appId))) throw notFound(`The app "${body.appId}"`);
  const rule = { pattern, appId: body.appId, source: 'rule' as const };
  const lineIds = (await listUnmatchedLines(db))
    .filter((line) => matchMerchant(line.merchant, [rule]) !== null)
    .map((line) => line.id);
  const saved = await saveMerchantRule(db, { pattern, appId: body.appId, createdBy: actor }, lineIds, (id) => ({
    actor,
    action: 'merchant_rule.create',
    subjectType: 'merchant_rule',
    subjectId: id,
    after: { pattern, appId: body.appId, rematchedLines: lineIds.length },
  }));
  if (!saved) throw conflict('merchant_rule_exists', `A merchant rule for "${pattern}" exists; delete it first.`);
  announceChange(deps, 'spend');
  return { rule: toRule(saved), rematched: lineIds.length };
}

export async function removeMerchantRule(
  deps: { db: Db; jobs?: JobRequests | undefined },
  id: number,
  actor: string,
): Promise<void> {
  const { db } = deps;
  const rule = await getMerchantRule(db, id);
  if (!rule) throw notFound('The merchant rule');
  const deleted = await deleteMerchantRule(db, id, {
    actor,
    action: 'merchant_rule.delete',
    subjectType: 'merchant_rule',
    subjectId: id,
    before: { pattern: rule.pattern, appId: rule.appId },
  });
  if (!deleted) throw notFound('The merchant rule');
  announceChange(deps, 'spend');
}
