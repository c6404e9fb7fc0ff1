// What a command runs against: the database the server uses (same DATABASE_URL), the clock, and output streams.
import type { Db, OpenDatabaseOptions } from '../db/client.ts';

export type CliContext = {
  db: Db;
  databaseUrl: string;
  now: () => Date;
  /** Results: what a script reads (a token, JSON, a table). */
  out: (text: string) => void;
  /** Notes and progress for the person at the terminal. */
  note: (text: string) => void;
  readStdin: () => Promise<string>;
  /** Who the audit log names for changes made here. */
  actor: string;
};

export type Command = {
  name: string;
  summary: string;
  usage: string;
  /** Refuses a database the command cannot work with, before it is opened. */
  checkDatabaseUrl?: (url: string) => void;
  /** How the command needs the database opened, from its flags (checked before anything is opened). */
  openOptions?: (argv: string[]) => Pick<OpenDatabaseOptions, 'forgetSecrets'>;
  run: (context: CliContext, argv: string[]) => Promise<void>;
};
