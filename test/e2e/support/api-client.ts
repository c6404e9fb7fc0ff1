// A small signed-in HTTP client for setting up and reading a running Seatwise server in e2e tests.
export type ApiClient = {
  get: <T = any>(path: string) => Promise<T>;
  post: <T = any>(path: string, body: unknown) => Promise<T>;
  send: <T = any>(method: string, path: string, body?: unknown) => Promise<T>;
};

export async function signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  return { get: (path) => send('GET', path), post: (path, body) => send('POST', path, body), send };
}
