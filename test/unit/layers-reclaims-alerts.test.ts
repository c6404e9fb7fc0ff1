// The layer rules for the reclaims, alerts and notifications area (docs: what may import what): routes reach the
// data only through services, queries raise no errors and send nothing, transports read no data. Read from the
// sources' import lines, so a new shortcut fails here before review.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER = resolve(dirname(fileURLToPath(import.meta.url)), '../../server');

/** The server modules a file imports, as paths under server/ (e.g. `queries/alerts.ts`). */
function serverImports(file: string): string[] {
  const source = readFileSync(join(SERVER, file), 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(SERVER, resolve(dirname(join(SERVER, file)), specifier)));
}

const ROUTES = ['alerts', 'reclaims', 'reclaim-links', 'savings', 'settings-alerts', 'settings-smtp', 'webhooks'];
const QUERIES = ['alert-facts', 'alert-settings', 'alerts', 'reclaim-email', 'reclaims', 'savings', 'webhooks'];
const MORE_QUERIES = ['reclaim-create', 'reclaim-steps', 'link-secret', 'outbox', 'delivery-log', 'job-leases'];
const NOTIFY = ['messages', 'smtp-transport', 'webhook-transport', 'signature', 'outcome'];

describe.each([...ROUTES, 'deliveries'].map((name) => `routes/${name}.ts`))('%s', (file) => {
  it('imports no data access, transport, job or error: only the contract, middleware, services, the domain', () => {
    const reached = serverImports(file).filter((path) => /^(db\/|queries\/|notify\/|jobs\/|errors\.ts)/.test(path));
    expect(reached).toEqual([]);
  });
});

describe.each([...QUERIES, ...MORE_QUERIES, 'statements'].map((name) => `queries/${name}.ts`))('%s', (file) => {
  it('imports no errors, services, transports or jobs: it returns data and lets the service decide', () => {
    const reached = serverImports(file).filter((path) => /^(errors\.ts|services\/|notify\/|jobs\/)/.test(path));
    expect(reached).toEqual([]);
  });
});

describe.each(NOTIFY.map((name) => `notify/${name}.ts`))('%s', (file) => {
  it('reads and writes no data: the outbox is queries/, deciding what to send is services/', () => {
    const reached = serverImports(file).filter((path) => /^(db|queries|services)\//.test(path));
    expect(reached).toEqual([]);
  });
});

describe('the area runs no raw SQL outside queries/', () => {
  it.each([
    ...ROUTES.map((name) => `routes/${name}.ts`),
    ...NOTIFY.map((name) => `notify/${name}.ts`),
    'jobs/scheduler.ts',
    'jobs/run-now.ts',
    'jobs/server-jobs.ts',
  ])('%s', (file) => {
    expect(readFileSync(join(SERVER, file), 'utf8')).not.toMatch(/\$client/);
  });
});
