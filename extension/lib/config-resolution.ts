// The configuration rules (value checks, bounds) and their precedence: policy, options page, profile, default; pure.

export const CONFIG_BOUNDS = {
  idleSeconds: { min: 15, max: 3600, fallback: 60 },
  uploadIntervalMinutes: { min: 1, max: 1440, fallback: 5 },
} as const;

/** What a person types on the options page (storage.local). */
export type OptionsConfig = {
  serverUrl?: string;
  enrollmentToken?: string;
  userEmail?: string;
  idleSeconds?: number | string;
  uploadIntervalMinutes?: number | string;
};

export type ConfigSource = 'policy' | 'options' | 'profile' | 'default' | 'missing';
export type ConfigKey = 'serverUrl' | 'enrollmentToken' | 'userEmail' | 'idleSeconds' | 'uploadIntervalMinutes';

export type ResolvedConfig = {
  serverUrl: string | null;
  enrollmentToken: string | null;
  userEmail: string | null;
  idleSeconds: number;
  uploadIntervalMinutes: number;
  sources: Record<ConfigKey, ConfigSource>;
  /** Human sentences for the popup; the default or the next source is used instead. */
  problems: string[];
};

const LABELS: Record<ConfigSource, string> = {
  policy: 'Policy',
  options: 'Options',
  profile: 'Profile',
  default: 'Default',
  missing: 'Missing',
};

export type ConfigInputs = { policy: Record<string, unknown>; options: OptionsConfig; profileEmail: string | null };

export function resolveConfig({ policy, options, profileEmail }: ConfigInputs): ResolvedConfig {
  const problems: string[] = [];
  const sources = {} as Record<ConfigKey, ConfigSource>;

  const pick = (
    key: 'serverUrl' | 'enrollmentToken' | 'userEmail',
    check: (v: string) => string | null,
    extra: [ConfigSource, string | null][] = [],
  ): string | null => {
    const candidates: [ConfigSource, unknown][] = [['policy', policy[key]], ...extra, ['options', options[key]]];
    for (const [source, raw] of candidates) {
      if (raw === undefined || raw === null) continue;
      const value = typeof raw === 'string' ? raw.trim() : raw;
      if (value === '') continue;
      const error = typeof value === 'string' ? check(value) : 'must be text';
      if (error) {
        problems.push(`${LABELS[source]} ${key} ${error}; it is ignored.`);
        continue;
      }
      sources[key] = source;
      const text = value as string;
      return key === 'userEmail' ? text.toLowerCase() : key === 'serverUrl' ? text.replace(/\/+$/, '') : text;
    }
    sources[key] = 'missing';
    return null;
  };

  const serverUrl = pick('serverUrl', serverUrlProblem);
  const enrollmentToken = pick('enrollmentToken', (v) => (v.length <= 200 ? null : 'is longer than 200 characters'));
  // The profile sits between policy and options: IT decides first, a typed address only fills a gap.
  const userEmail = pick('userEmail', checkEmail, [['profile', profileEmail]]);

  // Policy, then the options page, then the default; each bad value is named with its source and what is used instead.
  const bounded = (key: keyof typeof CONFIG_BOUNDS): number => {
    const { min, max, fallback } = CONFIG_BOUNDS[key];
    const candidates: ['policy' | 'options', unknown][] = [
      ['policy', policy[key]],
      ['options', options[key]],
    ];
    for (const [source, raw] of candidates) {
      if (raw === undefined || raw === null || raw === '') continue;
      const value = source === 'options' && typeof raw === 'string' ? Number(raw) : raw;
      const error = boundsError(value, min, max);
      if (error) {
        problems.push(
          `${key} ${JSON.stringify(raw)} from ${source === 'policy' ? 'policy' : 'the options page'} ` +
            `${error}; using ${fallback}.`,
        );
        sources[key] = 'default';
        return fallback;
      }
      sources[key] = source;
      return value as number;
    }
    sources[key] = 'default';
    return fallback;
  };

  return {
    serverUrl,
    enrollmentToken,
    userEmail,
    idleSeconds: bounded('idleSeconds'),
    uploadIntervalMinutes: bounded('uploadIntervalMinutes'),
    sources,
    problems,
  };
}

export type CompleteConfig = ResolvedConfig & { serverUrl: string; enrollmentToken: string; userEmail: string };

export const isComplete = (config: ResolvedConfig): config is CompleteConfig =>
  config.serverUrl !== null && config.enrollmentToken !== null && config.userEmail !== null;

/** The one server URL rule, also applied by the options page before it saves: why `value` is refused, or null. */
export function serverUrlProblem(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http(s) URL';
  } catch {
    return 'must be an http(s) URL';
  }
}

function checkEmail(value: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254 ? null : 'must be an email address';
}

function boundsError(value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a number';
  if (!Number.isInteger(value)) return 'is not a whole number';
  if (value < min) return `is below ${min}`;
  if (value > max) return `is above ${max}`;
  return null;
}
