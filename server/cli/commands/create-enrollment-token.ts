// create-enrollment-token: the secret IT puts in the extension policy so devices can enroll.
import { CreateEnrollmentTokenBody } from '../../contract.ts';
import { createEnrollmentToken } from '../../services/enrollment-tokens.ts';
import { readFlags, refusedAsUsage } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';

export const createEnrollmentTokenCommand: Command = {
  name: 'create-enrollment-token',
  summary: 'Create an enrollment token for the extension policy; printed once',
  usage: 'create-enrollment-token [--label <label>] [--expires-at <day or timestamp>] [--max-devices <n>]',
  async run({ db, now, out, note, actor }, argv) {
    const { values } = readFlags(argv, {
      label: { type: 'string' },
      'expires-at': { type: 'string' },
      'max-devices': { type: 'string' },
    });
    const maxDevices = values['max-devices'] === undefined ? undefined : Number(values['max-devices']);
    const body = check(CreateEnrollmentTokenBody, { label: values.label, expiresAt: values['expires-at'], maxDevices });
    const token = await refusedAsUsage(() => createEnrollmentToken({ db, now }, body, { actor, userId: null }));
    note('Enrollment token created; it is shown only now. Put it in the extension policy as "enrollmentToken".');
    out(token);
  },
};
