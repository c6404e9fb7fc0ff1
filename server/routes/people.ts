// People: the directory (search, filter, page), one person, and the HR/directory CSV import.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { PeopleImportReply, Person, PersonList, PersonStatus } from '../contract.ts';
import { utcDay } from '../domain/days.ts';
import { IdParam } from '../middleware/params.ts';
import { actorOf, requireRole, requireSignedIn } from '../middleware/principal.ts';
import { personMaskOf } from '../middleware/pseudonymise.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { listDirectory, readPerson } from '../services/people.ts';
import { importPeopleList } from '../services/people-import.ts';
import { csvBodyLimit, readCsvBody } from './csv-body.ts';

const PeopleQuery = z.object({
  search: z.string().trim().min(1).max(200).optional(),
  department: z.string().trim().min(1).max(200).optional(),
  status: PersonStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const ImportQuery = z.object({
  mode: z.enum(['merge', 'replace']).default('merge'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

const docs = {
  list: describeRoute({
    summary: 'People with their department, status, devices and seats (search matches email or name)',
    tags: ['people'],
    responses: { 200: { description: 'Ordered by email.', schema: PersonList } },
  }),
  get: describeRoute({
    summary: 'One person',
    tags: ['people'],
    responses: { 200: { description: 'The person.', schema: Person } },
  }),
  import: describeRoute({
    summary: 'Import people from an HR or directory export (dryRun=true previews it)',
    tags: ['people'],
    description:
      'Columns are found by header name: email, name (or first + last name), department, location or cost centre, ' +
      'manager email, status, start and end dates. A leaver status or an end date before today marks the person as ' +
      'left. merge adds and updates the people in the file; replace also marks active people missing from the file ' +
      'as left. Nobody is deleted. A bad file is rejected whole (400 invalid_csv, with the row). ' +
      'At most 50,000 rows and 20 MB.',
    rawBody: {
      contentTypes: ['text/csv', 'multipart/form-data'],
      description: 'The CSV itself, or a form with the file in the field "file".',
    },
    responses: { 200: { description: 'What was (or, with dryRun, would be) changed.', schema: PeopleImportReply } },
  }),
};

export function peopleRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .get('/people', docs.list, requireSignedIn(), validate('query', PeopleQuery), async (c) =>
      c.json(await listDirectory(db, c.req.valid('query'), personMaskOf(c))),
    )
    .get('/people/:id', docs.get, requireSignedIn(), validate('param', IdParam), async (c) =>
      c.json(await readPerson(db, c.req.valid('param').id)),
    )
    .post(
      '/people/import',
      docs.import,
      requireRole('it'),
      csvBodyLimit(),
      validate('query', ImportQuery),
      async (c) => {
        const { mode, dryRun } = c.req.valid('query');
        const result = await importPeopleList(deps, {
          file: await readCsvBody(c),
          mode,
          dryRun,
          actor: actorOf(c.get('principal')),
          today: utcDay(now()),
          now: now(),
        });
        return c.json(result);
      },
    );
}
