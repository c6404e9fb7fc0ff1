// The extension's API: enroll with an enrollment token (within the enrollment rules), download the catalog, upload usage totals.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../app-env.ts';
import {
  ENROLL_PER_ADDRESS,
  ENROLL_PER_TOKEN,
  type WindowRule,
  windowRetryAfterSeconds,
} from '../auth/enroll-throttle.ts';
import { addressKey } from '../auth/login-throttle.ts';
import { Catalog, EnrollBody, EnrollReply, UsageReply, UsageUpload } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { enrollmentRefusal } from '../domain/enrollment-policy.ts';
import { checkUsageDays } from '../domain/usage-rules.ts';
import { Conflict, Forbidden, Invalid, RateLimited, TooLarge, Unauthenticated } from '../errors.ts';
import { clientAddress } from '../middleware/client-address.ts';
import { requireDevice } from '../middleware/device.ts';
import { allowAnyone } from '../middleware/principal.ts';
import { validate } from '../middleware/validate.ts';
import { describeRoute } from '../openapi/route-meta.ts';
import { getDeviceCatalog, listApps } from '../queries/apps.ts';
import { enrollDevice, findPersonForEnrollment } from '../queries/enrollment.ts';
import { getEnrollmentSettings } from '../queries/enrollment-settings.ts';
import { countInWindow, pruneFailures } from '../queries/rate-limits.ts';
import { findLiveEnrollmentToken } from '../queries/tokens.ts';
import { saveUsage } from '../queries/usage.ts';

const USAGE_BODY_LIMIT = 1024 * 1024;
/** As long as sign-in throttling remembers a counter, so pruning here never forgets one of its counters early. */
const COUNTERS_KEPT_MS = 24 * 60 * 60 * 1000;

const tooLarge = () => {
  throw new TooLarge('payload_too_large', 'A usage upload may be at most 1 MB; send fewer records per request.');
};

/** Counts the attempt under `key`; over the rule's limit answers 429 too_many_attempts with Retry-After. */
async function throttle(db: Db, key: string, rule: WindowRule, at: Date, what: string): Promise<void> {
  const count = await countInWindow(db, key, rule, at.getTime());
  // A new window is the moment to drop counters nobody has used for a day (addresses come and go).
  if (count.count === 1) await pruneFailures(db, at.getTime() - COUNTERS_KEPT_MS);
  const wait = windowRetryAfterSeconds(rule, count, at.getTime());
  if (wait === null) return;
  throw new RateLimited('too_many_attempts', `Too many enrollments from ${what}; try again in ${wait} seconds.`, wait);
}

export function deviceRoutes({ db, now, trustProxy }: AppDeps) {
  return new Hono<AppEnv>()
    .post(
      '/devices/enroll',
      describeRoute({
        summary: 'Enroll a browser with an enrollment token; the device token is shown once',
        tags: ['devices'],
        description:
          'Refused with 401 invalid_enrollment_token (unknown or revoked) or enrollment_token_expired, 409 enrollment_token_used_up (maxDevices reached), 403 email_not_allowed (outside the allowed domains, or not in the directory with knownPeopleOnly), and 429 too_many_attempts with Retry-After (more than 200 a minute from one address or 1,000 a minute with one token). A refused enrollment stores nothing.',
        responses: { 201: { description: 'The device and its token.', schema: EnrollReply } },
      }),
      allowAnyone(),
      bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }),
      validate('json', EnrollBody),
      async (c) => {
        const body = c.req.valid('json');
        const at = now();
        // Counted before the token is looked at, so guessing tokens is slowed down as much as using one.
        await throttle(
          db,
          `enroll:address:${addressKey(clientAddress(c, trustProxy ?? false))}`,
          ENROLL_PER_ADDRESS,
          at,
          'this address',
        );
        const enrollment = await findLiveEnrollmentToken(db, body.enrollmentToken);
        if (!enrollment) {
          throw new Unauthenticated(
            'invalid_enrollment_token',
            'The enrollment token is unknown or was revoked; ask IT for the current one.',
          );
        }
        if (enrollment.expiresAt && enrollment.expiresAt.getTime() <= at.getTime()) {
          throw new Unauthenticated(
            'enrollment_token_expired',
            'The enrollment token has expired; ask IT for the current one.',
          );
        }
        await throttle(db, `enroll:token:${enrollment.id}`, ENROLL_PER_TOKEN, at, 'this enrollment token');
        const refusal = enrollmentRefusal(
          await getEnrollmentSettings(db),
          body.email,
          await findPersonForEnrollment(db, body.email),
        );
        if (refusal) throw new Forbidden('email_not_allowed', refusal);
        const enrolled = await enrollDevice(db, {
          ...body,
          enrollmentTokenId: enrollment.id,
          actor: `enrollment_token:${enrollment.label ?? enrollment.id}`,
        });
        if (enrolled === 'used_up') {
          throw new Conflict(
            'enrollment_token_used_up',
            'The enrollment token has enrolled as many devices as it may; ask IT for another one.',
          );
        }
        return c.json(enrolled satisfies EnrollReply, 201);
      },
    )
    .get(
      '/devices/catalog',
      describeRoute({
        summary: 'The apps and domains devices measure',
        tags: ['devices'],
        description: 'Answers 304 to If-None-Match with the current ETag, so devices refresh cheaply.',
        responses: {
          200: { description: 'The catalog.', schema: Catalog },
          304: { description: 'Unchanged since the ETag sent.' },
        },
      }),
      requireDevice(db),
      async (c) => {
        const catalog = await getDeviceCatalog(db);
        const etag = `"${catalog.version}"`;
        c.header('ETag', etag);
        c.header('Cache-Control', 'no-cache');
        if (c.req.header('if-none-match') === etag) return c.body(null, 304);
        return c.json(catalog);
      },
    )
    .post(
      '/devices/usage',
      describeRoute({
        summary: "Upload the device's running totals per app and day (an empty list is a heartbeat)",
        tags: ['devices'],
        description:
          'The server keeps the maximum per device, app and day, so retries change nothing. At most 1000 records and 1 MB.',
        responses: { 200: { description: 'Accepted.', schema: UsageReply } },
      }),
      requireDevice(db),
      bodyLimit({ maxSize: USAGE_BODY_LIMIT, onError: tooLarge }),
      validate('json', UsageUpload, {
        codeFor: (issues) =>
          issues.some((i) => i.code === 'too_big' && i.path.length === 1 && i.path[0] === 'records')
            ? 'too_many_records'
            : undefined,
      }),
      async (c) => {
        const { records } = c.req.valid('json');
        const at = now();
        const dayProblem = checkUsageDays(records, at);
        if (dayProblem) throw new Invalid('invalid_day', dayProblem);
        const known = new Set((await listApps(db)).map((app) => app.id));
        const unknown = records.find((record) => !known.has(record.appId));
        if (unknown) throw new Invalid('unknown_app', `records: "${unknown.appId}" is not an app in the catalog.`);
        await saveUsage(db, c.get('device').id, records, at);
        return c.json({ accepted: records.length } satisfies UsageReply);
      },
    );
}
