// Which app a contract line's vendor is: its name compared, once normalised, with every app's id, name and domains,
// the admins' aliases and the shipped legal names. Only whole normalised names match, never a prefix or a part:
// "Slack Technologies, LLC" is slack, "Slackline Outdoor GmbH" is nobody. A vendor that sells several apps
// (Atlassian) is chosen between by the line's product; when the product names none or several, the line is left
// unmatched with the reason.

export type MatchableApp = { id: string; name: string; domains: readonly string[] };
/** An alias as written (normalised here) and the apps it stands for. */
export type AliasEntry = { vendor: string; appIds: readonly string[] };
export type MatchSource = 'app' | 'admin alias' | 'shipped alias';

export type VendorMatch = { appId: string; via: MatchSource } | { appId: null; reason: string; candidates: string[] };

/** Legal-form words removed from the end of a name: "Figma, Inc." and "Figma" are one vendor. */
const LEGAL_SUFFIXES = new Set([
  'ab',
  'ag',
  'aps',
  'as',
  'bv',
  'co',
  'company',
  'corp',
  'corporation',
  'gmbh',
  'inc',
  'incorporated',
  'kg',
  'kk',
  'lda',
  'limited',
  'llc',
  'llp',
  'lp',
  'ltd',
  'nv',
  'oy',
  'oyj',
  'ou',
  'pbc',
  'plc',
  'pte',
  'pty',
  'sa',
  'sarl',
  'sas',
  'se',
  'sl',
  'spa',
  'sro',
  'srl',
  'ulc',
  'unlimited',
]);

/** Words that say nothing about which of a vendor's products a line is. */
const PRODUCT_NOISE = new Set([
  'and',
  'app',
  'cloud',
  'online',
  'software',
  'the',
  'for',
  'plan',
  'licence',
  'license',
]);

/**
 * A vendor name reduced to what identifies it: accents, case, bracketed notes, dots and apostrophes go, other
 * punctuation separates words, and legal forms at the end (Inc, LLC, Ltd, Pty, GmbH, S.A., plc...) are dropped.
 */
export function normaliseVendor(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  while (words.length > 1 && LEGAL_SUFFIXES.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

const wordsOf = (text: string) =>
  new Set(
    normaliseVendor(text)
      .split(' ')
      .filter((w) => w !== ''),
  );

export type VendorIndex = {
  apps: ReadonlyMap<string, MatchableApp>;
  tiers: readonly { via: MatchSource; names: ReadonlyMap<string, ReadonlySet<string>> }[];
};

function tier(entries: Iterable<[name: string, appId: string]>, known: ReadonlyMap<string, MatchableApp>) {
  const names = new Map<string, Set<string>>();
  for (const [name, appId] of entries) {
    const key = normaliseVendor(name);
    if (key === '' || !known.has(appId)) continue;
    if (!names.has(key)) names.set(key, new Set());
    names.get(key)!.add(appId);
  }
  return names;
}

/**
 * The names to match against, strongest first: the apps themselves (id, name, domains), then the admins' aliases
 * (which win over the shipped ones, so an admin can settle an ambiguous vendor), then the shipped legal names.
 * Aliases of apps that do not exist are ignored.
 */
export function buildVendorIndex(
  apps: readonly MatchableApp[],
  adminAliases: readonly AliasEntry[],
  shippedAliases: readonly AliasEntry[],
): VendorIndex {
  const known = new Map(apps.map((app) => [app.id, app]));
  const own = apps.flatMap((app): [string, string][] => [
    [app.id, app.id],
    [app.name, app.id],
    ...app.domains.map((domain): [string, string] => [domain, app.id]),
  ]);
  const aliases = (list: readonly AliasEntry[]) =>
    list.flatMap((entry) => entry.appIds.map((appId): [string, string] => [entry.vendor, appId]));
  return {
    apps: known,
    tiers: [
      { via: 'app', names: tier(own, known) },
      { via: 'admin alias', names: tier(aliases(adminAliases), known) },
      { via: 'shipped alias', names: tier(aliases(shippedAliases), known) },
    ],
  };
}

/**
 * The words that tell one of `candidates` from the others: its name's and id's words, less those they share and
 * the vendor's own ("Atlassian Cloud" names no product of Atlassian's).
 */
function distinctiveWords(index: VendorIndex, vendor: string, candidates: readonly string[]) {
  const vendorWords = wordsOf(vendor);
  const words = new Map(
    candidates.map((id) => {
      const app = index.apps.get(id)!;
      const own = [...wordsOf(app.name), ...wordsOf(id)].filter((w) => !PRODUCT_NOISE.has(w) && !vendorWords.has(w));
      return [id, new Set(own)];
    }),
  );
  const sets = [...words.values()];
  const shared = [...sets[0]!].filter((word) => sets.every((set) => set.has(word)));
  for (const set of sets) for (const word of shared) set.delete(word);
  return words;
}

const listNames = (index: VendorIndex, ids: readonly string[]) => ids.map((id) => index.apps.get(id)!.name).join(', ');

/** Chooses among the apps one name stands for by the words of the line's product or plan. */
function choose(index: VendorIndex, vendor: string, candidates: string[], via: MatchSource, product: string) {
  const productWords = wordsOf(product);
  const words = distinctiveWords(index, vendor, candidates);
  const named = candidates.filter((id) => [...words.get(id)!].some((word) => productWords.has(word)));
  if (named.length === 1) return { appId: named[0]!, via };
  const what = product.trim() === '' ? 'the line names no product' : `the product "${product.trim()}" names`;
  const which = product.trim() === '' ? '' : named.length === 0 ? ' none of them' : ' several of them';
  return {
    appId: null,
    reason: `"${vendor}" sells several apps (${listNames(index, candidates)}) and ${what}${which}`,
    candidates,
  };
}

/**
 * The app of a line: the first of `names` (the app column, then the vendor column) that matches, chosen by `product`
 * when it stands for several apps.
 */
export function matchVendor(index: VendorIndex, names: readonly string[], product: string): VendorMatch {
  const given = names.map((n) => n.trim()).filter((n) => n !== '');
  if (given.length === 0) return { appId: null, reason: 'the line names no vendor or app', candidates: [] };
  for (const name of given) {
    const key = normaliseVendor(name);
    for (const { via, names: known } of index.tiers) {
      const hits = known.get(key);
      if (!hits || hits.size === 0) continue;
      const candidates = [...hits].sort();
      if (candidates.length === 1) return { appId: candidates[0]!, via };
      return choose(index, name, candidates, via, product);
    }
  }
  return {
    appId: null,
    reason: `no app, domain or known vendor is called "${given.at(-1)}"`,
    candidates: [],
  };
}
