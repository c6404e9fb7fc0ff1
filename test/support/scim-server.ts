// A real SCIM 2.0 service provider (RFC 7643/7644, the parts Seatwise uses) on 127.0.0.1 for tests, with the vendor
// quirks seen in the field switchable per test: PATCH forms it insists on, DELETE-only or PATCH-only, a totalResults
// that moves between pages, eq-only filters, 429/503 with Retry-After, a page that never answers, a malformed page.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScimUser = {
  id: string;
  userName: string;
  active: boolean;
  emails?: { value: string; primary?: boolean; type?: string }[];
  displayName?: string;
};

export type ScimQuirks = {
  /** The PATCH form this vendor accepts; any other answers 400. Default: the RFC's `path` form, op any case. */
  patch: 'rfc' | 'capitalised-op' | 'value-object';
  /** Which of PATCH and DELETE /Users/{id} the vendor implements (the other answers 405). */
  methods: 'both' | 'patch-only' | 'delete-only';
  /** Largest page the vendor sends whatever `count` asks; in /ServiceProviderConfig when `advertisePageSize`. */
  maxPageSize: number;
  advertisePageSize: boolean;
  /** Added to totalResults on every page after the first (a list that grows or shrinks while it is read). */
  totalResultsDrift: number;
  /** Only `eq` in filters; anything else answers 400 invalidFilter. */
  eqOnlyFilters: boolean;
  /** Answers to the next requests before any real answer: a status with Retry-After seconds, or 'hang'. */
  failNext: ({ status: number; retryAfter?: string; detail?: string } | 'hang')[];
  /** failNext waits until this many pages of /Users were served (so a failure can start at page 2). */
  failAfterPages: number;
  /** The 1-based page (by startIndex/page size) whose body is not a ListResponse. */
  malformedPage: number | null;
  /** Every PATCH/DELETE answers this status (a vendor refusing to deprovision). */
  deprovisionStatus: number | null;
};

export type ScimRequest = { method: string; path: string; query: Record<string, string>; body: unknown };

const DEFAULT_QUIRKS: ScimQuirks = {
  patch: 'rfc',
  methods: 'both',
  maxPageSize: 100,
  advertisePageSize: true,
  totalResultsDrift: 0,
  eqOnlyFilters: false,
  failNext: [],
  failAfterPages: 0,
  malformedPage: null,
  deprovisionStatus: null,
};

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export function scimUser(userName: string, extra: Partial<ScimUser> = {}): ScimUser {
  return {
    id: `u-${userName.replace(/[^a-z0-9]/gi, '-')}`,
    userName,
    active: true,
    emails: userName.includes('@') ? [{ value: userName, primary: true, type: 'work' }] : [],
    ...extra,
  };
}

