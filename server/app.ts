// Builds the Hono app: middleware, the API v1 routes, health, the dashboard, and the one error shape.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-env.ts';
import { dashboard } from './dashboard.ts';
import { readProblem, writeProbe } from './db/health.ts';
import { docsRoutes } from './docs-page.ts';
import { NotFound, TooLarge } from './errors.ts';
import { errorReply } from './middleware/error-reply.ts';
import { extensionCors } from './middleware/extension-cors.ts';
import { allowAnyone, resolvePrincipal } from './middleware/principal.ts';
import { pseudonymiseReplies } from './middleware/pseudonymise.ts';
import { closeAfterUnreadBody } from './middleware/request-body.ts';
import { sameOriginWrites } from './middleware/same-origin.ts';
import { openApiDocument } from './openapi/document.ts';
import { describeRoute } from './openapi/route-meta.ts';
import { writeAtomicallyOffThread } from './queries/statements.ts';
import { alertRoutes } from './routes/alerts.ts';
import { appRoutes } from './routes/apps.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { connectorRoutes } from './routes/connectors.ts';
import { contractImportRoutes } from './routes/contract-import.ts';
import { coverageRoutes } from './routes/coverage.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { deviceAdminRoutes } from './routes/devices/admin.ts';
import { deviceRoutes } from './routes/devices/extension.ts';
import { discoveredRoutes } from './routes/discovered.ts';
import { enrollmentTokenRoutes } from './routes/enrollment-tokens.ts';
import { extensionDistributionRoutes, extensionFileRoutes } from './routes/extension-files.ts';
import { meRoutes } from './routes/me.ts';
import { merchantRuleRoutes } from './routes/merchant-rules.ts';
import { peopleRoutes } from './routes/people.ts';
import { personExportRoutes } from './routes/person-export.ts';
import { personOffboardingRoutes } from './routes/person-offboarding.ts';
import { personSeatRoutes } from './routes/person-seats.ts';
import { personUsageRoutes } from './routes/person-usage.ts';
import { purchaseRecordRoutes } from './routes/purchase-records.ts';
import { reclaimLinkRoutes } from './routes/reclaim-links.ts';
import { reclaimRoutes } from './routes/reclaims.ts';
import { reconciliationRoutes } from './routes/reconciliation.ts';
import { reportRoutes } from './routes/reports.ts';
import { savingsRoutes } from './routes/savings.ts';
import { seatImportRoutes } from './routes/seat-import.ts';
import { seatRoutes } from './routes/seats.ts';
import { sessionRoutes } from './routes/session.ts';
import { settingsRoutes } from './routes/settings.ts';
import { settingsAlertRoutes } from './routes/settings-alerts.ts';
import { settingsEnrollmentRoutes } from './routes/settings-enrollment.ts';
import { settingsPrivacyRoutes } from './routes/settings-privacy.ts';
import { settingsSmtpRoutes } from './routes/settings-smtp.ts';
import { setupRoutes } from './routes/setup.ts';
import { spendRoutes } from './routes/spend.ts';
import { ssoRoutes } from './routes/sso.ts';
import { subscriptionPurchaseRecordRoutes } from './routes/subscription-purchase-records.ts';
import { subscriptionReconciliationRoutes } from './routes/subscription-reconciliation.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { usageRoutes } from './routes/usage.ts';
import { userRoutes } from './routes/users.ts';
import { vendorAliasRoutes } from './routes/vendor-aliases.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { SEATWISE_VERSION } from './version.ts';

