// Merchant rules: which app a card or ledger merchant is. Finance owns spend (it holds the card and ledger exports
// and imports them), so finance and admins write the rules; everyone signed in reads them.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { CreateMerchantRuleBody, CreateMerchantRuleReply, MerchantRule } from '../contract.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { addMerchantRule, readMerchantRules, removeMerchantRule } from '../services/merchant-rules.ts';

const docs = {
  list: describeRoute({
    summary: 'The merchant rules admins and finance added',
    tags: ['spend'],
    responses: { 200: { description: 'By pattern.', schema: z.array(MerchantRule) } },
  }),
  create: describeRoute({
    summary: 'Say which app a merchant is; stored lines it now matches get the app',
    tags: ['spend'],
    description:
      'The pattern is compared word by word with the start of the merchant (after a processor prefix such as ' +
      'SQ * or PAYPAL *): "SLACK" matches "SLACK T0123ABC" but not "SLACKLINE OUTDOOR GMBH". Rules win over the ' +
      'shipped patterns. 409 when a rule with the same pattern exists.',
    responses: {
      201: { description: 'The rule and how many stored lines it matched.', schema: CreateMerchantRuleReply },
    },
  }),
  remove: describeRoute({
    summary: 'Delete a merchant rule (lines it matched keep their app)',
    tags: ['spend'],
    responses: { 200: { description: 'Deleted.', schema: z.object({ deleted: z.literal(true) }) } },
  }),
};

export function merchantRuleRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/merchant-rules', docs.list, requireSignedIn(), async (c) => c.json(await readMerchantRules(db)))
    .post('/merchant-rules', docs.create, requireRole('finance'), validate('json', CreateMerchantRuleBody), async (c) =>
      c.json(await addMerchantRule(deps, c.req.valid('json'), actorOf(c.get('principal'))), 201),
    )
    .delete('/merchant-rules/:id', docs.remove, requireRole('finance'), validate('param', IdParam), async (c) => {
      await removeMerchantRule(deps, c.req.valid('param').id, actorOf(c.get('principal')));
      return c.json({ deleted: true as const });
    });
}
