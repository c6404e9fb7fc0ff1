// Serves the built dashboard: its static files, and index.html for every other non-API path (client routes).
// The build writes .br and .gz copies beside each text file (tools/precompress.ts); a request gets the copy its
// Accept-Encoding prefers, or the file as it is.
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { getMimeType } from 'hono/utils/mime';
import { chooseEncoding, PRECOMPRESSED, type Precompressed } from './domain/accept-encoding.ts';

/** Vite puts a content hash in every asset name, so browsers may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: browsers ask again each time (a 304 costs little). */
const REVALIDATE = 'no-cache';
const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:javascript|json|manifest\+json)|image\/svg\+xml)/;

const isFile = async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false;

/** The file under `root` that a URL path names, or null (outside the root, or a name with `..`). */
function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return null;
  const path = resolve(root, `.${decoded}`);
  return path.startsWith(root + sep) ? path : null;
}

/** Sends `path`, or its precompressed copy, with its type, length and caching. */
async function sendFile(c: Context, path: string, cacheControl: string) {
  const type = getMimeType(path) ?? 'application/octet-stream';
  let sent = path;
  if (COMPRESSIBLE_TYPE.test(type)) {
    // Caches must keep one copy per encoding, whichever this request gets.
    c.header('Vary', 'Accept-Encoding');
    const available: Precompressed[] = [];
    for (const { encoding, suffix } of PRECOMPRESSED) if (await isFile(path + suffix)) available.push(encoding);
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'), available);
    if (encoding) {
      c.header('Content-Encoding', encoding);
      sent = path + PRECOMPRESSED.find((p) => p.encoding === encoding)!.suffix;
    }
  }
  const body = await readFile(sent);
  c.header('Content-Type', type.startsWith('text/') && !type.includes('charset') ? `${type}; charset=utf-8` : type);
  c.header('Content-Length', String(body.length));
  c.header('Cache-Control', cacheControl);
  // Hono answers HEAD with this GET response's headers and no body.
  return c.body(new Uint8Array(body), 200);
}

export function dashboard(dashboardDir: string) {
  const root = resolve(dashboardDir);
  const indexPath = resolve(root, 'index.html');
  const app = new Hono();
  // index.html is asked for again on every visit: an ETag (of the bytes sent, so one per encoding) makes that a 304.
  app.use('*', etag());
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    const path = fileFor(root, c.req.path);
    if (path && path !== indexPath && (await isFile(path))) {
      return sendFile(c, path, c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    }
    // A hashed file that is gone (an old page asking after a deploy) is a 404, not index.html in its place.
    if (c.req.path.startsWith('/assets/')) return c.notFound();
    if (!(await isFile(indexPath))) {
      return c.text('The dashboard is not built: run `npm run build:dashboard` (npm start does this).', 503);
    }
    return sendFile(c, indexPath, REVALIDATE);
  });
  return app;
}