const JSON_BODY_LIMIT = 1024 * 1024;
const EXTENSION_ORIGIN = /^(chrome|moz|ms-browser)-extension:\/\/[a-z0-9-]+$/i;

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', closeAfterUnreadBody());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  // The extension calls from its own origin; no broad host permissions are needed in the extension.
  app.use(
    '/api/v1/devices/*',
    extensionCors({
      origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
      allowMethods: ['GET', 'POST'],
      exposeHeaders: ['ETag'],
      maxAge: 86_400,
    }),
  );
  // JSON replies go out gzipped to clients that accept it: the overview's reconciliation of a few hundred
  // subscriptions is a few hundred kB of repetitive JSON, about a tenth of that compressed. Only JSON: Chrome's
  // extension updater did not install from a gzipped update manifest (journey-enrollment-policy).
  // Not the extension's replies: a few bytes each, hundreds a second from a fleet, and compressing them (the JSON has
  // no length, so hono compresses whatever its size) cost a tenth of the server's time under fleet ingest.
  const compressJson = compress({ encoding: 'gzip', contentTypeFilter: /^application\/json/ });
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/v1/devices/') ? next() : compressJson(c, next)));
  // API replies hold people's data: no browser or proxy keeps them unless a route says otherwise (the catalog).
  // Set on the reply's own headers: `c.header` after the handler rebuilds the reply as a streamed Response.
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use('/api/*', sameOriginWrites(deps.publicUrl));
  // JSON bodies are small; CSV imports (paths ending in /import) set their own, larger limit.
  const jsonBodyLimit = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new TooLarge('payload_too_large', `A request body may be at most ${JSON_BODY_LIMIT / 1024 / 1024} MB.`);
    },
  });
  // Usage uploads read their body with a limit of their own, from Node's request (middleware/node-body.ts).
  const ownBodyLimit = (path: string) => path.endsWith('/import') || path === '/api/v1/devices/usage';
  app.use('/api/*', async (c, next) => (ownBodyLimit(c.req.path) ? next() : jsonBodyLimit(c, next)));
  app.use('/api/v1/*', resolvePrincipal(deps.db, deps.now));
  // Works-council mode (DESIGN section 10): finance and viewer see pseudonyms in every reply.
  app.use('/api/v1/*', pseudonymiseReplies(deps.db, deps.now));
  // A self-hosted admin tool has nothing for search engines; without this the dashboard's HTML would answer.
  app.get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /\n'));

  // Answers and accepts writes: a full disk or a read-only file makes the instance unhealthy, not only its requests.
  // The probe writes on the write thread, whose wait for the lock (another connection writing) stops no request.
  const canWrite = writeProbe((statement) => writeAtomicallyOffThread(deps.db, [statement]));
  // Probed once now, so the first health check finds an answer instead of waiting for the thread to start.
  void canWrite();
  app.get('/healthz', async (c) => {
    const cannotRead = await readProblem(deps.db.$client);
    if (cannotRead) return c.json({ ok: false, problem: `cannot read: ${cannotRead}` }, 503);
    const write = await canWrite();
    return write.ok ? c.json({ ok: true }) : c.json(write, 503);
  });

  const api = new Hono<AppEnv>()
    .route('/', authRoutes(deps))
    .route('/', meRoutes())
    .route('/', sessionRoutes())
    .route('/', setupRoutes(deps))
    .route('/', tokenRoutes(deps))
    .route('/', enrollmentTokenRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/', deviceRoutes(deps))
    .route('/', deviceAdminRoutes(deps))
    .route('/', peopleRoutes(deps))
    .route('/', personSeatRoutes(deps))
    .route('/', personUsageRoutes(deps))
    .route('/', personExportRoutes(deps))
    .route('/', appRoutes(deps))
    .route('/', discoveredRoutes(deps))
    .route('/', contractImportRoutes(deps))
    .route('/', subscriptionRoutes(deps))
    .route('/', subscriptionPurchaseRecordRoutes(deps))
    .route('/', purchaseRecordRoutes(deps))
    .route('/', vendorAliasRoutes(deps))
    .route('/', seatRoutes(deps))
    .route('/', seatImportRoutes(deps))
    .route('/', reconciliationRoutes(deps))
    .route('/', subscriptionReconciliationRoutes(deps))
    .route('/', usageRoutes(deps))
    .route('/', coverageRoutes(deps))
    .route('/', settingsRoutes(deps))
    .route('/', settingsEnrollmentRoutes(deps))
    .route('/', alertRoutes(deps))
    .route('/', settingsAlertRoutes(deps))
    .route('/', settingsSmtpRoutes(deps))
    .route('/', settingsPrivacyRoutes(deps))
    .route('/', webhookRoutes(deps))
    .route('/', connectorRoutes(deps))
    .route('/', personOffboardingRoutes(deps))
    .route('/', deliveryRoutes(deps))
    .route('/', reclaimRoutes(deps))
    .route('/', savingsRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', spendRoutes(deps))
    .route('/', merchantRuleRoutes(deps))
    .route('/', auditRoutes(deps));
  if (deps.extension) api.route('/', extensionDistributionRoutes(deps.extension, deps.publicUrl));
  app.route('/api/v1', api);

  let described: ReturnType<typeof openApiDocument> | undefined;
  app.get(
    '/api/openapi.json',
    describeRoute({
      summary: 'This API described as OpenAPI 3.1',
      tags: ['meta'],
      responses: { 200: { description: 'The OpenAPI document.', contentType: 'application/json' } },
    }),
    allowAnyone(),
    (c) => {
      described ??= openApiDocument(app.routes, deps.version ?? SEATWISE_VERSION);
      return c.json(described);
    },
  );

  // Signing in through the identity provider: browser navigations with pages of their own, outside the API.
  app.route('/', ssoRoutes(deps));
  // The keep-or-release page from reclaim emails: outside the API, no sign-in, the signed link is the credential.
  app.route('/', reclaimLinkRoutes(deps));
  // What IT needs to deploy the extension, from this server: the guide, and the packages the policy points at.
  app.route('/', docsRoutes());
  if (deps.extension) app.route('/', extensionFileRoutes(deps.extension, deps.publicUrl));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) {
      return errorReply(new NotFound('not_found', `No API route ${c.req.method} ${c.req.path}.`), c);
    }
    return errorReply(new NotFound('not_found', 'Not found.'), c);
  });
  if (deps.dashboardDir) app.route('/', dashboard(deps.dashboardDir));

  app.onError(errorReply);

  return app;
}

export type SeatwiseApp = ReturnType<typeof createApp>;
