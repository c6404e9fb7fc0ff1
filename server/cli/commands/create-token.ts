// create-token: an API token for automation, printed once on stdout so a script can capture it.
import { CreateApiTokenBody } from '../../contract.ts';
import { createApiToken } from '../../services/api-tokens.ts';
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
    const token = await createApiToken(db, { name, role }, { actor, userId: null });
    note(`API token "${name}" (${role}) created; it is shown only now. Send it as "Authorization: Bearer <token>".`);
    out(token);
  },
};
