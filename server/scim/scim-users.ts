// The SCIM operations a connector performs: read the vendor's page size, read every page of /Users, find one user by
// email with `eq` filters only, and deactivate (PatchOp, falling back to the forms vendors insist on) or delete it.
import { pageSizeFrom, readListPage, type ScimUserResource } from '../domain/scim/list-response.ts';
import { afterPage, firstPage, nextRequest } from '../domain/scim/paging.ts';
import { deactivateMessage, eqFilter, PATCH_FORMS } from '../domain/scim/patch-message.ts';
import { ScimCallError, type ScimClient } from './scim-client.ts';

export const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1_000;

/** A page of the user list failed: nothing of the sync may be stored. `page` is 1-based. */
export class PageFailed extends Error {
  override name = 'PageFailed';
  constructor(
    readonly page: number,
    readonly reason: string,
    readonly status: number | null,
  ) {
    super(`page ${page} of the vendor's user list failed: ${reason}`);
  }
}

/** /ServiceProviderConfig, or null when the vendor does not offer it. */
export async function readServiceProviderConfig(client: ScimClient): Promise<unknown | null> {
  try {
    return (await client.request('GET', '/ServiceProviderConfig')).body;
  } catch (error) {
    if (error instanceof ScimCallError && error.status !== null && [404, 405, 501].includes(error.status)) return null;
    throw error;
  }
}

export async function readAllUsers(client: ScimClient): Promise<{ users: ScimUserResource[]; pages: number }> {
  const config = await readServiceProviderConfig(client).catch((error: unknown) => {
    throw new PageFailed(
      1,
      `/ServiceProviderConfig: ${(error as Error).message}`,
      (error as ScimCallError).status ?? null,
    );
  });
  const pageSize = pageSizeFrom(config, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const users: ScimUserResource[] = [];
  let state = firstPage();
  for (;;) {
    const next = nextRequest(state, pageSize);
    if (next.done) break;
    const page = state.pages + 1;
    let body: unknown;
    try {
      ({ body } = await client.request('GET', '/Users', {
        query: { startIndex: String(next.startIndex), count: String(next.count) },
      }));
    } catch (error) {
      throw new PageFailed(page, (error as Error).message, error instanceof ScimCallError ? error.status : null);
    }
    const reading = readListPage(body);
    if (!reading.ok) throw new PageFailed(page, `not a SCIM ListResponse (${reading.problem})`, null);
    users.push(...reading.page.Resources);
    const after = afterPage(state, reading.page.Resources.length, reading.page.totalResults);
    state = after;
    if (after.done) break;
  }
  return { users, pages: state.pages };
}

/** The vendor's id of the user with this email: by userName, then by emails.value; null when neither finds one. */
export async function findUserId(client: ScimClient, email: string): Promise<string | null> {
  for (const attribute of ['userName', 'emails.value'] as const) {
    let body: unknown;
    try {
      ({ body } = await client.request('GET', '/Users', { query: { filter: eqFilter(attribute, email) } }));
    } catch (error) {
      // A vendor that cannot filter on this attribute answers 400: try the next one.
      if (error instanceof ScimCallError && error.status === 400) continue;
      throw error;
    }
    const reading = readListPage(body);
    if (!reading.ok) throw new ScimCallError(`the vendor's search answer is malformed (${reading.problem})`, null);
    const found = reading.page.Resources[0];
    if (found) return found.id;
  }
  return null;
}

export type Deprovisioned = { outcome: 'done' | 'already_gone'; status: number; detail: string };

/**
 * Deactivates (PATCH active=false) or deletes the user. 2xx is done, 404 already gone; anything else throws the
 * vendor's answer. A PATCH refused with 400 is tried in the vendor forms before giving up.
 */
export async function deprovisionUser(
  client: ScimClient,
  email: string,
  action: 'deactivate' | 'delete',
): Promise<Deprovisioned> {
  const id = await findUserId(client, email);
  if (id === null) return { outcome: 'already_gone', status: 404, detail: `no user ${email} at the vendor` };
  const path = `/Users/${encodeURIComponent(id)}`;
  const gone = (error: unknown) => error instanceof ScimCallError && error.status === 404;
  const unsupported = (error: unknown) => error instanceof ScimCallError && [405, 501].includes(error.status ?? 0);
  if (action === 'delete') {
    try {
      const reply = await client.request('DELETE', path);
      return { outcome: 'done', status: reply.status, detail: `deleted ${email}` };
    } catch (error) {
      if (gone(error)) return { outcome: 'already_gone', status: 404, detail: `${email} was already gone` };
      if (unsupported(error))
        throw new ScimCallError(
          `${(error as Error).message}; this vendor does not delete users over SCIM: set the connector to deactivate`,
          (error as ScimCallError).status,
        );
      throw error;
    }
  }
  let last: unknown = null;
  for (const form of PATCH_FORMS) {
    try {
      const reply = await client.request('PATCH', path, { body: deactivateMessage(form) });
      return { outcome: 'done', status: reply.status, detail: `deactivated ${email} (${form} PatchOp)` };
    } catch (error) {
      if (gone(error)) return { outcome: 'already_gone', status: 404, detail: `${email} was already gone` };
      if (unsupported(error))
        throw new ScimCallError(
          `${(error as Error).message}; this vendor does not PATCH users over SCIM: set the connector to delete`,
          (error as ScimCallError).status,
        );
      last = error;
      if (!(error instanceof ScimCallError && error.status === 400)) throw error;
    }
  }
  throw last;
}