export async function startScimServer(options: { token?: string; users?: ScimUser[] } = {}) {
  const token = options.token ?? 'scim-test-token';
  const users: ScimUser[] = options.users ?? [];
  const quirks: ScimQuirks = structuredClone(DEFAULT_QUIRKS);
  const requests: ScimRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let servedPages = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/scim+json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const scimError = (res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}) =>
    send(res, status, { schemas: [ERROR], status: String(status), detail }, headers);

  function matches(user: ScimUser, filter: string): boolean | 'invalid' {
    const m = /^(\S+)\s+(\w+)\s+"([^"]*)"$/.exec(filter.trim());
    if (!m) return 'invalid';
    const [, attribute, op, value] = m as unknown as [string, string, string, string];
    if (quirks.eqOnlyFilters && op.toLowerCase() !== 'eq') return 'invalid';
    const values =
      attribute === 'userName'
        ? [user.userName]
        : attribute === 'emails.value'
          ? user.emails?.map((e) => e.value)
          : null;
    if (!values) return 'invalid';
    const test = (v: string) =>
      op.toLowerCase() === 'eq'
        ? v.toLowerCase() === value.toLowerCase()
        : op.toLowerCase() === 'sw'
          ? v.toLowerCase().startsWith(value.toLowerCase())
          : false;
    return values.some(test);
  }

  function listUsers(res: ServerResponse, query: Record<string, string>) {
    let pool = users;
    if (query.filter) {
      const results = users.map((u) => matches(u, query.filter!));
      if (results.includes('invalid')) return scimError(res, 400, `Unsupported filter: ${query.filter}`);
      pool = users.filter((_, i) => results[i] === true);
    }
    const startIndex = Math.max(1, Number(query.startIndex ?? 1));
    const count = Math.min(Number(query.count ?? quirks.maxPageSize), quirks.maxPageSize);
    const page = Math.floor((startIndex - 1) / Math.max(1, count)) + 1;
    if (quirks.malformedPage === page) return send(res, 200, '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Li');
    const resources = pool.slice(startIndex - 1, startIndex - 1 + count);
    if (!query.filter) servedPages += 1;
    const drift = startIndex > 1 ? quirks.totalResultsDrift : 0;
    send(res, 200, {
      schemas: [LIST],
      totalResults: Math.max(0, pool.length + drift),
      startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    });
  }

  /** The `active` value a PATCH body sets, or why this vendor refuses it. */
  function patchedActive(body: any): boolean | string {
    if (!Array.isArray(body?.schemas) || !body.schemas.includes(PATCH_OP)) return 'schemas must name PatchOp';
    const op = body.Operations?.[0];
    if (!op || typeof op.op !== 'string') return 'Operations required';
    if (quirks.patch === 'capitalised-op' && op.op !== 'Replace') return `op must be "Replace", got "${op.op}"`;
    if (quirks.patch !== 'capitalised-op' && op.op.toLowerCase() !== 'replace') return `unknown op ${op.op}`;
    if (quirks.patch === 'value-object') {
      if (op.path !== undefined) return 'path is not supported; send a value object';
      return typeof op.value?.active === 'boolean' ? op.value.active : 'value.active required';
    }
    if (op.path === 'active' && typeof op.value === 'boolean') return op.value;
    if (op.path === undefined && typeof op.value?.active === 'boolean') return op.value.active;
    return 'path "active" with a boolean value required';
  }

  function handle(req: IncomingMessage, res: ServerResponse, rawBody: string) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/scim\/v2/, '');
    const query = Object.fromEntries(url.searchParams);
    let body: unknown = null;
    try {
      body = rawBody ? JSON.parse(rawBody) : null;
    } catch {
      body = rawBody;
    }
    requests.push({ method: req.method ?? 'GET', path, query, body });
    if (req.headers.authorization !== `Bearer ${token}`) return scimError(res, 401, 'Bad token');
    const failure = servedPages >= quirks.failAfterPages ? quirks.failNext.shift() : undefined;
    if (failure === 'hang') {
      hanging.add(res);
      return;
    }
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
      return scimError(res, failure.status, failure.detail ?? 'Try again later', headers);
    }
    if (req.method === 'GET' && path === '/ServiceProviderConfig') {
      return send(res, 200, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: quirks.methods !== 'delete-only' },
        filter: { supported: true, ...(quirks.advertisePageSize ? { maxResults: quirks.maxPageSize } : {}) },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      });
    }
    if (req.method === 'GET' && path === '/Users') return listUsers(res, query);
    const one = /^\/Users\/([^/]+)$/.exec(path);
    const user = one ? users.find((u) => u.id === decodeURIComponent(one[1]!)) : undefined;
    if (one && (req.method === 'PATCH' || req.method === 'DELETE')) {
      const allowed = req.method === 'PATCH' ? quirks.methods !== 'delete-only' : quirks.methods !== 'patch-only';
      if (!allowed) return scimError(res, 405, `${req.method} is not supported`);
      if (quirks.deprovisionStatus) return scimError(res, quirks.deprovisionStatus, 'Deprovisioning is locked');
      if (!user) return scimError(res, 404, 'Resource not found');
      if (req.method === 'DELETE') {
        users.splice(users.indexOf(user), 1);
        res.writeHead(204).end();
        return;
      }
      const active = patchedActive(body);
      if (typeof active === 'string') return scimError(res, 400, active);
      user.active = active;
      return send(res, 200, user);
    }
    if (one && req.method === 'GET') return user ? send(res, 200, user) : scimError(res, 404, 'Resource not found');
    scimError(res, 404, `No route ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    token,
    users,
    quirks,
    requests,
    /** The user with this userName, as the vendor holds it now. */
    user: (userName: string) => users.find((u) => u.userName === userName),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ScimServer = Awaited<ReturnType<typeof startScimServer>>;
