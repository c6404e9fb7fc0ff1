// The extension packages browsers install by policy (update manifest, CRX, XPI) and what the policy text needs.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ExtensionDistribution } from '../contract.ts';
import type { ExtensionPackages } from '../extension-release/extension-packages.ts';
import { updateManifestXml } from '../extension-release/update-manifest.ts';
import { requireSignedIn } from '../middleware/principal.ts';
import { describeRoute } from '../openapi/route-meta.ts';

export const EXTENSION_PATHS = {
  updates: '/extension/updates.xml',
  crx: '/extension/seatwise.crx',
  xpi: '/extension/seatwise.xpi',
};

/** Absolute URLs, because browsers fetch them outside any page: from SEATWISE_PUBLIC_URL, else the request's origin. */
const baseUrlOf = (c: Context, publicUrl: string | undefined) =>
  (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');

const docs = {
  distribution: describeRoute({
    summary: 'Where browsers get the extension: the Chrome/Edge id, update manifest and CRX, the Firefox id and XPI',
    tags: ['devices'],
    description:
      "The Chrome/Edge id is this installation's: the server signs the CRX with its own key " +
      '(SEATWISE_EXTENSION_KEY_FILE, else a file beside the database).',
    responses: {
      200: {
        description: 'The distribution, with any reason a package cannot be served yet.',
        schema: ExtensionDistribution,
      },
    },
  }),
};

/** Public file routes: browsers fetch them without a session when a policy installs or updates the extension. */
export function extensionFileRoutes(packages: ExtensionPackages, publicUrl: string | undefined) {
  return new Hono<AppEnv>()
    .get(EXTENSION_PATHS.updates, (c) => {
      c.header('Cache-Control', 'no-cache');
      const xml = updateManifestXml({
        extensionId: packages.extensionId(),
        version: packages.version(),
        crxUrl: `${baseUrlOf(c, publicUrl)}${EXTENSION_PATHS.crx}`,
      });
      return c.body(xml, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
    })
    .get(EXTENSION_PATHS.crx, async (c) => {
      const crx = await packages.crx();
      return c.body(new Uint8Array(crx), 200, {
        'Content-Type': 'application/x-chrome-extension',
        'Cache-Control': 'no-cache',
      });
    })
    .get(EXTENSION_PATHS.xpi, (c) => {
      const { file } = packages.xpi();
      return c.body(new Uint8Array(file), 200, {
        'Content-Type': 'application/x-xpinstall',
        'Cache-Control': 'no-cache',
      });
    });
}

export function extensionDistributionRoutes(packages: ExtensionPackages, publicUrl: string | undefined) {
  return new Hono<AppEnv>().get('/extension', docs.distribution, requireSignedIn(), (c) => {
    const base = baseUrlOf(c, publicUrl);
    const release = packages.release();
    return c.json({
      version: release.version,
      chrome: release.chromeExtensionId
        ? {
            extensionId: release.chromeExtensionId,
            updateUrl: `${base}${EXTENSION_PATHS.updates}`,
            crxUrl: `${base}${EXTENSION_PATHS.crx}`,
          }
        : null,
      firefox: {
        extensionId: release.firefoxExtensionId,
        installUrl: `${base}${EXTENSION_PATHS.xpi}`,
        signed: release.firefoxSigned,
      },
      problems: release.problems,
    } satisfies ExtensionDistribution);
  });
}
