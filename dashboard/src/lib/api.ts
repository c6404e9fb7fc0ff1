// The one typed client of the Seatwise API; components never call fetch themselves.
import type {
  App,
  CreateSubscriptionBody,
  ErrorBody,
  Me,
  Reconciliation,
  Seat,
  Subscription,
} from '../../../server/contract.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Called on any 401, so the app can send the person back to sign in. */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Seatwise cannot be reached; check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ErrorBody | null)?.error;
    if (response.status === 401 && path !== '/auth/login' && path !== '/setup') onUnauthenticated();
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}.`);
  }
  return payload as T;
}

export const api = {
  login: (email: string, password: string) => request<Me>('POST', '/auth/login', { email, password }),
  setup: (token: string, email: string, password: string) => request<Me>('POST', '/setup', { token, email, password }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Me>('GET', '/me'),
  apps: () => request<App[]>('GET', '/apps'),
  reconciliation: (asOf?: string) =>
    request<Reconciliation>('GET', `/reconciliation${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`),
  subscriptions: () => request<Subscription[]>('GET', '/subscriptions'),
  createSubscription: (body: CreateSubscriptionBody) => request<Subscription>('POST', '/subscriptions', body),
  seats: (subscriptionId: number) => request<Seat[]>('GET', `/subscriptions/${subscriptionId}/seats`),
  addSeat: (subscriptionId: number, email: string) => request<Seat>('POST', `/subscriptions/${subscriptionId}/seats`, { email }),
};
