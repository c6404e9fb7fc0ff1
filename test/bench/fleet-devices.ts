// A bench database with one enrolled device per person, written in bulk (the bench measures ingest, not enrollment).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { hashToken, newSecretToken } from '../../server/auth/secret-token.ts';
import { openDatabase } from '../../server/db/client.ts';
import { seedCatalog } from '../../server/queries/apps.ts';

export type BenchDevice = { id: string; token: string };

export async function databaseWithDevices(dir: string, name: string, people: { email: string; department: string }[]) {
  const db = await openDatabase({ url: `file:${join(dir, name)}` });
  await seedCatalog(db);
  const devices: BenchDevice[] = people.map(() => ({ id: randomUUID(), token: newSecretToken('device') }));
  for (let i = 0; i < people.length; i += 2_000) {
    const chunk = people.slice(i, i + 2_000);
    await db.$client.batch(
      [
        {
          sql: `insert into people (email, department) values ${chunk.map(() => '(?, ?)').join(',')}`,
          args: chunk.flatMap((p) => [p.email, p.department]),
        },
        {
          sql:
            'insert into devices (id, person_id, browser, extension_version, token_hash) values ' +
            chunk.map(() => "(?, (select id from people where email = ?), 'chrome', 'bench', ?)").join(','),
          args: chunk.flatMap((p, k) => [devices[i + k]!.id, p.email, hashToken(devices[i + k]!.token)]),
        },
      ],
      'write',
    );
  }
  return { db, devices };
}
