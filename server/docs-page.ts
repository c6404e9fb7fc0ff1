// Serves this repository's guides (docs/*.md) as pages and as Markdown, so people read them from their own server:
// the deployment guide for IT, the privacy notice for a works council or data-protection officer.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { marked } from 'marked';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../docs');

/** One guide: its address under /docs, its Markdown file, the page's title and where its back link goes. */
export type Guide = { slug: string; file: string; title: string; back: { href: string; text: string } };

export const GUIDES: Guide[] = [
  {
    slug: 'deployment',
    file: resolve(DOCS, 'deployment.md'),
    title: 'Deploying the Seatwise extension',
    back: { href: '/#/settings', text: 'Back to Seatwise settings' },
  },
  {
    slug: 'privacy',
    file: resolve(DOCS, 'privacy.md'),
    title: 'Seatwise and privacy',
    back: { href: '/', text: 'Back to Seatwise' },
  },
];

// Inline styles only: the server's CSP allows 'unsafe-inline' styles and no scripts, and these pages need none.
const STYLE =
  'body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.25rem 3rem;color:#1d2433}\n' +
  'pre{background:#f5f6f8;padding:.75rem;overflow-x:auto;font-size:.85rem}code{font-size:.9em}\n' +
  'table{border-collapse:collapse}' +
  'th,td{border:1px solid #d8dce3;padding:.3rem .5rem;text-align:left;vertical-align:top}\n' +
  'a{color:#1f4fd1}';

/** The guides are this repository's own Markdown, so their HTML is trusted; each is rendered once per process. */
export function docsRoutes(guides: Guide[] = GUIDES) {
  const app = new Hono();
  for (const guide of guides) {
    let page: string | null = null;
    const render = () =>
      (page ??=
        '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        `<title>${guide.title}</title><style>${STYLE}</style></head><body>` +
        `<p><a href="${guide.back.href}">${guide.back.text}</a> · <a href="/docs/${guide.slug}.md">Markdown</a></p>` +
        `${marked.parse(readFileSync(guide.file, 'utf8'), { async: false })}</body></html>`);
    app
      .get(`/docs/${guide.slug}`, (c) => {
        c.header('Cache-Control', 'no-cache');
        return c.html(render());
      })
      .get(`/docs/${guide.slug}.md`, (c) =>
        c.body(readFileSync(guide.file, 'utf8'), 200, { 'Content-Type': 'text/markdown; charset=utf-8' }),
      );
  }
  return app;
}
