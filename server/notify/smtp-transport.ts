// The one way Seatwise talks to the mail server: TLS from the start (`secure`), else STARTTLS required before any
// password or message goes out, unless the admin chose an unencrypted local relay. Errors in words an admin can act on.
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../queries/alert-settings.ts';

export type SmtpMessage = { to: string; subject: string; text: string; html?: string };

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

/** Why a send failed; a refused or failed STARTTLS says that nothing was sent and what to change. */
export function smtpProblem(smtp: SmtpConfig, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const { code, response } = (error ?? {}) as { code?: string; response?: string };
  if (code !== 'ETLS' || smtp.secure) return message;
  const detail = /^Error upgrading connection with STARTTLS/.test(message)
    ? `the mail server ${smtp.host}:${smtp.port} does not offer STARTTLS${response ? ` (it answered "${response.trim()}")` : ''}`
    : `the TLS connection to ${smtp.host}:${smtp.port} failed (${message.replace(/^Error initiating TLS - /, '')})`;
  return `${detail}, so nothing was sent and no password left Seatwise. Turn on TLS at the mail server, use port 465 with "TLS from the start", or, for a relay on this machine or a trusted local network, choose "Unencrypted local relay" in Settings > Email.`;
}
