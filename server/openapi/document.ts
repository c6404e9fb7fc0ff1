// Builds the OpenAPI 3.1 description of /api from the routes themselves: the zod schemas they validate with,
// the roles their guards check, and the replies their describeRoute() names. Nothing here is written by hand.
import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { ErrorBody } from '../contract.ts';
import { type Access, metaOf, type ResponseDoc, type RouteDoc, type Validation } from './route-meta.ts';

export type OperationSummary = { method: string; path: string; access: Access | undefined; doc: RouteDoc | undefined };

type JsonSchema = Record<string, unknown>;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** `/subscriptions/:id` -> `/subscriptions/{id}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

/** Every API operation with the metadata of its handlers, in registration order. */
export function apiOperations(routes: RouterRoute[]): (OperationSummary & { validations: Validation[] })[] {
  const byKey = new Map<string, OperationSummary & { validations: Validation[] }>();
  for (const route of routes) {
    if (!route.path.startsWith('/api/') || !METHODS.has(route.method)) continue;
    const key = `${route.method} ${route.path}`;
    const entry = byKey.get(key) ?? {
      method: route.method,
      path: route.path,
      access: undefined,
      doc: undefined,
      validations: [],
    };
    const meta = metaOf(route.handler);
    entry.access ??= meta.access;
    entry.doc ??= meta.doc;
    if (meta.validation) entry.validations.push(meta.validation);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

function parameters(validations: Validation[]) {
  const result: JsonSchema[] = [];
  for (const { target, schema } of validations) {
    if (target !== 'param' && target !== 'query') continue;
    const described = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(described.properties ?? {})) {
      result.push({
        name,
        in: target === 'param' ? 'path' : 'query',
        required: target === 'param' || (described.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return result;
}

function requestBody(validations: Validation[], doc: RouteDoc | undefined) {
  const json = validations.find((v) => v.target === 'json');
  if (json) return { required: true, content: { 'application/json': { schema: jsonSchema(json.schema, 'input') } } };
  if (doc?.rawBody) {
    return {
      required: true,
      description: doc.rawBody.description,
      content: Object.fromEntries(doc.rawBody.contentTypes.map((type) => [type, {}])),
    };
  }
  return undefined;
}

function response(reply: ResponseDoc) {
  if (reply.schema)
    return {
      description: reply.description,
      content: { 'application/json': { schema: jsonSchema(reply.schema, 'output') } },
    };
  if (reply.contentType) return { description: reply.description, content: { [reply.contentType]: {} } };
  return { description: reply.description };
}

function security(access: Access | undefined) {
  if (!access || access.kind === 'public') return { security: [] };
  if (access.kind === 'device') return { security: [{ deviceToken: [] }] };
  return { security: [{ session: [] }, { apiToken: [] }], 'x-seatwise-roles': access.roles };
}

const ERROR_REPLY = {
  description: 'An error: `{"error":{"code","message"}}`.',
  content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } },
};

export function openApiDocument(routes: RouterRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of apiOperations(routes)) {
    const { method, path, access, doc, validations } = operation;
    const params = parameters(validations);
    const body = requestBody(validations, doc);
    const responses = Object.fromEntries(
      Object.entries(doc?.responses ?? { 200: { description: 'OK' } }).map(([status, reply]) => [
        status,
        response(reply),
      ]),
    );
    paths[openApiPath(path)] ??= {};
    paths[openApiPath(path)]![method.toLowerCase()] = {
      summary: doc?.summary ?? `${method} ${path}`,
      ...(doc?.description ? { description: doc.description } : {}),
      tags: doc?.tags ?? [],
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: { ...responses, default: ERROR_REPLY },
      ...security(access),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Seatwise API',
      version,
      description:
        'Self-hosted SaaS licence management: usage from the browser extension, ' +
        'the licence inventory, and reconciliation.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'seatwise_session',
          description: 'Set by POST /api/v1/auth/login.',
        },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (swa_...) made by an admin with POST /api/v1/tokens.',
        },
        deviceToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A device token (swd_...) from POST /api/v1/devices/enroll.',
        },
      },
    },
    paths,
  };
}
