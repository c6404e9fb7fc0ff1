// Checks flag values with the API's own zod schemas, so the CLI accepts exactly what the API accepts.
import type { z } from 'zod';
import { UsageError } from './args.ts';

export function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.length ? `--${issue.path.join('.')}` : 'value'}: ${issue.message}`,
  );
  throw new UsageError(problems.join('; '));
}
