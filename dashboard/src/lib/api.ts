// The one typed client of the Seatwise API; components never call fetch themselves.

import { ApiError } from '../../../server/contract/api-error.ts';
import type {
  Alert,
  AlertList,
  AlertSettings,
  ApiTokenInfo,
  App,
  AuditList,
  ConnectionTest,
  Connector,
  ConnectorRun,
  ConnectorSyncReply,
  ContractImportReply,
  Coverage,
  CreateConnectorBody,
  CreateMerchantRuleBody,
  CreateMerchantRuleReply,
  CreateSubscriptionBody,
  DailyActivity,
  Defaults,
  Delivery,
  DeviceList,
  DiscoveredApp,
  EnrollmentSettings,
  EnrollmentTokenInfo,
  ErrorBody,
  ExtensionDistribution,
  Me,
  MerchantRule,
  MerchantTotal,
  PeopleImportReply,
  Person,
  PersonList,
  PersonSeat,
  PersonUsageDay,
  PrivacySettings,
  PurchaseRecord,
  Reclaim,
  ReclaimList,
  Reconciliation,
  RevokeAllReply,
  Role,
  Savings,
  Seat,
  SeatImportReply,
  SessionReply,
  Settings,
  SignInMethods,
  SmtpSettingsReply,
  SpendImportReply,
  SpendReport,
  Subscription,
  SubscriptionReconciliation,
  TokenReply,
  UpdateAppBody,
  UpdateConnectorBody,
  UpdateSubscriptionBody,
  User,
  VendorAlias,
  Webhook,
} from '../../../server/contract.ts';

// Re-exported so the pages keep importing the error from the one API module.
export { ApiError };

