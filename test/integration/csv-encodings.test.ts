// Spreadsheets save CSV in more than one encoding: a Windows-1252 HR export from Excel and a UTF-16 seat list import
// with their names intact and a warning naming the encoding; UTF-8 files get no such warning.
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let admin: { cookie: string };

beforeEach(async () => {
  server = await createTestServer();
  admin = await server.login();
});
afterEach(async () => server.close());

const HR = [
  'Email,Name,Department',
  'zoe@example.com,Zoë Müller-Lefèvre,Ventes & Marketing €',
  'bjorn@example.com,Björn Ångström,Søftware',
  '',
].join('\r\n');

async function post(path: string, body: Uint8Array, contentType = 'text/csv') {
  const response = await server.app.request(path, {
    method: 'POST',
    headers: { 'content-type': contentType, cookie: admin.cookie },
    body: new Blob([body as Uint8Array<ArrayBuffer>]),
  });
  return { status: response.status, json: await response.json() };
}

const names = async () =>
  (await server.call('GET', '/api/v1/people', undefined, admin)).json.people.map(
    (p: { email: string; name: string; department: string }) => [p.email, p.name, p.department],
  );

describe('CSV files in the encodings spreadsheets save', () => {
  it.each([
    ['Windows-1252, as Excel saves "CSV"', iconv.encode(HR, 'win1252'), /Windows-1252/],
    [
      'UTF-16 with a BOM, as Excel saves "Unicode text"',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(HR, 'utf16le')]),
      /UTF-16/,
    ],
    ['UTF-8', Buffer.from(HR), null],
  ])('imports people from %s with their names intact', async (_name, bytes, warning) => {
    const { status, json } = await post('/api/v1/people/import', new Uint8Array(bytes));
    expect(status, JSON.stringify(json)).toBe(200);
    if (warning) expect(json.warnings[0]).toMatch(warning);
    else expect(json.warnings.join(' ')).not.toMatch(/UTF-16|Windows-1252/);
    expect(await names()).toEqual(
      expect.arrayContaining([
        ['zoe@example.com', 'Zoë Müller-Lefèvre', 'Ventes & Marketing €'],
        ['bjorn@example.com', 'Björn Ångström', 'Søftware'],
      ]),
    );
  });

  it('imports a UTF-16 seat list sent as a multipart form, and says so in the preview', async () => {
    const { json: sub } = await server.call(
      'POST',
      '/api/v1/subscriptions',
      { appId: 'slack', plan: 'Pro', metric: 'named_user', seats: 5, unitCost: 100, currency: 'USD' },
      admin,
    );
    const csv = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('Email,Full name\r\nrené@example.com,René Čapek\r\n', 'utf16le'),
    ]);
    const form = new FormData();
    form.set('file', new File([new Uint8Array(csv)], 'members.csv', { type: 'text/csv' }));
    const response = await server.app.request(`/api/v1/subscriptions/${sub.id}/seats/import?dryRun=true`, {
      method: 'POST',
      headers: { cookie: admin.cookie },
      body: form,
    });
    const reply = await response.json();
    expect(response.status, JSON.stringify(reply)).toBe(200);
    expect(reply.added).toBe(1);
    expect(reply.warnings[0]).toMatch(/UTF-16/);
  });
});
