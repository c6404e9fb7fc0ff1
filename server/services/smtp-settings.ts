// The SMTP server alerts and reclaim requests go through: shown without its password, saved (audited), and tested
// by sending one email through the same transport the outbox uses.
import type { PutSmtpBody, SmtpSettingsReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { badRequest, UpstreamFailed } from '../errors.ts';
import { sendSmtpMessage, smtpProblem } from '../notify/smtp-transport.ts';
import { getSmtp, saveSmtp } from '../queries/alert-settings.ts';
import { recordAudit } from '../queries/audit.ts';

export async function smtpSettings(db: Db): Promise<SmtpSettingsReply> {
  const smtp = await getSmtp(db);
  if (!smtp) return { smtp: null };
  const { password, ...shown } = smtp;
  return { smtp: { ...shown, passwordSet: Boolean(password) } };
}

/** An omitted password keeps the stored one; null removes it. */
export async function saveSmtpSettings(db: Db, body: PutSmtpBody, actor: string): Promise<SmtpSettingsReply> {
  const { password, ...fields } = body;
  const before = await getSmtp(db);
  await saveSmtp(db, { ...fields, password: password === undefined ? (before?.password ?? null) : password });
  const shown = await smtpSettings(db);
  await recordAudit(db, {
    actor,
    action: 'settings.update',
    subjectType: 'settings',
    subjectId: 'smtp',
    after: { ...shown.smtp, passwordChanged: password !== undefined },
  });
  return shown;
}

export async function sendTestEmail(db: Db, to: string): Promise<{ sent: true }> {
  const smtp = await getSmtp(db);
  if (!smtp) throw badRequest('smtp_not_configured', 'Set the SMTP server first.');
  try {
    await sendSmtpMessage(smtp, {
      to,
      subject: '[Seatwise] Test email',
      text: 'Seatwise can send email through this server.',
    });
  } catch (error) {
    throw new UpstreamFailed(
      'smtp_failed',
      `The SMTP server refused or could not be reached: ${smtpProblem(smtp, error)}`,
    );
  }
  return { sent: true };
}