/** Called on any 401, so the app can send the person back to sign in. */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from the defined values, or '' when there are none. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Seatwise cannot be reached; check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ErrorBody | null)?.error;
    if (response.status === 401 && path !== '/auth/login' && path !== '/setup') onUnauthenticated();
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}.`,
    );
  }
  return payload as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', `${path}${queryString(query)}`);

export type ImportOptions = { mode: 'merge' | 'replace'; dryRun: boolean };
/** Seat imports also take the day new seats count as assigned when the file has no date-added column. */
export type SeatImportOptions = ImportOptions & { assignedAt?: string | undefined };
export type HolderFilter = { asOf?: string; status?: string; search?: string; limit?: number; offset?: number };
export type PeopleFilter = { search?: string; department?: string; status?: string; limit?: number; offset?: number };

export const api = {
  login: (email: string, password: string) => request<Me>('POST', '/auth/login', { email, password }),
  setup: (token: string, email: string, password: string) => request<Me>('POST', '/setup', { token, email, password }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Me>('GET', '/me'),
  /** Who is signed in, or null: 200 either way, so the first visit logs no failed request. */
  session: () => request<SessionReply>('GET', '/session'),
  /** Passwords (everyone, admins only, nobody) and the identity provider, for the sign-in page. */
  signInMethods: () => request<SignInMethods>('GET', '/auth/methods'),

  apps: () => get<App[]>('/apps'),
  updateApp: (id: string, body: UpdateAppBody) => request<App>('PATCH', `/apps/${encodeURIComponent(id)}`, body),
  discovered: (since?: string) => get<DiscoveredApp[]>('/discovered', { since }),

  reconciliation: (asOf?: string) => get<Reconciliation>('/reconciliation', { asOf }),
  subscriptionReconciliation: (id: number, filter: HolderFilter = {}) =>
    get<SubscriptionReconciliation>(`/subscriptions/${id}/reconciliation`, filter),
  usage: (query: { email?: string; appId?: string; from?: string; to?: string }) =>
    get<PersonUsageDay[]>('/usage', query),
  dailyActivity: (query: { appId?: string; from?: string; to?: string } = {}) =>
    get<DailyActivity[]>('/usage/daily', query),
  coverage: () => get<Coverage>('/coverage'),
  settings: () => get<Settings>('/settings'),
  updateDefaults: (defaults: Partial<Defaults>) => request<Settings>('PATCH', '/settings', { defaults }),

  subscriptions: () => get<Subscription[]>('/subscriptions'),
  subscription: (id: number) => get<Subscription>(`/subscriptions/${id}`),
  createSubscription: (body: CreateSubscriptionBody) => request<Subscription>('POST', '/subscriptions', body),
  updateSubscription: (id: number, body: UpdateSubscriptionBody) =>
    request<Subscription>('PATCH', `/subscriptions/${id}`, body),
  deleteSubscription: (id: number) => request<void>('DELETE', `/subscriptions/${id}`),
  seats: (subscriptionId: number) => get<Seat[]>(`/subscriptions/${subscriptionId}/seats`),
  addSeat: (subscriptionId: number, email: string) =>
    request<Seat>('POST', `/subscriptions/${subscriptionId}/seats`, { email }),
  removeSeat: (subscriptionId: number, seatId: number) =>
    request<void>('DELETE', `/subscriptions/${subscriptionId}/seats/${seatId}`),
  importSeats: (subscriptionId: number, csv: string, options: SeatImportOptions) =>
    request<SeatImportReply>(
      'POST',
      `/subscriptions/${subscriptionId}/seats/import${queryString(options)}`,
      csv,
      'text/csv',
    ),

  /** A contract register; `fileName` is kept on the purchase records. */
  importContracts: (csv: string, options: { dryRun: boolean; fileName?: string }) =>
    request<ContractImportReply>('POST', `/subscriptions/import${queryString(options)}`, csv, 'text/csv'),
  purchaseRecords: (subscriptionId: number) =>
    get<PurchaseRecord[]>(`/subscriptions/${subscriptionId}/purchase-records`),
  allPurchaseRecords: () => get<PurchaseRecord[]>('/purchase-records'),
  vendorAliases: () => get<VendorAlias[]>('/vendor-aliases'),
  saveVendorAlias: (vendor: string, appId: string) =>
    request<VendorAlias>('POST', '/vendor-aliases', { vendor, appId }),
  deleteVendorAlias: (alias: string) => request<void>('DELETE', `/vendor-aliases/${encodeURIComponent(alias)}`),

  people: (filter: PeopleFilter = {}) => get<PersonList>('/people', filter),
  person: (id: number) => get<Person>(`/people/${id}`),
  personSeats: (id: number) => get<PersonSeat[]>(`/people/${id}/seats`),
  erasePersonUsage: (id: number) => request<{ erasedDays: number }>('DELETE', `/people/${id}/usage`),
  importPeople: (csv: string, options: ImportOptions) =>
    request<PeopleImportReply>('POST', `/people/import${queryString(options)}`, csv, 'text/csv'),

  audit: (query: Query = {}) => get<AuditList>('/audit', query),

  users: () => get<User[]>('/users'),
  createUser: (email: string, role: Role, password: string) =>
    request<User>('POST', '/users', { email, role, password }),
  updateUser: (id: number, body: { role?: Role; disabled?: boolean; password?: string }) =>
    request<User>('PATCH', `/users/${id}`, body),
  apiTokens: () => get<ApiTokenInfo[]>('/tokens'),
  createApiToken: (name: string, role: Role) => request<TokenReply>('POST', '/tokens', { name, role }),
  revokeApiToken: (id: number) => request<void>('DELETE', `/tokens/${id}`),
  enrollmentTokens: () => get<EnrollmentTokenInfo[]>('/enrollment-tokens'),
  createEnrollmentToken: (label: string, limits: { expiresAt?: string; maxDevices?: number } = {}) =>
    request<TokenReply>('POST', '/enrollment-tokens', { label, ...limits }),
  extensionDistribution: () => get<ExtensionDistribution>('/extension'),
  /** With `revokeDevices` the reply says how many devices went with the token. */
  revokeEnrollmentToken: (id: number, revokeDevices = false) =>
    request<{ devicesRevoked: number } | undefined>(
      'DELETE',
      `/enrollment-tokens/${id}${revokeDevices ? '?revokeDevices=true' : ''}`,
    ),
  enrollmentSettings: () => get<EnrollmentSettings>('/settings/enrollment'),
  updateEnrollmentSettings: (body: Partial<EnrollmentSettings>) =>
    request<EnrollmentSettings>('PATCH', '/settings/enrollment', body),
  alerts: (
    query: { state?: string; kind?: string; severity?: string; includeSnoozed?: boolean; limit?: number } = {},
  ) => get<AlertList>('/alerts', query),
  evaluateAlerts: () =>
    request<{ opened: number; updated: number; resolved: number; notified: number }>('POST', '/alerts/evaluate'),
  acknowledgeAlert: (id: number) => request<Alert>('POST', `/alerts/${id}/acknowledge`),
  snoozeAlert: (id: number, until: string) => request<Alert>('POST', `/alerts/${id}/snooze`, { until }),

  reclaims: (query: { state?: string; subscriptionId?: number; limit?: number; offset?: number } = {}) =>
    get<ReclaimList>('/reclaims', query),
  createReclaims: (seatIds: number[], notify: boolean) => request<Reclaim[]>('POST', '/reclaims', { seatIds, notify }),
  reclaimStep: (id: number, step: 'release' | 'ready' | 'revoke' | 'cancel') =>
    request<Reclaim>('POST', `/reclaims/${id}/${step}`),
  keepReclaim: (id: number, reason: string) => request<Reclaim>('POST', `/reclaims/${id}/keep`, { reason }),
  savings: () => get<Savings>('/savings'),

  importSpend: (csv: string, options: { dryRun: boolean; currency?: string | undefined }) =>
    request<SpendImportReply>('POST', `/spend/import${queryString(options)}`, csv, 'text/csv'),
  spend: (query: { from?: string; to?: string; appId?: string } = {}) => get<SpendReport>('/spend', query),
  unmatchedMerchants: () => get<MerchantTotal[]>('/spend/unmatched'),
  merchantRules: () => get<MerchantRule[]>('/merchant-rules'),
  createMerchantRule: (body: CreateMerchantRuleBody) =>
    request<CreateMerchantRuleReply>('POST', '/merchant-rules', body),
  deleteMerchantRule: (id: number) => request<void>('DELETE', `/merchant-rules/${id}`),

  privacySettings: () => get<PrivacySettings>('/settings/privacy'),
  updatePrivacySettings: (body: Partial<PrivacySettings>) =>
    request<PrivacySettings>('PATCH', '/settings/privacy', body),
  alertSettings: () => get<AlertSettings>('/settings/alerts'),
  updateAlertSettings: (body: Partial<AlertSettings>) => request<AlertSettings>('PATCH', '/settings/alerts', body),
  smtp: () => get<SmtpSettingsReply>('/settings/smtp'),
  saveSmtp: (body: {
    host: string;
    port: number;
    secure: boolean;
    allowUnencrypted: boolean;
    username: string | null;
    from: string;
    password?: string | null;
  }) => request<SmtpSettingsReply>('PUT', '/settings/smtp', body),
  testSmtp: (to: string) => request<{ sent: boolean }>('POST', '/settings/smtp/test', { to }),
  connectors: (subscriptionId?: number) => get<Connector[]>('/connectors', { subscriptionId }),
  createConnector: (body: CreateConnectorBody) => request<Connector>('POST', '/connectors', body),
  updateConnector: (id: number, body: UpdateConnectorBody) => request<Connector>('PATCH', `/connectors/${id}`, body),
  deleteConnector: (id: number) => request<void>('DELETE', `/connectors/${id}`),
  testConnection: (baseUrl: string, token: string) =>
    request<ConnectionTest>('POST', '/connectors/test', { baseUrl, token }),
  testConnector: (id: number) => request<ConnectionTest>('POST', `/connectors/${id}/test`),
  syncConnector: (id: number, query: { dryRun: boolean; confirmRemovals?: number }) =>
    request<ConnectorSyncReply>('POST', `/connectors/${id}/sync${queryString(query)}`),
  connectorRuns: (id: number) => get<ConnectorRun[]>(`/connectors/${id}/runs`),
  revokePersonSeats: (personId: number) => request<RevokeAllReply>('POST', `/people/${personId}/revoke-seats`),
  webhooks: () => get<Webhook[]>('/webhooks'),
  createWebhook: (name: string, url: string) =>
    request<Webhook & { secret: string }>('POST', '/webhooks', { name, url }),
  deleteWebhook: (id: number) => request<void>('DELETE', `/webhooks/${id}`),
  testWebhook: (id: number) => request<void>('POST', `/webhooks/${id}/test`),
  deliveries: (query: { state?: string; limit?: number; offset?: number } = {}) =>
    get<{ total: number; deliveries: Delivery[] }>('/deliveries', query),

  devices: (query: { email?: string; limit?: number; offset?: number } = {}) => get<DeviceList>('/devices', query),
  revokeDevice: (id: string) => request<void>('DELETE', `/devices/${id}`),
};

/** Where a report downloads from (a plain link: the browser sends the session cookie). */
export const reportUrl = (name: 'licence-position.csv' | 'seats.csv' | 'audit-log.csv', query: Query = {}) =>
  `/api/v1/reports/${name}${queryString(query)}`;
export const renewalsCalendarUrl = '/api/v1/renewals.ics';
/** Where a person's subject access export downloads from (admin; the server sends it as an attachment). */
export const personExportUrl = (id: number, format: 'json' | 'csv') => `/api/v1/people/${id}/export?format=${format}`;
