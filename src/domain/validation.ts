import { z } from 'zod';
import { DATE_MAX_YEAR, DATE_MIN_YEAR, isIsoDate } from './policy/dates.ts';
import { DomainError } from './errors.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

export function zodProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix || '(body)',
    message: i.message,
  }));
}

/** Parses or throws INVALID naming the first bad field (all problems are in `details`). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = zodProblems(r.error, prefix);
  const first = problems[0]!;
  throw new DomainError('INVALID', `${first.field}: ${first.message}`, first.field, problems);
}

/**
 * A real calendar date written YYYY-MM-DD within the years the platform records (1900–2100):
 * 2023-02-30 and 0000-01-01 are refused, where z.iso.date() accepts any four-digit year.
 */
export function isoDateSchema(message = '日期须为 YYYY-MM-DD') {
  return z.string({ error: message }).refine(isIsoDate, `${message}(${DATE_MIN_YEAR}–${DATE_MAX_YEAR} 年之间的真实日期)`);
}
