// /settings/smtp: the SMTP server alerts and reclaim requests are sent through, and a test email.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { Email, PutSmtpBody, SmtpSettingsReply } from '../contract.ts';
import { actorOf, requireRole } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { saveSmtpSettings, sendTestEmail, smtpSettings } from '../services/smtp-settings.ts';

const TestEmailBody = z.object({ to: Email }).strict();

const docs = {
  smtp: describeRoute({
    summary: 'The SMTP server alerts and reclaim requests are sent through (the password is never shown)',
    tags: ['settings'],
    responses: { 200: { description: 'The server, or null.', schema: SmtpSettingsReply } },
  }),
  putSmtp: describeRoute({
    summary:
      'Set the SMTP server; omit password to keep the stored one. ' +
      'Without secure, STARTTLS is required unless allowUnencrypted',
    tags: ['settings'],
    responses: { 200: { description: 'The server.', schema: SmtpSettingsReply } },
  }),
  testSmtp: describeRoute({
    summary: 'Send a test email now through the configured SMTP server',
    tags: ['settings'],
    responses: { 200: { description: 'Sent.', schema: z.object({ sent: z.boolean() }) } },
  }),
};

export function settingsSmtpRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/settings/smtp', docs.smtp, requireRole('admin'), async (c) => c.json(await smtpSettings(db)))
    .put('/settings/smtp', docs.putSmtp, requireRole('admin'), validate('json', PutSmtpBody), async (c) =>
      c.json(await saveSmtpSettings(db, c.req.valid('json'), actorOf(c.get('principal')))),
    )
    .post('/settings/smtp/test', docs.testSmtp, requireRole('admin'), validate('json', TestEmailBody), async (c) =>
      c.json(await sendTestEmail(db, c.req.valid('json').to)),
    );
}
