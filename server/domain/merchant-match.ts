// Matches the merchant text of a card, expense or ledger line to an app: card descriptors are normalised the way
// cards print them (processor prefixes, `*`, reference tokens, city and country), then compared word by word with
// the shipped patterns and the admins' rules. Pure: the caller passes both.

/** A pattern and the app it names; `source` says whether an admin added it (admin rules win over shipped ones). */
export type MerchantRule = { pattern: string; appId: string; source: 'rule' | 'catalog' };

/** Payment processors and marketplaces that put their own name before the merchant's (`SQ *`, `PAYPAL *`). */
const PROCESSOR_PREFIXES = [
  'PAYPAL',
  'PP',
  'SQ',
  'SQU',
  'TST',
  'SP',
  'PADDLE NET',
  'PADDLE',
  'FS',
  'FASTSPRING',
  '2CO',
  'STRIPE',
  'DNH',
  'IN',
];

/** The words of merchant text: upper-cased, split on anything that is not a letter or digit (`*`, `.`, `-`...). */
export function merchantWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9&]+/)
    .filter((word) => word !== '' && word !== '&');
}

const startsWith = (words: readonly string[], prefix: readonly string[]) =>
  prefix.length > 0 && prefix.length <= words.length && prefix.every((word, i) => words[i] === word);

/** The words left once a processor's prefix (`PAYPAL *NOTION` -> `NOTION`) is taken off, when a merchant follows. */
function withoutProcessor(words: string[]): string[] {
  for (const prefix of PROCESSOR_PREFIXES) {
    const prefixWords = prefix.split(' ');
    if (startsWith(words, prefixWords) && words.length > prefixWords.length) return words.slice(prefixWords.length);
  }
  return words;
}

/** A reference, phone number, store number or amount a card prints after the merchant: any word with a digit. */
const REFERENCE = /\d/;
/** Two-letter state or country codes and the country names cards print last. */
const PLACE = /^([A-Z]{2}|USA|GBR|DEU|FRA|IRL|NLD|AUS|CAN|GBP|USD|EUR|INTERNET|ONLINE|HTTPS|WWW)$/;
const LEGAL = /^(INC|LLC|LTD|LIMITED|GMBH|CORP|CORPORATION|CO|PTY|BV|SA|SAS|AG|PLC|AB|AS|OY|SRL|SL)$/;

/**
 * The merchant as one key for grouping and rules. Cards print `MERCHANT REFERENCE CITY STATE`: the processor prefix
 * goes, everything from the first word with a digit after the first word goes (a reference, store or phone number and
 * the place after it), then trailing places and legal suffixes (`SQ *BLUE BOTTLE 0042 SAN FRANCISCO CA` -> `BLUE
 * BOTTLE`, `Slackline Outdoor GmbH` -> `SLACKLINE OUTDOOR`). The first word always stays.
 */
export function merchantKey(text: string): string {
  const words = withoutProcessor(merchantWords(text));
  const reference = words.findIndex((word, i) => i > 0 && REFERENCE.test(word));
  let end = reference === -1 ? words.length : reference;
  while (end > 1 && (PLACE.test(words[end - 1]!) || LEGAL.test(words[end - 1]!))) end -= 1;
  return words.slice(0, end).join(' ');
}

/** A rule's pattern as stored and compared: the merchant's words joined by single spaces (`FIGMA*` -> `FIGMA`). */
export const normalisePattern = (pattern: string) => merchantWords(pattern).join(' ');

/**
 * The app a merchant names, or null. A pattern matches when the merchant's words (after any processor prefix) start
 * with the pattern's words, whole words only: `SLACK` matches `SLACK T0123ABC`, not `SLACKLINE OUTDOOR GMBH`.
 * Admin rules come first; among rules of one source the longest pattern wins.
 */
export function matchMerchant(merchant: string, rules: readonly MerchantRule[]): MerchantRule | null {
  const raw = merchantWords(merchant);
  const candidates = [withoutProcessor(raw), raw];
  let best: { rule: MerchantRule; words: number } | null = null;
  for (const rule of rules) {
    const patternWords = rule.pattern.split(' ').filter((w) => w !== '');
    if (!candidates.some((words) => startsWith(words, patternWords))) continue;
    const better =
      best === null ||
      (rule.source === 'rule' && best.rule.source === 'catalog') ||
      (rule.source === best.rule.source && patternWords.length > best.words);
    if (better) best = { rule, words: patternWords.length };
  }
  return best?.rule ?? null;
}
