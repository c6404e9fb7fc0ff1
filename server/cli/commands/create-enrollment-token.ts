// create-enrollment-token: the secret IT puts in the extension policy so devices can enroll.
import { CreateEnrollmentTokenBody } from '../../contract.ts';
import { recordAudit } from '../../queries/audit.ts';
import { createEnrollmentToken } from '../../queries/tokens.ts';
import { readFlags } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';

export const createEnrollmentTokenCommand: Command = {
  name: 'create-enrollment-token',
  summary: 'Create an enrollment token for the extension policy; printed once',
  usage: 'create-enrollment-token [--label <label>]',
  async run({ db, out, note, actor }, argv) {
    const { values } = readFlags(argv, { label: { type: 'string' } });
    const { label } = check(CreateEnrollmentTokenBody, { label: values.label });
    const created = await createEnrollmentToken(db, label ?? null, null);
    await recordAudit(db, { actor, action: 'enrollment_token.create', subjectType: 'enrollment_token', subjectId: created.id, after: { label: label ?? null } });
    note('Enrollment token created; it is shown only now. Put it in the extension policy as "enrollmentToken".');
    out(created.token);
  },
};
