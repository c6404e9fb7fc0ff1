// create-enrollment-token: the secret IT puts in the extension policy so devices can enroll.
import { CreateEnrollmentTokenBody } from '../../contract.ts';
import { tokenLimits } from '../../domain/enrollment-policy.ts';
import { recordAudit } from '../../queries/audit.ts';
import { createEnrollmentToken } from '../../queries/tokens.ts';
import { readFlags, UsageError } from '../args.ts';
import { check } from '../check.ts';
import type { Command } from '../context.ts';

export const createEnrollmentTokenCommand: Command = {
  name: 'create-enrollment-token',
  summary: 'Create an enrollment token for the extension policy; printed once',
  usage: 'create-enrollment-token [--label <label>] [--expires-at <day or timestamp>] [--max-devices <n>]',
  async run({ db, out, note, actor }, argv) {
    const { values } = readFlags(argv, {
      label: { type: 'string' },
      'expires-at': { type: 'string' },
      'max-devices': { type: 'string' },
    });
    const maxDevices = values['max-devices'] === undefined ? undefined : Number(values['max-devices']);
    const limits = tokenLimits(
      check(CreateEnrollmentTokenBody, { label: values.label, expiresAt: values['expires-at'], maxDevices }),
      new Date(),
    );
    if ('problem' in limits) throw new UsageError(limits.problem);
    const created = await createEnrollmentToken(db, limits, null);
    await recordAudit(db, {
      actor,
      action: 'enrollment_token.create',
      subjectType: 'enrollment_token',
      subjectId: created.id,
      after: { label: limits.label, expiresAt: limits.expiresAt?.toISOString() ?? null, maxDevices: limits.maxDevices },
    });
    note('Enrollment token created; it is shown only now. Put it in the extension policy as "enrollmentToken".');
    out(created.token);
  },
};
