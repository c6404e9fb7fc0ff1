// The errors Seatwise raises on purpose: each has a snake_case code and a sentence a person can act on.
// Services raise what the domain says went wrong (Invalid, NotFound, Conflict, ...); middleware raises what is wrong
// with the request itself (Unauthenticated, TooLarge, RateLimited, ...). Nothing here knows HTTP: the one onError
// (middleware/error-reply.ts) gives each kind its status.

export abstract class SeatwiseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input breaks a rule: a field, a file, a step that is not allowed from here. */
export class Invalid extends SeatwiseError {}
/** What the request names does not exist (or is not the caller's to see). */
export class NotFound extends SeatwiseError {}
/** The request is sound, but what is stored now does not allow it. */
export class Conflict extends SeatwiseError {}
/** No valid credential came with the request. */
export class Unauthenticated extends SeatwiseError {}
/** The caller is known but a rule (role, origin, allowed emails) refuses them this. */
export class Forbidden extends SeatwiseError {}
/** The request body is bigger than this route takes. */
export class TooLarge extends SeatwiseError {}
/** The request body is not in a format this route reads. */
export class UnsupportedMediaType extends SeatwiseError {}
/** Too many attempts; the caller may try again after `retryAfterSeconds`. */
export class RateLimited extends SeatwiseError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}
/** A server this one relies on (SMTP, a webhook's receiver) refused or could not be reached. */
export class UpstreamFailed extends SeatwiseError {}
/** This instance cannot do it now (the extension is not built, its key is missing). */
export class Unavailable extends SeatwiseError {}

export const badRequest = (code: string, message: string) => new Invalid(code, message);
export const notFound = (what: string) => new NotFound('not_found', `${what} was not found.`);
export const conflict = (code: string, message: string) => new Conflict(code, message);
