// How connectors talk to vendors: private addresses (off by default), each request's timeout, the sync's deadline,
// and retries. The server takes the defaults; tests shorten the waits.
export type ConnectorSettings = {
  /** SEATWISE_CONNECTORS_ALLOW_PRIVATE=1: loopback and private addresses may be reached (tests, on-premises). */
  allowPrivate: boolean;
  requestTimeoutMs: number;
  /** A whole sync or deprovision call ends by then, retries included. */
  deadlineMs: number;
  attempts: number;
  backoffBaseMs: number;
  maxWaitMs: number;
};

export const DEFAULT_CONNECTOR_SETTINGS: ConnectorSettings = {
  allowPrivate: false,
  requestTimeoutMs: 30_000,
  deadlineMs: 5 * 60_000,
  attempts: 4,
  backoffBaseMs: 1_000,
  maxWaitMs: 60_000,
};
