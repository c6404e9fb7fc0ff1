// Serves the deployment guide (docs/deployment.md) as a page, so IT reads it from their own Seatwise server.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { marked } from 'marked';

const GUIDE = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/deployment.md');

// Inline styles only: the server's CSP allows 'unsafe-inline' styles and no scripts, and this page needs none.
const STYLE =
  'body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.25rem 3rem;color:#1d2433}\n' +
  'pre{background:#f5f6f8;padding:.75rem;overflow-x:auto;font-size:.85rem}code{font-size:.9em}\n' +
  'table{border-collapse:collapse}' +
  'th,td{border:1px solid #d8dce3;padding:.3rem .5rem;text-align:left;vertical-align:top}\n' +
  'a{color:#1f4fd1}';

/** The guide is this repository's own Markdown, so its HTML is trusted; it is rendered once per process. */
export function docsRoutes(guidePath = GUIDE) {
  let page: string | null = null;
  const render = () =>
    (page ??=
      '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>Deploying the Seatwise extension</title><style>${STYLE}</style></head><body>` +
      `<p><a href="/#/settings">Back to Seatwise settings</a> · <a href="/docs/deployment.md">Markdown</a></p>` +
      `${marked.parse(readFileSync(guidePath, 'utf8'), { async: false })}</body></html>`);
  return new Hono()
    .get('/docs/deployment', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(render());
    })
    .get('/docs/deployment.md', (c) =>
      c.body(readFileSync(guidePath, 'utf8'), 200, { 'Content-Type': 'text/markdown; charset=utf-8' }),
    );
}
