// POST /subscriptions/import: a contract or procurement register becomes subscriptions (dryRun=true previews it).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { ContractImportQuery, ContractImportReply } from '../contract.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { importContractRegister } from '../services/contract-import.ts';
import { csvBodyLimit, readCsvBody } from './csv-body.ts';

const doc = describeRoute({
  summary: 'Import a contract register or procurement export as subscriptions (dryRun=true previews it)',
  tags: ['subscriptions'],
  description:
    'One row per contract line: vendor or app, plan or product, quantity, unit price, annual value, monthly value ' +
    'or line total, currency, billing period, term, start, end or renewal date, auto-renew, notice days, owner, ' +
    'department and a contract or PO reference, found by header name (docs/contract-import.md lists them). The app ' +
    "is matched by id, name, domain or vendor name (shipped legal names and the admins' vendor aliases); lines " +
    'whose vendor matches no app, or several that the product does not choose between, are listed as unmatched, ' +
    'not guessed. A line with the reference, app and plan of a subscription updates it. Each added or updated line ' +
    'leaves a purchase record. A bad file is rejected whole (400 invalid_csv, with the row and column) and nothing ' +
    'is stored. At most 50,000 rows and 20 MB.',
  rawBody: {
    contentTypes: ['text/csv', 'multipart/form-data'],
    description: 'The CSV itself, or a form with the file in the field "file".',
  },
  responses: { 200: { description: 'What was (or, with dryRun, would be) changed.', schema: ContractImportReply } },
});

export function contractImportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/subscriptions/import',
    doc,
    requireRole('finance'),
    csvBodyLimit(),
    validate('query', ContractImportQuery),
    async (c) => {
      const { dryRun, fileName } = c.req.valid('query');
      const result = await importContractRegister(deps, {
        readFile: () => readCsvBody(c),
        dryRun,
        actor: actorOf(c.get('principal')),
        fileName: fileName ?? null,
      });
      return c.json(result);
    },
  );
}
