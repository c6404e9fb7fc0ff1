// Who sees pseudonyms (DESIGN section 10): with works-council mode on, finance and viewer, and everyone a webhook or
// alert email reaches; never admin or IT. Holders of a seat that needs action (idle, never used, left) keep their
// names everywhere, so a name and a pseudonym are never both shown for one person and no surface can be joined with
// another to reverse a pseudonym.
import type { Principal } from '../auth/principal.ts';
import type { PrivacySettings, Role } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { utcDay } from '../domain/days.ts';
import type { MaskedPerson, PersonMask } from '../domain/person-mask.ts';
import { pseudonymOf } from '../domain/pseudonyms.ts';
import { dataVersion } from '../queries/data-versions.ts';
import { installationId } from '../queries/installation-id.ts';
import { type DirectoryEntry, loadDirectoryEntries } from '../queries/people-directory.ts';
import { getPrivacySettings } from '../queries/privacy-settings.ts';
import { readReconciliation } from './reconciliation.ts';

/** The roles works-council mode hides names from. */
export const PSEUDONYMISED_ROLES: readonly Role[] = ['finance', 'viewer'];
const NEEDS_ACTION = new Set(['idle', 'never_used', 'left']);

type Directory = {
  byEmail: Map<string, DirectoryEntry>;
  /** Several people may share a name. */
  byName: Map<string, DirectoryEntry[]>;
  departmentSizes: Map<string, number>;
};

const directories = new WeakMap<Db, { version: number; directory: Promise<Directory> }>();
const keys = new WeakMap<Db, Promise<Buffer>>();

const departmentKey = (department: string) => department.trim().toLowerCase();

async function loadDirectory(db: Db): Promise<Directory> {
  const entries = await loadDirectoryEntries(db);
  const byEmail = new Map<string, DirectoryEntry>();
  const byName = new Map<string, DirectoryEntry[]>();
  const departmentSizes = new Map<string, number>();
  for (const entry of entries) {
    byEmail.set(entry.email.toLowerCase(), entry);
    const name = entry.name?.trim();
    if (name) {
      const named = byName.get(name);
      if (named) named.push(entry);
      else byName.set(name, [entry]);
    }
    if (entry.department) {
      const key = departmentKey(entry.department);
      departmentSizes.set(key, (departmentSizes.get(key) ?? 0) + 1);
    }
  }
  return { byEmail, byName, departmentSizes };
}

/** The directory as of the last write to people (the inventory version), read once per change. */
async function currentDirectory(db: Db): Promise<Directory> {
  const version = await dataVersion(db, 'inventory');
  const cached = directories.get(db);
  if (cached && cached.version === version) return cached.directory;
  const directory = loadDirectory(db);
  directories.set(db, { version, directory });
  directory.catch(() => directories.delete(db));
  return directory;
}

/** This installation's pseudonym key: derived from the secret key, salted with the installation id; never stored. */
function pseudonymKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = installationId(db).then((id) => db.$secrets.derive('pseudonym.key', id));
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

/** People holding a seat that needs action as of today: they are shown by name. */
async function holdersNeedingAction(db: Db, now: Date): Promise<Set<number>> {
  const { holders } = await readReconciliation(db, utcDay(now));
  const named = new Set<number>();
  for (const results of holders.values()) {
    for (const holder of results) if (NEEDS_ACTION.has(holder.status)) named.add(holder.personId);
  }
  return named;
}

/** A mask that also answers what a caller typed: lookups go by what they see, never by a hidden name. */
export type ViewerMask = PersonMask & {
  /** The directory email behind an email as shown (a pseudonym's, or a named person's own); null if none. */
  realEmail: (shown: string) => string | null;
  /** Ids of the people whose shown email or name contains `search` and whose shown department is `department`. */
  idsMatching: (filter: { search?: string | undefined; department?: string | undefined }) => number[];
};

/** The mask for the mode as set; `shownByName`: emails also shown by name (the caller's own). */
export async function buildPersonMask(
  db: Db,
  now: Date,
  settings: PrivacySettings,
  shownByName: readonly string[] = [],
): Promise<ViewerMask> {
  const [directory, key, named] = await Promise.all([
    currentDirectory(db),
    pseudonymKey(db),
    holdersNeedingAction(db, now),
  ]);
  const own = new Set(shownByName.map((email) => email.toLowerCase()));
  const masked = new Map<number, MaskedPerson | null>();
  const maskOf = (entry: DirectoryEntry | undefined): MaskedPerson | null => {
    if (!entry) return null;
    if (masked.has(entry.id)) return masked.get(entry.id)!;
    let person: MaskedPerson | null = null;
    if (!named.has(entry.id) && !own.has(entry.email.toLowerCase())) {
      const size = entry.department ? (directory.departmentSizes.get(departmentKey(entry.department)) ?? 0) : 0;
      person = { ...pseudonymOf(key, entry.id), department: size >= settings.minGroupSize ? entry.department : null };
    }
    masked.set(entry.id, person);
    return person;
  };
  let byPseudonym: Map<string, DirectoryEntry> | undefined;
  const pseudonymised = () => {
    byPseudonym ??= new Map(
      [...directory.byEmail.values()].flatMap((entry) => {
        const person = maskOf(entry);
        return person ? [[person.email, entry] as const] : [];
      }),
    );
    return byPseudonym;
  };
  return {
    byEmail: (email) => maskOf(directory.byEmail.get(email.trim().toLowerCase())),
    // A name alone (no email beside it) is masked when anyone of that name is pseudonymised.
    byName: (name) => {
      for (const entry of directory.byName.get(name.trim()) ?? []) {
        const person = maskOf(entry);
        if (person) return person;
      }
      return null;
    },
    realEmail(shown) {
      const email = shown.trim().toLowerCase();
      const entry = directory.byEmail.get(email);
      if (entry) return maskOf(entry) ? null : entry.email;
      return pseudonymised().get(email)?.email ?? null;
    },
    idsMatching({ search, department }) {
      const needle = search?.toLowerCase();
      const wanted = department?.toLowerCase();
      const ids: number[] = [];
      for (const entry of directory.byEmail.values()) {
        const person = maskOf(entry);
        const email = person?.email ?? entry.email;
        const name = (person ? person.label : entry.name) ?? '';
        const shownDepartment = person ? person.department : entry.department;
        if (needle && !email.toLowerCase().includes(needle) && !name.toLowerCase().includes(needle)) continue;
        if (wanted && shownDepartment?.toLowerCase() !== wanted) continue;
        ids.push(entry.id);
      }
      return ids;
    },
  };
}

/** The mask for what a caller sees, or null when they see names (admin, IT, or the mode is off). */
export async function personMaskFor(db: Db, principal: Principal | null, now: Date): Promise<ViewerMask | null> {
  if (!principal || !PSEUDONYMISED_ROLES.includes(principal.role)) return null;
  const settings = await getPrivacySettings(db);
  if (!settings.pseudonymise) return null;
  return buildPersonMask(db, now, settings, principal.kind === 'user' ? [principal.email] : []);
}

/** The mask for webhooks and alert emails, read by people outside any role; null when the mode is off. */
export async function outsideMask(db: Db, now: Date): Promise<PersonMask | null> {
  const settings = await getPrivacySettings(db);
  return settings.pseudonymise ? buildPersonMask(db, now, settings) : null;
}
