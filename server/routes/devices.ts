// The extension's API: enroll with an enrollment token, download the catalog, upload usage totals.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EnrollBody, UsageUpload, type EnrollReply, type UsageReply } from '../contract.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AppError } from '../errors.ts';
import { requireDevice } from '../middleware/device.ts';
import { validate } from '../middleware/validate.ts';
import { getDeviceCatalog, listApps } from '../queries/apps.ts';
import { enrollDevice } from '../queries/devices.ts';
import { isLiveEnrollmentToken } from '../queries/tokens.ts';
import { saveUsage } from '../queries/usage.ts';
import { checkUsageDays } from '../domain/usage-rules.ts';

const USAGE_BODY_LIMIT = 1024 * 1024;

const tooLarge = () => {
  throw new AppError(413, 'payload_too_large', 'A usage upload may be at most 1 MB; send fewer records per request.');
};

export function deviceRoutes({ db, now }: AppDeps) {
  return new Hono<AppEnv>()
    .post('/devices/enroll', bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }), validate('json', EnrollBody), async (c) => {
      const body = c.req.valid('json');
      if (!(await isLiveEnrollmentToken(db, body.enrollmentToken))) {
        throw new AppError(401, 'invalid_enrollment_token', 'The enrollment token is unknown or was revoked; ask IT for the current one.');
      }
      const enrolled = await enrollDevice(db, body);
      return c.json(enrolled satisfies EnrollReply, 201);
    })
    .get('/devices/catalog', requireDevice(db), async (c) => {
      const catalog = await getDeviceCatalog(db);
      const etag = `"${catalog.version}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'no-cache');
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      return c.json(catalog);
    })
    .post(
      '/devices/usage',
      requireDevice(db),
      bodyLimit({ maxSize: USAGE_BODY_LIMIT, onError: tooLarge }),
      validate('json', UsageUpload, {
        codeFor: (issues) =>
          issues.some((i) => i.code === 'too_big' && i.path.length === 1 && i.path[0] === 'records') ? 'too_many_records' : undefined,
      }),
      async (c) => {
        const { records } = c.req.valid('json');
        const at = now();
        const dayProblem = checkUsageDays(records, at);
        if (dayProblem) throw new AppError(400, 'invalid_day', dayProblem);
        const known = new Set((await listApps(db)).map((app) => app.id));
        const unknown = records.find((record) => !known.has(record.appId));
        if (unknown) throw new AppError(400, 'unknown_app', `records: "${unknown.appId}" is not an app in the catalog.`);
        await saveUsage(db, c.get('device').id, records, at);
        return c.json({ accepted: records.length } satisfies UsageReply);
      },
    );
}
