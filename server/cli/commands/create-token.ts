// create-token: an API token for automation, printed once on stdout so a script can capture it.
import { CreateApiTokenBody } from '../../contract.ts';
import { recordAudit } from '../../queries/audit.ts';
import { createApiToken } from '../../queries/tokens.ts';
import { readFlags, required } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';

export const createTokenCommand: Command = {
  name: 'create-token',
  summary: 'Create an API token with a role; the token is printed once',
  usage: 'create-token --name <name> --role <role>',
  async run({ db, out, note, actor }, argv) {
    const { values } = readFlags(argv, { name: { type: 'string' }, role: { type: 'string' } });
    const { name, role } = check(CreateApiTokenBody, {
      name: required(values.name, 'name'),
      role: required(values.role, 'role'),
    });
    const created = await createApiToken(db, name, role, null);
    await recordAudit(db, {
      actor,
      action: 'api_token.create',
      subjectType: 'api_token',
      subjectId: created.id,
      after: { name, role },
    });
    note(`API token "${name}" (${role}) created; it is shown only now. Send it as "Authorization: Bearer <token>".`);
    out(created.token);
  },
};
