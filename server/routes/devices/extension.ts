// The extension's /devices routes: enroll with an enrollment token, download the catalog, upload usage totals, and
// read what the server holds about the device's person.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { Catalog, DeviceMe, EnrollBody, EnrollReply, UsageReply, UsageUpload } from '../../contract.ts';
import { TooLarge } from '../../errors.ts';
import { admitInTurn } from '../../middleware/admission.ts';
import { clientAddress } from '../../middleware/client-address.ts';
import { requireDevice } from '../../middleware/device.ts';
import { readNodeBody } from '../../middleware/node-body.ts';
import { allowAnyone } from '../../middleware/principal.ts';
import { validate } from '../../middleware/validate.ts';
import { describeRoute } from '../../openapi/route-meta.ts';
import { deviceCatalog } from '../../services/device-catalog.ts';
import { describeDevicePerson } from '../../services/device-me.ts';
import { enrollBrowser } from '../../services/enrollment.ts';
import { ingestUsage } from '../../services/usage-ingest.ts';

const USAGE_BODY_LIMIT = 1024 * 1024;
/** Uploads validated and checked at once (docs/architecture.md, ingest): the rest wait their turn. */
const UPLOADS_AT_ONCE = 16;

const tooLarge = (): never => {
  throw new TooLarge('payload_too_large', 'A usage upload may be at most 1 MB; send fewer records per request.');
};
const enrollTooLarge = (): never => {
  throw new TooLarge('payload_too_large', 'An enrollment request may be at most 16 kB.');
};

const docs = {
  enroll: describeRoute({
    summary: 'Enroll a browser with an enrollment token; the device token is shown once',
    tags: ['devices'],
    description:
      'Refused with 401 invalid_enrollment_token (unknown or revoked) or enrollment_token_expired, 409 ' +
      'enrollment_token_used_up (maxDevices reached), 403 email_not_allowed (outside the allowed domains, or not in ' +
      'the directory with knownPeopleOnly), and 429 too_many_attempts with Retry-After (more than 200 a minute from ' +
      'one address or 1,000 a minute with one token). A refused enrollment stores nothing.',
    responses: { 201: { description: 'The device and its token.', schema: EnrollReply } },
  }),
  catalog: describeRoute({
    summary: 'The apps and domains devices measure',
    tags: ['devices'],
    description: 'Answers 304 to If-None-Match with the current ETag, so devices refresh cheaply.',
    responses: {
      200: { description: 'The catalog.', schema: Catalog },
      304: { description: 'Unchanged since the ETag sent.' },
    },
  }),
  usage: describeRoute({
    summary: "Upload the device's running totals per app and day (an empty list is a heartbeat)",
    tags: ['devices'],
    description:
      'The server keeps the maximum per device, app and day, so retries change nothing. ' +
      'At most 1000 records and 1 MB. ' +
      '401 invalid_device_token when the device is unknown or revoked, also when it is revoked while the upload ' +
      'waits for its commit; nothing of a refused upload is stored.',
    responses: { 200: { description: 'Accepted.', schema: UsageReply } },
  }),
  me: describeRoute({
    summary: "What the server holds about the device's person: usage in the retention period, seats and their status",
    tags: ['devices'],
    description:
      'For the extension\'s "what your company sees": the email as stored (for a device enrolled through single ' +
      'sign-on, the one the identity provider vouched for), per app the seconds and days from the first day kept ' +
      'on, and each seat with its status as reconciliation gives it today. 401 invalid_device_token when revoked.',
    responses: { 200: { description: "The device's person as the server holds them.", schema: DeviceMe } },
  }),
};

export function deviceRoutes(deps: AppDeps) {
  const { db } = deps;
  const uploadsInTurn = admitInTurn(UPLOADS_AT_ONCE);
  return new Hono<AppEnv>()
    .post(
      '/devices/enroll',
      docs.enroll,
      allowAnyone(),
      bodyLimit({ maxSize: 16 * 1024, onError: enrollTooLarge }),
      validate('json', EnrollBody),
      async (c) => {
        const address = clientAddress(c, deps.trustProxy ?? false);
        const enrolled = await enrollBrowser(deps, c.req.valid('json'), address);
        return c.json(enrolled satisfies EnrollReply, 201);
      },
    )
    .get('/devices/catalog', docs.catalog, requireDevice(db), async (c) => {
      const catalog = await deviceCatalog(db);
      const etag = `"${catalog.version}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'no-cache');
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      return c.json(catalog);
    })
    .get('/devices/me', docs.me, requireDevice(db), async (c) => {
      const me = await describeDevicePerson(db, c.get('device').id, deps.now());
      c.header('Cache-Control', 'no-store');
      return c.json(me satisfies DeviceMe);
    })
    .post(
      '/devices/usage',
      docs.usage,
      requireDevice(db, { uploads: true }),
      readNodeBody(USAGE_BODY_LIMIT, tooLarge),
      // After the token and the whole body: a client without a token, or one sending its body slowly, never holds a
      // turn that the fleet's uploads wait for.
      uploadsInTurn,
      validate('json', UsageUpload, {
        codeFor: (issues) =>
          issues.some((i) => i.code === 'too_big' && i.path.length === 1 && i.path[0] === 'records')
            ? 'too_many_records'
            : undefined,
      }),
      async (c) => {
        // The turn ends once the upload waits for its commit: what is left is the write thread's.
        const accepted = await ingestUsage(deps, c.get('device').id, c.req.valid('json').records, c.get('endTurn'));
        return c.json({ accepted } satisfies UsageReply);
      },
    );
}
