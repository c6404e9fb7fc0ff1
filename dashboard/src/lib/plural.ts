// A count with its word, made plural in English when the count is not one: "1 seat", "3 seats".
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
