// create-user: a dashboard login. The password comes from stdin (--password-stdin) or is generated and shown once.
import { randomBytes } from 'node:crypto';
import { CreateUserBody } from '../../contract.ts';
import { addUser } from '../../services/users.ts';
import { readFlags, refusedAsUsage, required } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';

export const createUserCommand: Command = {
  name: 'create-user',
  summary: 'Add a dashboard user (admin, it, finance or viewer)',
  usage: 'create-user --email <email> --role <role> [--password-stdin]',
  async run({ db, out, note, readStdin, actor }, argv) {
    const { values } = readFlags(argv, {
      email: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    });
    const generated = !values['password-stdin'];
    const password = generated ? randomBytes(18).toString('base64url') : (await readStdin()).replace(/\r?\n$/, '');
    const body = check(CreateUserBody, {
      email: required(values.email, 'email'),
      role: required(values.role, 'role'),
      password,
    });
    await refusedAsUsage(() => addUser(db, body, actor));
    note(`Created ${body.email} (${body.role}).`);
    if (generated) {
      note('Their first password, shown only now (they can change it after signing in):');
      out(password);
    }
  },
};
