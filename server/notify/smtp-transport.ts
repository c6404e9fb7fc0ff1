// The one way Seatwise talks to the mail server: TLS from the start (`secure`), else STARTTLS required before any
// password or message goes out, unless the admin chose an unencrypted local relay. Errors in words an admin can act on.
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../domain/smtp-config.ts';
import type { SendOutcome } from './outcome.ts';

export type SmtpMessage = { to: string; subject: string; text: string; html?: string };

/** Sends one message on a connection of its own, closed afterwards whatever happened; throws nodemailer's error. */
export async function sendSmtpMessage(smtp: SmtpConfig, message: SmtpMessage): Promise<void> {
  const transport = smtpTransport(smtp);
  try {
    await transport.sendMail({ from: smtp.from, ...message });
  } finally {
    transport.close();
  }
}

export function smtpTransport(smtp: SmtpConfig) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // nodemailer's requireTLS: without a successful STARTTLS the session ends before AUTH and before the message.
    requireTLS: !smtp.secure && !smtp.allowUnencrypted,
    auth: smtp.username ? { user: smtp.username, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/** Node's codes for a certificate it does not accept (self-signed, unknown authority, expired, wrong name). */
const CERTIFICATE_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT/;
const NOTHING_SENT = 'so nothing was sent and no password left Seatwise';

/** Why a send failed; a missing STARTTLS or a refused certificate says that nothing was sent and what to change. */
export function smtpProblem(smtp: SmtpConfig, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const { code, originalCode, response } = (error ?? {}) as { code?: string; originalCode?: string; response?: string };
  const server = `${smtp.host}:${smtp.port}`;
  // nodemailer files a refused certificate under ESOCKET and keeps Node's own code in originalCode.
  if (typeof originalCode === 'string' && CERTIFICATE_PROBLEM.test(originalCode)) {
    return (
      `the certificate of the mail server ${server} is not trusted (${message}), ${NOTHING_SENT}. ` +
      'Give the mail server a certificate from a trusted authority, ' +
      "or start Seatwise with NODE_EXTRA_CA_CERTS naming your own authority's certificate."
    );
  }
  if (code !== 'ETLS' || smtp.secure) return message;
  const detail = /^Error upgrading connection with STARTTLS/.test(message)
    ? `the mail server ${server} does not offer STARTTLS${response ? ` (it answered "${response.trim()}")` : ''}`
    : `the TLS connection to ${server} failed (${message.replace(/^Error initiating TLS - /, '')})`;
  return (
    `${detail}, ${NOTHING_SENT}. Turn on TLS at the mail server, use port 465 with "TLS from the start", ` +
    'or, for a relay on this machine or a trusted local network, choose "Unencrypted local relay" in Settings > Email.'
  );
}

/** The outbox's view of a send: a refused recipient (5xx on the envelope) is permanent; anything else may pass. */
export async function deliverEmail(smtp: SmtpConfig | null, message: SmtpMessage): Promise<SendOutcome> {
  if (!smtp) return { ok: false, status: null, error: 'no SMTP server is configured (Settings > Email)' };
  try {
    await sendSmtpMessage(smtp, message);
    return { ok: true, status: null, error: null };
  } catch (error) {
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    const permanent = code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
    return { ok: false, status: responseCode ?? null, error: smtpProblem(smtp, error), permanent };
  }
}
