// zod validation of request parts with one error shape: 400 and a message that names each bad field.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { Invalid } from '../errors.ts';
import { withValidation } from '../openapi/route-meta.ts';
import { requireJsonBody } from './request-body.ts';

type Issue = z.core.$ZodIssue;

export type ValidateOptions = {
  /** Chooses the error code from the issues, for contracts that name a specific code. */
  codeFor?: (issues: readonly Issue[]) => string | undefined;
};

const DEFAULT_CODE: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'invalid_body',
  query: 'invalid_query',
  param: 'invalid_path',
};

export function describeIssues(issues: readonly Issue[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'body';
    return `${where}: ${issue.message}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more problems)` : '';
  return `${shown.join('; ')}${more}.`;
}

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
  { codeFor }: ValidateOptions = {},
) {
  const middleware = zValidator(target, schema, (result) => {
    if (result.success) return;
    const issues = result.error.issues;
    const code = codeFor?.(issues) ?? DEFAULT_CODE[target] ?? 'invalid_request';
    throw new Invalid(code, describeIssues(issues));
  });
  if (target !== 'json') return withValidation(middleware, { target, schema });
  const jsonOnly = requireJsonBody();
  const checked = (async (c, next) => {
    const result: { reply?: Awaited<ReturnType<typeof middleware>> } = {};
    await jsonOnly(c, async () => {
      result.reply = await middleware(c, next);
    });
    return result.reply;
  }) as typeof middleware;
  return withValidation(checked, { target, schema });
}
