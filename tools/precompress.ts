// Writes a brotli (.br) and a gzip (.gz) copy beside each compressible file of a build, so the server sends
// compressed bytes without compressing on every request (server/dashboard.ts picks the copy by Accept-Encoding).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text formats; images such as png are compressed already. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

/** Brotli at its highest quality and gzip at level 9: paid once at build, saved on every download. */
export function precompressFile(path: string): { raw: number; br: number; gzip: number } {
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gzip = gzipSync(raw, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzip);
  return { raw: raw.length, br: br.length, gzip: gzip.length };
}

/** Every compressible file under `dir`, at any depth; returns what it wrote, by path relative to `dir`. */
export function precompressDir(dir: string) {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => COMPRESSIBLE.test(file) && statSync(join(dir, file)).isFile(),
  );
  return files.map((file) => ({ file, ...precompressFile(join(dir, file)) }));
}

/** The Vite plugin: runs once the build has written its files. */
export function precompress() {
  let outDir = '';
  return {
    name: 'seatwise-precompress',
    apply: 'build' as const,
    configResolved(config: { build: { outDir: string } }) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
