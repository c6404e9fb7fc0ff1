// The device endpoints of the Seatwise API v1, over a fetch passed in; failures become ApiError with the server's code.
import type { Catalog, DeviceMe, EnrollBody, EnrollReply, UsageReply, UsageUpload } from '../../server/contract';
import { ApiError } from '../../server/contract/api-error';

export type DeviceApi = {
  enroll(body: EnrollBody): Promise<EnrollReply>;
  catalog(deviceToken: string): Promise<Catalog>;
  /** GET with If-None-Match: 'unchanged' on 304, else the catalog and its ETag. */
  catalogIfChanged(
    deviceToken: string,
    etag: string | null,
  ): Promise<'unchanged' | { catalog: Catalog; etag: string | null }>;
  upload(deviceToken: string, body: UsageUpload): Promise<UsageReply>;
  /** What the server holds about this device's person (the popup's "What your company sees"). */
  me(deviceToken: string): Promise<DeviceMe>;
};

export function deviceApi(serverUrl: string, fetcher: typeof fetch): DeviceApi {
  const call = async <T>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
    seen?: (response: Response) => void,
  ): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetcher(`${serverUrl}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(0, 'network_error', `Cannot reach ${serverUrl}: ${(error as Error).message}`);
    }
    seen?.(response);
    if (response.status === 304) return undefined as T;
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page: the status says enough.
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      throw new ApiError(
        response.status,
        typeof error?.code === 'string' ? error.code : `http_${response.status}`,
        typeof error?.message === 'string' ? error.message : `${method} ${path} failed with HTTP ${response.status}`,
      );
    }
    if (json === null || typeof json !== 'object') {
      throw new ApiError(response.status, 'bad_reply', `${method} ${path} did not answer JSON`);
    }
    return json as T;
  };

  return {
    enroll: (body) => call<EnrollReply>('POST', '/devices/enroll', null, body),
    catalog: (token) => call<Catalog>('GET', '/devices/catalog', token),
    async catalogIfChanged(token, etag) {
      let replyEtag: string | null = null;
      const catalog = await call<Catalog | undefined>(
        'GET',
        '/devices/catalog',
        token,
        undefined,
        etag ? { 'if-none-match': etag } : {},
        (response) => (replyEtag = response.headers.get('etag')),
      );
      return catalog === undefined ? 'unchanged' : { catalog, etag: replyEtag };
    },
    upload: (token, body) => call<UsageReply>('POST', '/devices/usage', token, body),
    me: (token) => call<DeviceMe>('GET', '/devices/me', token),
  };
}
