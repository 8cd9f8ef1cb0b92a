// The one mapping from errors to HTTP: domain codes to statuses, validation failures to 400 with the
// field, anything unexpected to a 500 that reveals nothing but is logged in full.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode } from '../domain/errors.ts';

export const STATUS: Record<ErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
};

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: unknown;
}

const PART_LABEL: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function errorHandler(err: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    const body: ErrorBody = { code: err.code, message: err.message };
    if (err.field) body.field = err.field;
    if (err.details !== undefined) body.details = err.details;
    return reply.code(STATUS[err.code]).send(body);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      field: (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.') || (v.params as { issue?: { path?: unknown[] } }).issue?.path?.join('.') || '(root)',
      message: v.message ?? 'invalid',
    }));
    const first = details[0]!;
    const where = PART_LABEL[err.validationContext ?? 'body'] ?? '请求';
    return reply.code(400).send({ code: 'INVALID', message: `${where}字段 ${first.field} 无效:${first.message}`, field: first.field, details });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误 (internal error)' });
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const code = status === 413 ? 'TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 404 ? 'NOT_FOUND' : 'INVALID';
    return reply.code(status).send({ code, message: err.message });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误,请稍后重试或联系管理员 (internal error)' });
}
