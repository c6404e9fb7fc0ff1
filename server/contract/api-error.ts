// The clients' error for a failed API call: the HTTP status and the contract's ErrorBody fields, code and message.
// Clients import it from this file, not from contract.ts, so their bundles take no zod; it imports only types.
import type { ErrorBody } from './primitives.ts';

type ErrorFields = ErrorBody['error'];

/** Status 0 means the server was not reached; `code` is the server's snake_case code or one the client names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorFields['code'],
    message: ErrorFields['message'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
