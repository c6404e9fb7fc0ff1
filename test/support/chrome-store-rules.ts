// The Chrome Web Store's manifest rules that can be checked offline, as pure functions of a built extension's files.

/** A built extension as its zip holds it: the parsed manifest and every entry's bytes by path. */
export type BuiltExtension = { manifest: Record<string, unknown>; files: ReadonlyMap<string, Buffer> };

/** One rule: the problems it finds, each naming what is wrong; none means the rule holds. */
export type StoreRule = (extension: BuiltExtension) => string[];

/** Sizes the store and Chrome's UI ask for: toolbar 16/32, extensions page 48, install dialog and store 128. */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/**
 * What shows that built code uses a permission: its API namespace is read and one of the namespace's members is
 * named. Minified code keeps a namespace in a variable (`let t=e.identity; t.getProfileUserInfo()`), so the two
 * are looked for apart. A permission missing here fails: add the calls that need it.
 */
export const PERMISSION_USES: Record<string, { namespace: string; members: string[] }> = {
  storage: { namespace: 'storage', members: ['local', 'sync', 'session', 'managed', 'onChanged'] },
  alarms: { namespace: 'alarms', members: ['create', 'get', 'getAll', 'clear', 'clearAll', 'onAlarm'] },
  tabs: { namespace: 'tabs', members: ['query', 'get', 'onActivated', 'onUpdated', 'onRemoved'] },
  idle: { namespace: 'idle', members: ['queryState', 'setDetectionInterval', 'onStateChanged'] },
  identity: {
    namespace: 'identity',
    members: ['getProfileUserInfo', 'getAuthToken', 'launchWebAuthFlow', 'removeCachedAuthToken'],
  },
  // Only getProfileUserInfo returns the signed-in address that identity.email grants.
  'identity.email': { namespace: 'identity', members: ['getProfileUserInfo'] },
};

const text = (extension: BuiltExtension, suffix: string): string =>
  [...extension.files]
    .filter(([path]) => path.endsWith(suffix))
    .map(([, bytes]) => bytes.toString('utf8'))
    .join('\n');

/** The characters of a string as a person counts them (code points, not UTF-16 units). */
const lengthOf = (value: unknown): number => (typeof value === 'string' ? [...value].length : 0);

const atMost =
  (field: string, limit: number): StoreRule =>
  ({ manifest }) => {
    const value = manifest[field];
    if (value === undefined && field === 'short_name') return [];
    if (typeof value !== 'string' || value.length === 0) return [`${field} is missing`];
    return lengthOf(value) > limit ? [`${field} has ${lengthOf(value)} characters, more than ${limit}`] : [];
  };

/** Width and height of a PNG, from its IHDR chunk (big-endian at bytes 16 and 20); null when it is no PNG. */
export const pngSize = (bytes: Buffer): { width: number; height: number } | null => {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

const iconsAtTheirSize: StoreRule = ({ manifest, files }) => {
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  return ICON_SIZES.flatMap((size) => {
    const path = icons[String(size)];
    if (!path) return [`icons has no ${size} px entry`];
    const bytes = files.get(path.replace(/^\//, ''));
    if (!bytes) return [`icon ${path} (${size} px) is not in the zip`];
    const found = pngSize(bytes);
    if (!found) return [`icon ${path} is not a PNG`];
    return found.width === size && found.height === size
      ? []
      : [`icon ${path} is ${found.width}x${found.height}, not ${size}x${size}`];
  });
};

const permissionsUsed: StoreRule = (extension) => {
  const code = text(extension, '.js');
  const names = (pattern: string) => new RegExp(`[.?]${pattern.replaceAll('.', '\\.')}\\b`).test(code);
  const permissions = (extension.manifest.permissions ?? []) as string[];
  return permissions.flatMap((permission) => {
    const use = PERMISSION_USES[permission];
    if (!use) return [`permission ${permission} has no known use: add the calls that need it to PERMISSION_USES`];
    const used = names(use.namespace) && use.members.some(names);
    return used ? [] : [`permission ${permission} is asked for but no built code calls ${use.namespace}`];
  });
};

/** A script loaded from anywhere but the package is remote code, which Manifest V3 and the store forbid. */
const noRemoteScripts: StoreRule = (extension) =>
  [...extension.files]
    .filter(([path]) => path.endsWith('.html'))
    .flatMap(([path, bytes]) =>
      [...bytes.toString('utf8').matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi)].map(
        (match) => `${path} loads remote script ${match[1]}`,
      ),
    );

export const CHROME_STORE_RULES: Record<string, StoreRule> = {
  'declares Manifest V3': ({ manifest }) =>
    manifest.manifest_version === 3 ? [] : [`manifest_version is ${manifest.manifest_version}, not 3`],
  'has a name of at most 75 characters': atMost('name', 75),
  // Chrome's manifest reference recommends 12 for short_name: it labels the app launcher and the new-tab page.
  'has a short name, if any, of at most 12 characters': atMost('short_name', 12),
  'has a description of at most 132 characters': atMost('description', 132),
  'ships icons of 16, 32, 48 and 128 px, each PNG of its size': iconsAtTheirSize,
  'uses every permission it asks for': permissionsUsed,
  'loads no remote script in its pages': noRemoteScripts,
};
