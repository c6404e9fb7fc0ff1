// A real SMTP server on 127.0.0.1 (smtp-server) that keeps every message it receives, raw, and every sign-in it was
// offered (with whether the connection was encrypted), so a test can tell whether a password went out in clear.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string; secure: boolean };
export type ReceivedAuth = { username: string; password: string; secure: boolean };

/**
 * `rejectRecipients` (also `rejected`, to add to later): addresses refused with 550, as for a mailbox that does not
 * exist. `starttls`: a key and certificate (PEM) to offer STARTTLS with; without it the server offers none and, as a
 * careless relay would, accepts a password in clear.
 */
export async function startSmtpListener(
  options: { rejectRecipients?: string[]; starttls?: { key: string; cert: string } } = {},
): Promise<{
  port: number;
  mails: ReceivedMail[];
  auths: ReceivedAuth[];
  rejected: Set<string>;
  close: () => Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const auths: ReceivedAuth[] = [];
  const rejected = new Set(options.rejectRecipients ?? []);
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    ...(options.starttls
      ? { key: options.starttls.key, cert: options.starttls.cert }
      : { disabledCommands: ['STARTTLS'] }),
    logger: false,
    onAuth(auth, session, callback) {
      auths.push({ username: auth.username ?? '', password: auth.password ?? '', secure: session.secure });
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address)) return callback();
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, auths, rejected, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The decoded text of a MIME message's part with this content type (quoted-printable or 7bit, as nodemailer
 * writes).
 */
export function mimePart(raw: string, contentType: 'text/plain' | 'text/html'): string {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  if (start === -1) return '';
  const bodyStart = raw.indexOf('\r\n\r\n', start) + 4;
  const end = raw.indexOf('\r\n--', bodyStart);
  const body = raw.slice(bodyStart, end === -1 ? undefined : end);
  const headers = raw.slice(start, bodyStart);
  if (!/quoted-printable/i.test(headers)) return body;
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
