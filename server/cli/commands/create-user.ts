// create-user: a dashboard login. The password comes from stdin (--password-stdin) or is generated and shown once.
import { randomBytes } from 'node:crypto';
import { CreateUserBody } from '../../contract.ts';
import { recordAudit } from '../../queries/audit.ts';
import { createUser, findUserByEmail, getUser } from '../../queries/users.ts';
import { readFlags, required, UsageError } from '../args.ts';
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
    if (await findUserByEmail(db, body.email)) throw new UsageError(`${body.email} already has a Seatwise login`);
    const created = await createUser(db, body.email, body.password, body.role);
    await recordAudit(db, {
      actor,
      action: 'user.create',
      subjectType: 'user',
      subjectId: created.id,
      after: await getUser(db, created.id),
    });
    note(`Created ${body.email} (${body.role}).`);
    if (generated) {
      note('Their first password, shown only now (they can change it after signing in):');
      out(password);
    }
  },
};
