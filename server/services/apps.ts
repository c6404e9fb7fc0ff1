// Apps as IT changes them: custom apps and edits, each domain owned by one app (else matching is ambiguous); every
// write is audited and announced.
import type { z } from 'zod';
import type { App, CreateAppBody, UpdateAppBody } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import { findDomainOwner, getApp, listApps, saveAppChanges, saveNewApp } from '../queries/apps.ts';
import { recordAudit } from '../queries/audit.ts';
import { announceChange, type JobRequests } from './changes.ts';

type WriteDeps = { db: Db; now: () => Date; jobs?: JobRequests | undefined };

export { listApps };

/** `Acme Wiki!` -> `acme-wiki`. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63) || 'app';

async function requireFreeDomains(db: Db, domains: string[], appId?: string): Promise<void> {
  const taken = await findDomainOwner(db, domains, appId);
  if (taken) throw conflict('domain_taken', `${taken.domain} already belongs to the app "${taken.appId}".`);
}

/** Adds a custom app; its id is the one asked for or made from its name. */
export async function addCustomApp(deps: WriteDeps, body: z.output<typeof CreateAppBody>, actor: string): Promise<App> {
  const { db } = deps;
  const id = body.id ?? slugOf(body.name);
  await requireFreeDomains(db, body.domains);
  const created = await saveNewApp(db, {
    id,
    name: body.name,
    domains: body.domains,
    category: body.category ?? null,
    status: body.status,
    ownerEmail: body.ownerEmail ?? null,
  });
  if (!created) throw conflict('app_exists', `An app with the id "${id}" exists already; choose another id.`);
  await recordAudit(db, { actor, action: 'app.create', subjectType: 'app', subjectId: id, after: created });
  announceChange(deps, 'apps');
  return created;
}

export async function changeApp(deps: WriteDeps, id: string, changes: UpdateAppBody, actor: string): Promise<App> {
  const { db, now } = deps;
  const before = await getApp(db, id);
  if (!before) throw notFound('The app');
  if (changes.domains) await requireFreeDomains(db, changes.domains, id);
  const after = await saveAppChanges(db, id, changes, now());
  // Deleted between the read and the write: the same answer as if it had gone before.
  if (!after) throw notFound('The app');
  await recordAudit(db, { actor, action: 'app.update', subjectType: 'app', subjectId: id, before, after });
  announceChange(deps, 'apps');
  return after;
}
