// Shared building blocks of the wire contract: days, timestamps, emails, roles, text fields, the error shape.
import { z } from 'zod';
import { NAME_MAX, NOTE_MAX, textProblem } from '../domain/text-rules.ts';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 is rejected). */
export const Day = z
  .string()
  .regex(DAY_PATTERN, 'must be a day as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  }, 'must be a real calendar day');
export type Day = z.infer<typeof Day>;

/** An ISO 8601 timestamp with a zone, or (for inputs named ...At) a bare day. */
export const Timestamp = z.union([z.iso.datetime({ offset: true }), Day]);

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an email address'))
  .transform((email) => email.toLowerCase());

/** A one-line text field (a name, plan, label, department): trimmed, no control characters or direction overrides. */
export const oneLine = ({ min = 0, max = NAME_MAX }: { min?: number; max?: number } = {}) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, 'one_line', max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** A multi-line text field (notes, reasons): tabs and line breaks allowed, other control characters not. */
export const multiLine = ({ min = 0, max = NOTE_MAX }: { min?: number; max?: number } = {}) =>
  z
    .string()
    .min(min, 'must not be empty')
    .superRefine((value, ctx) => {
      const problem = textProblem(value, 'multi_line', max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const Role = z.enum(['admin', 'it', 'finance', 'viewer']);
export type Role = z.infer<typeof Role>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
