import type { z } from 'zod';
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
