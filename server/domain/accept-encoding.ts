// Which precompressed copy of a file to send for a request's Accept-Encoding (RFC 9110 section 12.5.3).

/** The encodings the build writes beside each compressible file, best first. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type Precompressed = (typeof PRECOMPRESSED)[number]['encoding'];

/** Each coding named in the header with its weight; `x-gzip` counts as `gzip`. A bad weight counts as 0. */
export function acceptedCodings(header: string | undefined): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      if (!/^q\s*=/.test(param)) continue;
      const value = Number(param.replace(/^q\s*=\s*/, ''));
      weight = Number.isFinite(value) && value >= 0 ? Math.min(1, value) : 0;
    }
    weights.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  return weights;
}

/**
 * The encoding to send among those `available` for this file, or null for the file as it is. The highest weight
 * wins, br before gzip at equal weight; `*` stands for any coding not named; q=0 (or a weight that is not a number)
 * refuses one; an encoding weighted below a named `identity` loses to it. No header at all means the raw file.
 */
export function chooseEncoding(header: string | undefined, available: readonly Precompressed[]): Precompressed | null {
  if (!header?.trim()) return null;
  const weights = acceptedCodings(header);
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  // The raw file is always there to fall back on; it competes on weight only when the header names it.
  const identity = weights.get('identity') ?? 0;
  let best: { encoding: Precompressed; weight: number } | null = null;
  for (const { encoding } of PRECOMPRESSED) {
    if (!available.includes(encoding)) continue;
    const weight = weightOf(encoding);
    if (weight > 0 && (!best || weight > best.weight)) best = { encoding, weight };
  }
  return best && best.weight >= identity ? best.encoding : null;
}
