// Opens a connector's SCIM client: its sealed token, the server's connector settings, one deadline for the job.
import type { Connector } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { Conflict } from '../errors.ts';
import { openConnectorToken } from '../queries/connectors.ts';
import { type ConnectorSettings, DEFAULT_CONNECTOR_SETTINGS } from '../scim/connector-settings.ts';
import { createScimClient, type ScimClient } from '../scim/scim-client.ts';

export type ConnectorDeps = { db: Db; now: () => Date; connectors?: ConnectorSettings | undefined };

export function scimClientFor(deps: ConnectorDeps, baseUrl: string, token: string): ScimClient {
  const settings = deps.connectors ?? DEFAULT_CONNECTOR_SETTINGS;
  return createScimClient({
    baseUrl,
    token,
    allowPrivate: settings.allowPrivate,
    requestTimeoutMs: settings.requestTimeoutMs,
    // The real clock, not the app's (tests fix that one): a deadline is about time passing.
    deadline: Date.now() + settings.deadlineMs,
    attempts: settings.attempts,
    backoffBaseMs: settings.backoffBaseMs,
    maxWaitMs: settings.maxWaitMs,
  });
}

export async function clientOfConnector(deps: ConnectorDeps, connector: Connector): Promise<ScimClient> {
  const token = await openConnectorToken(deps.db, connector.id);
  if (token === null)
    throw new Conflict(
      'connector_token_missing',
      'This connector has no token (it was dropped with a lost secret key): enter the vendor token again.',
    );
  return scimClientFor(deps, connector.baseUrl, token);
}

/** "waited 2 s after 429 (Retry-After)" for each retry, for the run's message. */
export function retrySummary(client: ScimClient): string {
  if (client.retries.length === 0) return '';
  const notes = client.retries.map(
    (r) =>
      `waited ${Math.round(r.waitedMs / 100) / 10} s after ${r.status ?? 'no answer'}` +
      (r.retryAfter ? ' (Retry-After)' : ''),
  );
  return ` Retries: ${notes.join('; ')}.`;
}
