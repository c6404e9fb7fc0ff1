// The server's layers (the README's layout): reads the import lines of every file under server/ and names each import
// that crosses a layer the wrong way, so a route that reaches for the database fails here, not in review.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER = join(ROOT, 'server');

type Rule = {
  /** Who the rule is about: a path under server/ ('routes/' is a folder, 'errors.ts' one file). */
  layer: string[];
  /** What that layer may not import. */
  forbidden: string[];
  /** With `only`, everything outside these is forbidden too. */
  only?: string[];
  why: string;
};

const RULES: Rule[] = [
  {
    layer: ['routes/'],
    forbidden: ['db/', 'queries/', 'notify/', 'jobs/'],
    why: 'a route validates, calls one service and renders',
  },
  {
    layer: ['queries/'],
    forbidden: ['errors.ts', 'notify/', 'services/', 'jobs/', 'routes/', 'middleware/'],
    why: 'a query is typed data access: data or null, no errors, no side effects',
  },
  {
    layer: ['domain/'],
    forbidden: [],
    only: ['domain/', 'contract.ts', 'contract/'],
    why: 'the domain is pure: only the domain and the wire contract',
  },
  {
    layer: ['contract.ts', 'contract/'],
    forbidden: [],
    only: ['contract.ts', 'contract/', 'domain/'],
    why: 'the wire contract is shared with the extension and the dashboard',
  },
  {
    layer: ['middleware/'],
    forbidden: ['db/', 'queries/', 'notify/', 'jobs/', 'routes/'],
    why: 'middleware is transport (auth, origin, body, validation); what it looks up goes through a service',
  },
  {
    layer: ['services/'],
    forbidden: ['routes/', 'middleware/'],
    why: 'services know nothing of HTTP',
  },
  {
    layer: ['notify/'],
    forbidden: ['db/', 'queries/', 'services/', 'jobs/', 'routes/', 'middleware/'],
    why: 'notify/ is message text and transports: the outbox is queries/, deciding what to send is services/',
  },
  {
    layer: ['scim/'],
    forbidden: ['db/', 'queries/', 'services/', 'jobs/', 'routes/', 'middleware/', 'errors.ts'],
    why: 'scim/ talks to vendors: the services read the connector, open its token and record what happened',
  },
];

/** SQL goes through the database client only in queries/ and db/; elsewhere the client is only opened and closed. */
const RUNS_SQL = /\$client\.(execute|batch|transaction|executeMultiple|migrate)\b/;
const MAY_RUN_SQL = ['queries/', 'db/'];

/**
 * Imports that break a rule today, each as `file -> import`; the list only shrinks (the last test below fails on an
 * entry that is already gone).
 */
const KNOWN_EXCEPTIONS = new Set<string>([]);

const inside = (path: string, prefixes: string[]) =>
  prefixes.some((prefix) => (prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix));

/** Every .ts file under server/, as a path relative to server/. */
function serverFiles(dir = SERVER): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : serverFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SERVER, path)] : [];
  });
}

/** The server files a source imports (static, type-only, re-exports and dynamic), relative to server/. */
function importsOf(file: string, source: string): string[] {
  // TypeScript's own scanner: it knows every import form, comments and strings, which a regex would not.
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SERVER, resolve(SERVER, dirname(file), name)));
}

/** `file -> import (why)` for every import of `file` that breaks a rule. */
function violations(file: string, imports: string[]): string[] {
  const found: string[] = [];
  for (const rule of RULES) {
    if (!inside(file, rule.layer)) continue;
    for (const target of imports) {
      const outsideOnly = rule.only !== undefined && !inside(target, rule.only);
      if (inside(target, rule.forbidden) || outsideOnly) found.push(`server/${file} -> ${target} (${rule.why})`);
    }
  }
  return found;
}

const entryOf = (violation: string) => violation.replace(/ \(.*\)$/, '');

describe('the rules catch what they are about', () => {
  it.each([
    ['routes/devices.ts', 'db/client.ts'],
    ['routes/users.ts', 'queries/users.ts'],
    ['routes/alerts.ts', 'jobs/run-now.ts'],
    ['routes/x.ts', 'notify/send.ts'],
    ['queries/seats.ts', 'errors.ts'],
    ['queries/x.ts', 'notify/outbox.ts'],
    ['queries/x.ts', 'services/changes.ts'],
    ['queries/x.ts', 'jobs/lease.ts'],
    ['domain/x.ts', 'queries/seats.ts'],
    ['domain/x.ts', 'safe-log.ts'],
    ['contract/auth.ts', 'db/schema.ts'],
    ['contract.ts', 'errors.ts'],
    ['middleware/device.ts', 'queries/devices.ts'],
    ['services/x.ts', 'middleware/principal.ts'],
    ['notify/messages.ts', 'queries/outbox.ts'],
    ['notify/smtp-transport.ts', 'services/deliveries.ts'],
  ])('%s importing %s is refused', (file, target) => {
    expect(violations(file, [target])).toHaveLength(1);
  });

  it.each([
    ['routes/users.ts', 'services/users.ts'],
    ['routes/users.ts', 'contract.ts'],
    ['queries/users.ts', 'db/schema.ts'],
    ['domain/x.ts', 'contract/primitives.ts'],
    ['contract/auth.ts', 'domain/days.ts'],
    ['services/users.ts', 'queries/users.ts'],
    ['middleware/principal.ts', 'services/principals.ts'],
    ['notify/smtp-transport.ts', 'domain/smtp-config.ts'],
    ['jobs/server-jobs.ts', 'services/deliveries.ts'],
  ])('%s importing %s is fine', (file, target) => {
    expect(violations(file, [target])).toEqual([]);
  });

  it('reads every kind of import line, and resolves them from the importing file', () => {
    const source = [
      "import { a } from '../queries/a.ts';",
      "import type { B } from '../db/client.ts';",
      "export { c } from './c.ts';",
      "const d = await import('../jobs/d.ts');",
      "import { z } from 'zod';",
      "// import { e } from '../notify/e.ts';",
    ].join('\n');
    expect(importsOf('routes/x.ts', source)).toEqual(['queries/a.ts', 'db/client.ts', 'routes/c.ts', 'jobs/d.ts']);
  });
});

describe('the server keeps its layers', () => {
  const files = serverFiles();
  const found = files.flatMap((file) => violations(file, importsOf(file, readFileSync(join(SERVER, file), 'utf8'))));

  it('reads the whole server', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('routes/users.ts');
  });

  it('has no import across a layer the wrong way, except the known ones being moved', () => {
    expect(found.filter((violation) => !KNOWN_EXCEPTIONS.has(entryOf(violation)))).toEqual([]);
  });

  it('runs SQL through the database client only in queries/ and db/', () => {
    const running = files.filter(
      (file) => !inside(file, MAY_RUN_SQL) && RUNS_SQL.test(readFileSync(join(SERVER, file), 'utf8')),
    );
    expect(running).toEqual([]);
    expect(RUNS_SQL.test("await db.$client.execute('select 1')")).toBe(true);
    expect(RUNS_SQL.test('db.$client.close();')).toBe(false);
  });

  it('lists no known exception that is already gone', () => {
    const current = new Set(found.map(entryOf));
    expect([...KNOWN_EXCEPTIONS].filter((entry) => !current.has(entry))).toEqual([]);
  });
});
