// API tokens for automation: made for a role on behalf of a user, listed with the role they act with now, revoked.
import { hashToken, newSecretToken } from '../auth/secret-token.ts';
import { tokenActsAs } from '../auth/token-role.ts';
import type { ApiTokenInfo, Role } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import * as tokens from '../queries/tokens.ts';
import { stampsWritten } from './principals.ts';

/** Who asks for a change: how the audit log names them, and the user it is made for (null: the command line). */
export type Requester = { actor: string; userId: number | null };

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The new token's secret, shown this once; only its hash is stored. */
export async function createApiToken(db: Db, input: { name: string; role: Role }, by: Requester): Promise<string> {
  const token = newSecretToken('api');
  const id = await tokens.createApiToken(db, { ...input, tokenHash: hashToken(token), createdBy: by.userId });
  await recordAudit(db, {
    actor: by.actor,
    action: 'api_token.create',
    subjectType: 'api_token',
    subjectId: id,
    after: input,
  });
  return token;
}

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  await stampsWritten(db);
  return (await tokens.listApiTokens(db)).map((token) => ({
    id: token.id,
    name: token.name,
    role: token.role,
    createdBy: token.maker.email,
    actsAs: tokenActsAs(token, token.maker),
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: iso(token.lastUsedAt),
    revokedAt: iso(token.revokedAt),
  }));
}

export async function revokeApiToken(deps: { db: Db; now: () => Date }, id: number, actor: string): Promise<void> {
  const { db } = deps;
  if (!(await tokens.revokeApiToken(db, id, deps.now()))) throw notFound('A live API token with this id');
  await recordAudit(db, { actor, action: 'api_token.revoke', subjectType: 'api_token', subjectId: id });
}
