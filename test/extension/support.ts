// Shared test doubles for the extension: a stubbed idle API, a controllable clock and a real HTTP device server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgentEnv } from '../../extension/lib/agent-env';
import { calendarFromOffset } from '../../extension/lib/calendar';
import type { Catalog, DeviceMe, UsageUpload } from '../../server/contract';

export const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
export const CATALOG: Catalog = {
  version: 'test-1',
  apps: [
    { id: 'slack', name: 'Slack', domains: ['slack.com'] },
    { id: 'salesforce', name: 'Salesforce', domains: ['salesforce.com'] },
  ],
};

/** fakeBrowser has no idle API: this one reports `state` and records the detection interval. */
export function stubIdle(state: 'active' | 'idle' | 'locked' = 'active') {
  const idle = {
    queryState: vi.fn(async () => state),
    setDetectionInterval: vi.fn(),
    onStateChanged: { addListener: vi.fn() },
  };
  Object.assign(fakeBrowser, { idle });
  return idle;
}

/** fakeBrowser implements action.setTitle but not setIcon: this records the icons the agent shows. */
export function stubToolbarIcon() {
  return vi.spyOn(fakeBrowser.action, 'setIcon').mockResolvedValue(undefined);
}

export function testEnv(overrides: Partial<AgentEnv> = {}) {
  stubToolbarIcon();
  const clock = { now: T0 };
  const env: AgentEnv = {
    browser,
    fetch: (input, init) => fetch(input, init),
    now: () => clock.now,
    random: () => 0.5,
    calendar: calendarFromOffset(() => 0),
    browserName: 'chrome',
    extensionVersion: '0.1.0-test',
    ...overrides,
  };
  return { env, clock };
}

/** Window 1 focused with its active tab on `url`, as windows.getAll({populate}) answers. */
export function showTab(url: string | undefined, { focused = true, incognito = false } = {}) {
  const tab = { id: 10, windowId: 1, index: 0, active: true, url, incognito, highlighted: true, pinned: false };
  vi.spyOn(fakeBrowser.windows, 'getAll').mockResolvedValue([
    { id: 1, focused, incognito, type: 'normal', alwaysOnTop: false, tabs: [tab] },
  ] as never);
  return tab;
}

type Mode = 'ok' | 'fail' | 'unauthorized';
/** The one-time code the device server's single sign-on hands out. */
export const SSO_CODE = 'swc_test-code';

/** A real HTTP server speaking the device endpoints of the contract, with switchable failures. */
export async function startDeviceServer() {
  const state = {
    mode: 'ok' as Mode,
    /** As the company's requireSso: enrollment needs the one-time code SSO_CODE beside the token. */
    requireSso: false,
    validTokens: new Set<string>(),
    enrollments: [] as Record<string, unknown>[],
    uploads: [] as UsageUpload[],
    /** Each upload with the device token that sent it, to total as the server does (max per device, summed). */
    uploadsByToken: [] as { token: string; body: UsageUpload }[],
    catalog: CATALOG,
    catalogRequests: 0,
    catalogNotModified: 0,
    /** GET /devices/me answers this (an unknown value: to check a reply the extension cannot read). */
    me: null as DeviceMe | unknown,
    /** GET /devices/me answers this status with an error instead, when set. */
    meFailure: null as number | null,
  };
  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, code: string) => reply(status, { error: { code, message: `test ${code}` } });
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const authorised = state.mode !== 'unauthorized' && state.validTokens.has(bearer);
    if (req.method === 'POST' && req.url === '/api/v1/devices/enroll') {
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      state.enrollments.push(body);
      if (body.enrollmentToken !== 'good-token') return fail(401, 'invalid_enrollment_token');
      if (state.requireSso && body.ssoCode === undefined) return fail(403, 'sso_required');
      if (state.requireSso && body.ssoCode !== SSO_CODE) return fail(401, 'invalid_sso_code');
      const token = `device-token-${state.enrollments.length}`;
      state.validTokens.add(token);
      return reply(201, { deviceId: `device-${state.enrollments.length}`, deviceToken: token });
    }
    if (state.mode === 'fail') return fail(503, 'unavailable');
    if (req.method === 'GET' && req.url === '/api/v1/devices/catalog') {
      state.catalogRequests += 1;
      if (!authorised) return fail(401, 'unauthorized');
      const etag = `"${state.catalog.version}"`;
      if (req.headers['if-none-match'] === etag) {
        state.catalogNotModified += 1;
        res.writeHead(304, { etag });
        return res.end();
      }
      res.setHeader('etag', etag);
      return reply(200, state.catalog);
    }
    if (req.method === 'GET' && req.url === '/api/v1/devices/me') {
      if (!authorised) return fail(401, 'invalid_device_token');
      if (state.meFailure) return fail(state.meFailure, `http_${state.meFailure}`);
      return reply(200, state.me);
    }
    if (req.method === 'POST' && req.url === '/api/v1/devices/usage') {
      if (!authorised) return fail(401, 'unauthorized');
      const body = JSON.parse(await readBody(req)) as UsageUpload;
      state.uploads.push(body);
      state.uploadsByToken.push({ token: bearer, body });
      return reply(200, { accepted: body.records.length });
    }
    return fail(404, 'not_found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    revokeAll: () => state.validTokens.clear(),
    /** What the real server would hold: the maximum per (device, app, day), summed over devices. */
    totals() {
      const max = new Map<string, { activeSeconds: number; visits: number }>();
      for (const { token, body } of state.uploadsByToken) {
        for (const r of body.records) {
          const key = `${token}|${r.day}|${r.appId}`;
          const seen = max.get(key) ?? { activeSeconds: 0, visits: 0 };
          max.set(key, {
            activeSeconds: Math.max(seen.activeSeconds, r.activeSeconds),
            visits: Math.max(seen.visits, r.visits),
          });
        }
      }
      const sum: Record<string, { activeSeconds: number; visits: number }> = {};
      for (const [key, value] of max) {
        const dayApp = key.slice(key.indexOf('|') + 1);
        const total = sum[dayApp] ?? { activeSeconds: 0, visits: 0 };
        sum[dayApp] = total;
        total.activeSeconds += value.activeSeconds;
        total.visits += value.visits;
      }
      return sum;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (part: string) => (data += part));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
