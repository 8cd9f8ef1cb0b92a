// Domain errors carry a code that the HTTP layer maps to a status in one place
// (src/server/errors.ts) and the CLI maps to an exit code. `field` names the offending input
// (a dotted path such as `facts.investment` or `rows[3].uscc`) so callers can point at it.
// TOO_LARGE: an upload over one of its limits (size, unpacked size, rows, columns, cell length,
// shared strings); the message names the limit and its allowed value.
export type ErrorCode = 'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'LOCKED' | 'TOO_LARGE';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string, details?: unknown) =>
  new DomainError('INVALID', message, field, details);
export const notFound = (message: string, field?: string) => new DomainError('NOT_FOUND', message, field);
export const forbidden = (message = '无权执行此操作 (forbidden)') => new DomainError('FORBIDDEN', message);
export const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, field);
