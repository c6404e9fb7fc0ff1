// The admin command line: `npm run cli -- <command> [flags]`, against the database in DATABASE_URL (as the server).
// Exit codes: 0 done, 1 the work failed (e.g. a bad CSV file), 2 the command line or environment is wrong.
import { userInfo } from 'node:os';
import { DatabaseStartError, openDatabase } from '../db/client.ts';
import { EnvError, parseEnv } from '../env.ts';
import { SeatwiseError } from '../errors.ts';
import { seedCatalog } from '../queries/apps.ts';
import { describeForLog } from '../safe-log.ts';
import { UsageError } from './args.ts';
import { backupCommand } from './commands/backup.ts';
import { createEnrollmentTokenCommand } from './commands/create-enrollment-token.ts';
import { createTokenCommand } from './commands/create-token.ts';
import { createUserCommand } from './commands/create-user.ts';
import { forgetSecretsCommand } from './commands/forget-secrets.ts';
import { importPeopleCommand } from './commands/import-people.ts';
import { importSeatsCommand } from './commands/import-seats.ts';
import { reconciliationCommand } from './commands/reconciliation.ts';
import type { CliContext, Command } from './context.ts';

const COMMANDS: Command[] = [
  createUserCommand,
  createTokenCommand,
  createEnrollmentTokenCommand,
  importPeopleCommand,
  importSeatsCommand,
  reconciliationCommand,
  backupCommand,
  forgetSecretsCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: npm run cli -- <command> [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command works on the database in DATABASE_URL (default file:data/seatwise.db), like the server.',
    'Run `npm run cli -- <command> --help` for its flags.',
  ].join('\n');
}

function actorName(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`seatwise: no command "${name}".\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: npm run cli -- ${command.usage}\n\n${command.summary}.`);
    return 0;
  }
  const env = parseEnv(process.env);
  let openOptions = {};
  try {
    command.checkDatabaseUrl?.(env.DATABASE_URL);
    openOptions = command.openOptions?.(rest) ?? {};
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`seatwise ${command.name}: ${error.message}.`);
    return 2;
  }
  const db = await openDatabase({
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    secretKey: env.SEATWISE_SECRET_KEY,
    ...openOptions,
  });
  try {
    await seedCatalog(db);
    const context: CliContext = {
      db,
      databaseUrl: env.DATABASE_URL,
      now: () => new Date(),
      out: (text) => console.log(text),
      note: (text) => console.error(text),
      readStdin,
      actor: actorName(),
    };
    await command.run(context, rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`seatwise ${command.name}: ${error.message}.\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (error instanceof SeatwiseError) {
      console.error(`seatwise ${command.name}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof DatabaseStartError) {
      console.error(`seatwise: ${error.message}.`);
      process.exitCode = 1;
    } else {
      console.error(`seatwise: failed: ${describeForLog(error)}`);
      process.exitCode = 1;
    }
  },
);
