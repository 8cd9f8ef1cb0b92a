// The one mapping from errors to HTTP: domain codes to statuses, validation failures to 400 with the
// field, anything unexpected to a 500 that reveals nothing but is logged in full.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { fieldLabel } from '../domain/field-labels.ts';

export const STATUS: Record<ErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  TOO_LARGE: 413,
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
    const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.code(STATUS[err.code]).send(body);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      field: (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.') || (v.params as { issue?: { path?: unknown[] } }).issue?.path?.join('.') || '(root)',
      message: v.message ?? 'invalid',
    }));
    const first = details[0]!;
    const where = PART_LABEL[err.validationContext ?? 'body'] ?? '请求';
    // A key the schema does not know sits at the root: name it, rather than calling the body not an object.
    const unknownKeys = err.validation.flatMap((v) => {
      const keys = (v.params as { keys?: unknown }).keys;
      return v.keyword === 'unrecognized_keys' && Array.isArray(keys) ? keys.map(String) : [];
    });
    if (unknownKeys.length) {
      const parent = first.field === '(root)' ? '' : `${first.field}.`;
      return reply.code(400).send({ code: 'INVALID', message: `${where}中有不认识的字段 ${unknownKeys.join('、')}:请删除或检查拼写`, field: `${parent}${unknownKeys[0]}`, details });
    }
    if (first.field === '(root)' && (err.validationContext ?? 'body') === 'body') {
      return reply.code(400).send({ code: 'INVALID', message: '请求体须为 JSON 对象(Content-Type: application/json)', field: 'body', details });
    }
    return reply.code(400).send({ code: 'INVALID', message: `${where}中的「${fieldLabel(first.field, 'zh')}」无效:${first.message}`, field: first.field, details });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误 (internal error)' });
  }
  const fastifyCode = (err as FastifyError).code;
  if (fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return reply.code(400).send({ code: 'INVALID', message: `请求体不是有效的 JSON (${err.message})`, field: 'body' });
  }
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    // Named as sent, with what the API takes: a file upload says its own types (.xlsx, CSV) in its description.
    const sent = String(req.headers['content-type'] ?? '').split(';')[0]!.trim() || '无';
    return reply.code(415).send({
      code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type',
      message: `不支持的 Content-Type(${sent}):请使用 application/json;上传文件的接口用文件的类型(.xlsx:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;名单也可用 text/csv)`,
    });
  }
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // A JSON body is bounded by its route (2 MB unless the route allows more); a stored file
    // (evidence, documents) by ZGSZ_UPLOAD_MAX_MB. The answer names the bound.
    const json = /json/i.test(req.headers['content-type'] ?? '');
    const fileLimit = (req.server as { ctx?: { config?: { uploadMaxBytes?: number } } }).ctx?.config?.uploadMaxBytes;
    const allowed = json ? req.routeOptions.bodyLimit : fileLimit;
    const size = allowed ? `${Math.round((allowed / 1024 / 1024) * 10) / 10} MB` : '';
    const message = !allowed ? '请求体过大 (body too large)'
      : json ? `请求体超过 ${size} 的上限 (body over the ${size} limit)`
        : `上传的文件超过 ${size} 的上限(ZGSZ_UPLOAD_MAX_MB;upload over the bytes limit)`;
    return reply.code(413).send({ code: 'TOO_LARGE', message, field: 'body', ...(allowed && { details: { limit: 'bytes', allowed, ...(!json && { setting: 'ZGSZ_UPLOAD_MAX_MB' }) } }) });
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const code = status === 413 ? 'TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 404 ? 'NOT_FOUND' : 'INVALID';
    return reply.code(status).send({ code, message: err.message });
  }
  // A constraint the database enforces caught what no check above did. The input guard and the
  // schemas should stop bad values first; this keeps a missed case a clear 4xx, not a 500.
  const sqlState = databaseErrorCode(err);
  const mapped = sqlState ? DATABASE_REFUSALS[sqlState] ?? DATABASE_REFUSALS[sqlState.slice(0, 2)] : undefined;
  if (mapped) {
    req.log.warn({ sqlState, route: req.routeOptions.url }, 'database refused a request that passed validation');
    return reply.code(mapped.status).send({ code: mapped.code, message: mapped.message });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误,请稍后重试或联系管理员 (internal error)' });
}

/** SQLSTATEs that mean the request's data was refused, by full code or class (first two characters). */
const DATABASE_REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  23503: { status: 400, code: 'INVALID', message: '引用的记录不存在或仍被其他记录引用 (referenced record missing or in use)' },
  23505: { status: 409, code: 'CONFLICT', message: '记录已存在或已被他人修改,请刷新后重试 (conflict)' },
  23514: { status: 400, code: 'INVALID', message: '取值不符合规则 (value violates a rule)' },
  23502: { status: 400, code: 'INVALID', message: '缺少必填的值 (required value missing)' },
  22: { status: 400, code: 'INVALID', message: '取值无效或超出范围 (invalid or out-of-range value)' },
};

/** The SQLSTATE of a PostgreSQL or PGlite error, looked for through Drizzle's wrapping causes. */
function databaseErrorCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}
