// A real OpenID provider (the maintained `oidc-provider` package) for the tests, run as its own process on 127.0.0.1:
// its own login and consent pages, users with group claims, and switches the tests throw over a control endpoint:
// rotate the signing key, set the provider's clock off, or spoil the next ID tokens (a tampered signature, another
// audience, an expired or a replayed token). Its own process so that its clock can be off without the test's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { z } from 'zod';

const Options = z.object({
  clients: z.array(
    z.object({
      client_id: z.string(),
      client_secret: z.string(),
      redirect_uris: z.array(z.string()),
      post_logout_redirect_uris: z.array(z.string()).default([]),
    }),
  ),
  /** By login (what a person types on the provider's login page). */
  users: z.record(z.string(), z.object({ email: z.string(), name: z.string(), groups: z.array(z.string()) })),
});
type Options = z.infer<typeof Options>;

export const IdTokenMode = z.enum(['as-issued', 'tampered-signature', 'wrong-audience', 'expired', 'replayed']);
export type IdTokenMode = z.infer<typeof IdTokenMode>;

const options: Options = Options.parse(JSON.parse(process.env.TEST_PROVIDER_OPTIONS ?? '{}'));

// The provider's clock: everything oidc-provider stamps (iat, exp, auth_time) reads Date.now.
const realNow = Date.now;
let clockOffsetMs = 0;
Date.now = () => realNow() + clockOffsetMs;

let idTokenMode: IdTokenMode = 'as-issued';
let lastIdToken: string | null = null;
let signingKey = await newSigningKey();

async function newSigningKey(): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `key-${realNow().toString(36)}`, alg: 'RS256', use: 'sig' };
}

function configuration(): Configuration {
  return {
    clients: options.clients.map((client) => ({
      ...client,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    // Scope claims in the ID token itself (what Okta and Entra do for groups), not only from userinfo.
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      const user = options.users[id];
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: user.email,
          email_verified: true,
          name: user.name,
          groups: user.groups,
        }),
      };
    },
    jwks: { keys: [signingKey] },
    cookies: { keys: ['seatwise-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  };
}

/** The ID token the next sign-in gets, spoiled as the tests asked: re-signed with the provider's own key. */
async function spoil(idToken: string): Promise<string> {
  const [header, payload, signature] = idToken.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const resign = async (changed: Record<string, unknown>) =>
    new SignJWT({ ...claims, ...changed })
      .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'JWT' })
      .sign(await importPrivate());
  switch (idTokenMode) {
    case 'as-issued':
      return idToken;
    case 'tampered-signature':
      // Another person's email in the same signature.
      return [
        header,
        Buffer.from(JSON.stringify({ ...claims, email: 'mallory@example.com' })).toString('base64url'),
        signature,
      ].join('.');
    case 'wrong-audience':
      return resign({ aud: 'another-application' });
    case 'expired':
      return resign({ iat: now - 7200, exp: now - 3600 });
    case 'replayed':
      return lastIdToken ?? idToken;
  }
}

async function importPrivate() {
  const { importJWK } = await import('jose');
  return importJWK(signingKey, 'RS256');
}

let issuer = '';
let provider: Provider;
function start(): Provider {
  const created = new Provider(issuer, configuration());
  created.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.status !== 200) return;
    const body = ctx.body as { id_token?: string };
    if (!body.id_token) return;
    const issued = body.id_token;
    body.id_token = await spoil(issued);
    lastIdToken = issued;
  });
  return created;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/_test/') && req.method === 'POST') {
    if (url.pathname === '/_test/rotate') {
      signingKey = await newSigningKey();
      provider = start();
    } else if (url.pathname === '/_test/redirect-uri') {
      // A Seatwise started after the provider (on a port chosen then) registers its callback and sign-out return.
      const uri = new URL(url.searchParams.get('uri') ?? '');
      options.clients[0]!.redirect_uris.push(uri.href);
      options.clients[0]!.post_logout_redirect_uris.push(`${uri.origin}/`);
      provider = start();
    } else if (url.pathname === '/_test/clock') {
      clockOffsetMs = Number(url.searchParams.get('seconds') ?? '0') * 1000;
    } else if (url.pathname === '/_test/id-token') {
      idTokenMode = IdTokenMode.parse(url.searchParams.get('mode'));
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kid: signingKey.kid }));
    return;
  }
  provider.callback()(req, res);
});
server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = start();
  process.stdout.write(`listening ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
