// Metadata that middleware carries for the API description: what a route validates, who may call it, what it answers.
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Role } from '../contract.ts';

export type Access = { kind: 'public' } | { kind: 'device' } | { kind: 'roles'; roles: Role[] };

export type ResponseDoc = {
  description: string;
  /** A zod schema of the JSON reply; omit for replies that are not JSON (then give contentType). */
  schema?: z.ZodType;
  contentType?: string;
};

export type RouteDoc = {
  summary: string;
  tags: string[];
  description?: string;
  /** A body that is not JSON (a CSV file, a multipart form), described in words. */
  rawBody?: { contentTypes: string[]; description: string };
  responses: Record<number, ResponseDoc>;
};

export type Validation = { target: string; schema: z.ZodType };

const ACCESS = Symbol('seatwise.access');
const VALIDATION = Symbol('seatwise.validation');
const DOC = Symbol('seatwise.doc');

type Tagged = { [ACCESS]?: Access; [VALIDATION]?: Validation; [DOC]?: RouteDoc };

export function withAccess<H extends MiddlewareHandler>(handler: H, access: Access): H {
  return Object.assign(handler, { [ACCESS]: access });
}

export function withValidation<H extends MiddlewareHandler>(handler: H, validation: Validation): H {
  return Object.assign(handler, { [VALIDATION]: validation });
}

/** Documents a route for /api/openapi.json; put it first in the route's handlers. It does nothing at request time. */
export function describeRoute(doc: RouteDoc): MiddlewareHandler {
  const passThrough: MiddlewareHandler = async (_c, next) => {
    await next();
  };
  return Object.assign(passThrough, { [DOC]: doc });
}

export function metaOf(handler: unknown): { access?: Access; validation?: Validation; doc?: RouteDoc } {
  const tagged = handler as Tagged;
  return { access: tagged[ACCESS], validation: tagged[VALIDATION], doc: tagged[DOC] };
}
