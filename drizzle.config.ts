import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: ['./server/db/schema.ts', './server/db/schema-connectors.ts'],
  out: './server/db/migrations',
  dbCredentials: { url: 'file:data/drizzle-kit.db' },
});
