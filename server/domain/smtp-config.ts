// The SMTP server as Seatwise sends through it: the stored settings with the password opened.
import type { PutSmtpBody } from '../contract.ts';

export type SmtpConfig = Omit<PutSmtpBody, 'password'> & { password: string | null };
