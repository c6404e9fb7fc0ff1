// Finds columns by header name whatever the export calls them: case, spaces, `_`, `-`, camelCase and bracketed
// notes such as Google's "Email Address [Required]" do not matter.

export const normaliseHeader = (name: string) =>
  name
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[\s_\-.()/]+/g, ' ')
    .trim();

/** The index of the first header equal to one of `names` (normalised, in the order of `names`), or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const normalised = header.map(normaliseHeader);
  for (const name of names) {
    const index = normalised.indexOf(normaliseHeader(name));
    if (index !== -1) return index;
  }
  return -1;
}
