// A count with its word, made plural in English when the count is not one: "1 seat", "3 seats".
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A count with its label as imports name them, written for many ("new lines", "skipped"): one takes the label's
 * last "s" off ("1 new line", "1 skipped").
 */
export const counted = (n: number, label: string) =>
  `${n} ${n === 1 && label.endsWith('s') ? label.slice(0, -1) : label}`;
