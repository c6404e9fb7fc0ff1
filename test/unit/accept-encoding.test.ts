// The Accept-Encoding choice for precompressed dashboard files: br before gzip, weights honoured, q=0 refuses.
import { describe, expect, it } from 'vitest';
import { acceptedCodings, chooseEncoding, type Precompressed } from '../../server/domain/accept-encoding.ts';

const BOTH: Precompressed[] = ['br', 'gzip'];

describe('chooseEncoding', () => {
  it.each<[string | undefined, Precompressed[], Precompressed | null]>([
    // What browsers send.
    ['gzip, deflate, br, zstd', BOTH, 'br'],
    ['gzip, deflate', BOTH, 'gzip'],
    ['br', BOTH, 'br'],
    // No header, an empty one or identity only: the file as it is.
    [undefined, BOTH, null],
    ['', BOTH, null],
    ['identity', BOTH, null],
    ['deflate', BOTH, null],
    // Weights.
    ['br;q=0, gzip', BOTH, 'gzip'],
    ['br;q=0.5, gzip;q=0.8', BOTH, 'gzip'],
    ['br;q=0.8, gzip;q=0.8', BOTH, 'br'],
    ['gzip;q=1.0, br;q=0.9', BOTH, 'gzip'],
    ['BR;Q=1', BOTH, 'br'],
    ['br;q=0, gzip;q=0', BOTH, null],
    ['gzip;q=0.5, identity', BOTH, null],
    ['gzip;q=0.5, identity;q=0', BOTH, 'gzip'],
    ['br;q=abc, gzip', BOTH, 'gzip'],
    // The wildcard stands for codings not named.
    ['*', BOTH, 'br'],
    ['*;q=0.5, br;q=0', BOTH, 'gzip'],
    ['*;q=0', BOTH, null],
    ['x-gzip', BOTH, 'gzip'],
    // Only the copies that exist for this file.
    ['gzip, br', ['gzip'], 'gzip'],
    ['br', ['gzip'], null],
    ['gzip, br', [], null],
  ])('%j with %j -> %s', (header, available, expected) => {
    expect(chooseEncoding(header, available)).toBe(expected);
  });
});

describe('acceptedCodings', () => {
  it('reads names and weights, lower-cased', () => {
    expect([...acceptedCodings('gzip;q=0.5, BR, *;q=0')]).toEqual([
      ['gzip', 0.5],
      ['br', 1],
      ['*', 0],
    ]);
  });
});
