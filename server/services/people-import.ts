// Importing an HR or directory export: the plan and its write run on the import thread for a large file (inline for
// a small one, or a database that is not a file), then the change is announced and leavers' seats on connected
// subscriptions are offered for revoking.
import type { PeopleImportReply } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { peopleImportThreadOf } from '../threads/people-import-thread.ts';
import { announceChange, type JobRequests } from './changes.ts';
import { offerLeaverReclaims } from './offboarding.ts';
import { type PeopleImportInput, planAndApplyPeopleImport } from './people-import-apply.ts';

export type { PeopleImportInput } from './people-import-apply.ts';

/**
 * Files from this size go to the import thread: about 5,000 rows, whose plan would hold the event loop for tens of
 * milliseconds. Smaller ones are not worth the hop.
 */
export const IMPORT_THREAD_FROM_CHARS = 256 * 1024;

/** Imports the file or, with dryRun, says what an import would do. A bad file is Invalid and changes nothing. */
export async function importPeopleList(
  deps: { db: Db; jobs?: JobRequests | undefined },
  input: PeopleImportInput,
  { threadFromChars = IMPORT_THREAD_FROM_CHARS }: { threadFromChars?: number } = {},
): Promise<PeopleImportReply> {
  const thread = input.file.text.length >= threadFromChars ? peopleImportThreadOf(deps.db) : null;
  const { reply, leavers } = thread ? await thread.run(input) : await planAndApplyPeopleImport(deps.db, input);
  if (!input.dryRun) {
    announceChange(deps, 'people');
    // Leavers' seats on connected subscriptions are ready to revoke at the vendor now.
    if (leavers > 0) await offerLeaverReclaims({ db: deps.db, now: () => input.now }, input.actor);
  }
  return reply;
}
