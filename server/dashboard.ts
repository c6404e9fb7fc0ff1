// Serves the built dashboard: its static files, and index.html for every other non-API path (client routes).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export function dashboard(dashboardDir: string) {
  // serveStatic resolves its root against the working directory, so hand it a relative path.
  const root = relative(process.cwd(), dashboardDir) || '.';
  const indexPath = join(dashboardDir, 'index.html');
  const app = new Hono();
  // Vite puts a content hash in every asset name, so browsers may keep them for good.
  app.use('/assets/*', async function immutableAssets(c, next) {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root }));
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    try {
      c.header('Cache-Control', 'no-cache');
      return c.html(readFileSync(indexPath, 'utf8'));
    } catch {
      return c.text('The dashboard is not built: run `npm run build:dashboard` (npm start does this).', 503);
    }
  });
  return app;
}
