// Spend: importing card, expense and ledger exports (dryRun previews), what was paid per app against the contract,
// and the merchants no rule matched.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Currency, MerchantTotal, SpendImportReply, SpendQuery, SpendReport } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { listUnmatchedMerchants, readPaidSpend } from '../services/spend.ts';
import { importSpend } from '../services/spend-import.ts';
import { csvBodyLimit, readCsvBody } from './csv-body.ts';

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  currency: Currency.optional(),
});

const docs = {
  import: describeRoute({
    summary: 'Import a card, expense or ledger export (dryRun=true previews it)',
    tags: ['spend'],
    description:
      'Expensify, Ramp, Brex, QuickBooks Online and NetSuite exports are told apart by their headers; any other file ' +
      'with date, merchant (or vendor, payee, name) and amount (or debit and credit) columns is read as generic. ' +
      'Each line is matched to an app by its merchant (FIGMA*, SLACK T0123ABC, ATLASSIAN...) with the merchant rules ' +
      'and the shipped patterns. Lines are keyed, so importing the same file twice adds nothing. currency= is the ' +
      'currency of a file with no currency column. A bad file is rejected whole (400 invalid_csv, with the row) and ' +
      'nothing is stored. At most 50,000 rows and 20 MB.',
    rawBody: {
      contentTypes: ['text/csv', 'multipart/form-data'],
      description: 'The CSV itself, or a form with the file in the field "file".',
    },
    responses: { 200: { description: 'What was (or, with dryRun, would be) stored.', schema: SpendImportReply } },
  }),
  read: describeRoute({
    summary: 'Paid spend per app and currency against the subscriptions’ annual cost',
    tags: ['spend'],
    description:
      'The period is from..to (days, inclusive); by default the 365 days ending today. annualised = paid x 365 / ' +
      'days in the period. priceRise: the latest charge more than 2% above the charge before it from the same payer. ' +
      'doubleBilling: two or more charges in one billing period (month, or year for annual subscriptions) adding up ' +
      'to more than 2% above the contract for that period.',
    responses: { 200: { description: 'By app name, then currency.', schema: SpendReport } },
  }),
  unmatched: describeRoute({
    summary: 'Merchants of stored spend lines that no rule matches, for review',
    tags: ['spend'],
    responses: { 200: { description: 'Largest total first.', schema: z.array(MerchantTotal) } },
  }),
};

export function spendRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .post(
      '/spend/import',
      docs.import,
      requireRole('finance'),
      csvBodyLimit(),
      validate('query', ImportQuery),
      async (c) => {
        const { dryRun, currency } = c.req.valid('query');
        const file = await readCsvBody(c);
        return c.json(
          await importSpend(deps, { file, currency: currency ?? null, dryRun, actor: actorOf(c.get('principal')) }),
        );
      },
    )
    .get('/spend', docs.read, requireSignedIn(), validate('query', SpendQuery), async (c) =>
      c.json(await readPaidSpend(db, c.req.valid('query'), utcDay(now()))),
    )
    .get('/spend/unmatched', docs.unmatched, requireSignedIn(), async (c) => c.json(await listUnmatchedMerchants(db)));
}
