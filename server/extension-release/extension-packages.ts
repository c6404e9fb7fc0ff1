// The built extension as this server hands it out: a CRX signed with the installation's key, and the Firefox package.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import crx3 from 'crx3';
import { Unavailable } from '../errors.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

/** The Firefox add-on id is fixed in the manifest (browser_specific_settings), not derived from a key. */
export const FIREFOX_EXTENSION_ID = 'extension@seatwise.dev';

export type ExtensionPackagesOptions = {
  /** `dist/extension`, where `npm run build:extension` writes both builds and both zips. */
  distDir: string;
  /** The CRX signing key's file; null when none can be kept (a remote database and no SEATWISE_EXTENSION_KEY_FILE). */
  keyPath: string | null;
  /** An .xpi signed by addons.mozilla.org; else the unsigned zip `npm run build:extension` leaves is served. */
  signedXpiPath?: string | null;
};

export type ExtensionRelease = {
  version: string | null;
  chromeExtensionId: string | null;
  firefoxExtensionId: string;
  firefoxSigned: boolean;
  /** Why a package cannot be served yet, in words for the admin. */
  problems: string[];
};

export type ExtensionPackages = ReturnType<typeof extensionPackages>;

const NOT_BUILT = 'The extension is not built on this server: run `npm run build:extension` (npm start does this).';

export function extensionPackages({ distDir, keyPath, signedXpiPath = null }: ExtensionPackagesOptions) {
  const chromeDir = join(distDir, 'chrome-mv3');
  let key: SigningKey | null = null;
  let packed: { stamp: string; crx: Buffer } | null = null;

  const manifest = (dir: string): { version: string } | null => {
    const path = join(dir, 'manifest.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { version: string }) : null;
  };
  const signingKey = (): SigningKey | null => (key ??= keyPath ? loadOrCreateSigningKey(keyPath) : null);
  const unsignedXpi = (version: string) => join(distDir, `seatwise-${version}-firefox.zip`);

  return {
    release(): ExtensionRelease {
      const chrome = manifest(chromeDir);
      const problems: string[] = [];
      if (!chrome) problems.push(NOT_BUILT);
      if (!keyPath)
        problems.push(
          'No place for the extension signing key: set SEATWISE_EXTENSION_KEY_FILE (needed with a remote database).',
        );
      const version = chrome?.version ?? null;
      const firefoxSigned = !!signedXpiPath && existsSync(signedXpiPath);
      if (!firefoxSigned && version && !existsSync(unsignedXpi(version))) {
        problems.push(
          'No Firefox package: run `npm run build:extension`, ' +
            'or set SEATWISE_EXTENSION_XPI to the .xpi signed by addons.mozilla.org.',
        );
      }
      return {
        version,
        chromeExtensionId: signingKey()?.extensionId ?? null,
        firefoxExtensionId: FIREFOX_EXTENSION_ID,
        firefoxSigned,
        problems,
      };
    },

    version(): string {
      const chrome = manifest(chromeDir);
      if (!chrome) throw new Unavailable('extension_not_built', NOT_BUILT);
      return chrome.version;
    },

    extensionId(): string {
      const signing = signingKey();
      if (!signing)
        throw new Unavailable(
          'extension_key_missing',
          'Set SEATWISE_EXTENSION_KEY_FILE so this server can sign the extension.',
        );
      return signing.extensionId;
    },

    /** Packed once per build (the manifest's version and time stamp); the signature is deterministic for one key. */
    async crx(): Promise<Buffer> {
      const version = this.version();
      const signing = signingKey()!;
      const stamp = `${version}@${statSync(join(chromeDir, 'manifest.json')).mtimeMs}`;
      if (packed?.stamp === stamp) return packed.crx;
      packed = { stamp, crx: await packCrx(chromeDir, signing) };
      return packed.crx;
    },

    xpi(): { file: Buffer; signed: boolean } {
      if (signedXpiPath && existsSync(signedXpiPath)) return { file: readFileSync(signedXpiPath), signed: true };
      const path = unsignedXpi(this.version());
      if (!existsSync(path)) {
        throw new Unavailable(
          'extension_not_built',
          'No Firefox package on this server: run `npm run build:extension`, or set SEATWISE_EXTENSION_XPI.',
        );
      }
      return { file: readFileSync(path), signed: false };
    },
  };
}

/** The build with the manifest `key` set to the signing key's, so the id inside and outside the CRX agree. */
async function packCrx(buildDir: string, signing: SigningKey): Promise<Buffer> {
  const stage = mkdtempSync(join(tmpdir(), 'seatwise-crx-'));
  try {
    const sources = join(stage, 'extension');
    cpSync(buildDir, sources, { recursive: true });
    const manifestPath = join(sources, 'manifest.json');
    writeFileSync(
      manifestPath,
      JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), key: signing.publicKey }),
    );
    const files = readdirSync(sources, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    const crxPath = join(stage, 'seatwise.crx');
    await crx3(files, { keyPath: signing.path, crxPath });
    return readFileSync(crxPath);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
