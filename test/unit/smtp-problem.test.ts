// What an admin reads when an email could not go out: a missing STARTTLS or a refused certificate says that nothing
// was sent and what to change; any other failure is passed on as the mail server or the network said it.
import { describe, expect, it } from 'vitest';
import { smtpProblem } from '../../server/notify/smtp-transport.ts';
import type { SmtpConfig } from '../../server/queries/alert-settings.ts';

const smtp: SmtpConfig = {
  host: 'mail.example.com',
  port: 587,
  secure: false,
  allowUnencrypted: false,
  username: 'seatwise',
  password: 'relay-Pa55word',
  from: 'it@example.com',
};
const failure = (message: string, fields: Record<string, string>) => Object.assign(new Error(message), fields);

describe('smtpProblem', () => {
  it.each<[string, SmtpConfig, Error, RegExp]>([
    [
      'no STARTTLS offered',
      smtp,
      failure('Error upgrading connection with STARTTLS', { code: 'ETLS', response: '502 5.5.1 Unrecognized command' }),
      new RegExp(
        /^the mail server mail\.example\.com:587 does not offer STARTTLS /.source +
          /\(it answered "502 5\.5\.1 Unrecognized command"\), /.source +
          /so nothing was sent and no password left Seatwise\. /.source +
          /.*"Unencrypted local relay" in Settings > Email\.$/.source,
      ),
    ],
    [
      'a TLS handshake that fails',
      smtp,
      failure('Error initiating TLS - wrong version number', { code: 'ETLS' }),
      /^the TLS connection to mail\.example\.com:587 failed \(wrong version number\), so nothing was sent/,
    ],
    [
      'a self-signed certificate',
      smtp,
      failure('self-signed certificate', { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      new RegExp(
        /^the certificate of the mail server mail\.example\.com:587 is not trusted /.source +
          /\(self-signed certificate\), so nothing was sent .*NODE_EXTRA_CA_CERTS/.source,
      ),
    ],
    [
      'a certificate for another name, on port 465',
      { ...smtp, port: 465, secure: true },
      failure("Hostname/IP does not match certificate's altnames", {
        code: 'ESOCKET',
        originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
      }),
      /^the certificate of the mail server mail\.example\.com:465 is not trusted/,
    ],
    [
      'a refused mailbox',
      smtp,
      failure("Can't send mail - all recipients were rejected: 550 5.1.1 <x@example.com>: mailbox unavailable", {
        code: 'EENVELOPE',
      }),
      /^Can't send mail - all recipients were rejected: 550/,
    ],
    [
      'a server that is down',
      smtp,
      failure('connect ECONNREFUSED 127.0.0.1:587', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }),
      /^connect ECONNREFUSED 127\.0\.0\.1:587$/,
    ],
  ])('%s', (_name, config, error, expected) => {
    const problem = smtpProblem(config, error);
    expect(problem).toMatch(expected);
    expect(problem).not.toContain(config.password!);
  });
});
