// A real SMTP server on 127.0.0.1 (smtp-server) that keeps every message it receives, raw.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string };

/** `rejectRecipients` (also `rejected`, to add to later): addresses refused with 550, as for a mailbox that does not exist. */
export async function startSmtpListener(
  options: { rejectRecipients?: string[] } = {},
): Promise<{ port: number; mails: ReceivedMail[]; rejected: Set<string>; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const rejected = new Set(options.rejectRecipients ?? []);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
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
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, rejected, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The decoded text of a MIME message's part with this content type (quoted-printable or 7bit, as nodemailer writes). */
export function mimePart(raw: string, contentType: 'text/plain' | 'text/html'): string {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  if (start === -1) return '';
  const bodyStart = raw.indexOf('\r\n\r\n', start) + 4;
  const end = raw.indexOf('\r\n--', bodyStart);
  const body = raw.slice(bodyStart, end === -1 ? undefined : end);
  const headers = raw.slice(start, bodyStart);
  if (!/quoted-printable/i.test(headers)) return body;
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
