// Schemas shared by several route files: the error body and pagination.
import { z } from 'zod';

export const errorSchema = z.object({
  code: z.string().describe('INVALID | UNAUTHENTICATED | FORBIDDEN | NOT_FOUND | CONFLICT | LOCKED | ...'),
  message: z.string().describe('说明(中文),指出字段与允许的取值'),
  field: z.string().optional().describe('出错的字段'),
  details: z.unknown().optional(),
}).meta({ id: 'Error' });

export const errorResponses = {
  400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema,
};

export const pageQuery = {
  page: z.coerce.number({ error: 'page 须为正整数' }).int('page 须为正整数').min(1, 'page 须为正整数').default(1),
  pageSize: z.coerce.number({ error: 'pageSize 须为1–100的整数' }).int('pageSize 须为1–100的整数').min(1, 'pageSize 须为1–100的整数').max(100, 'pageSize 须为1–100的整数').default(20),
};

export const booleanQuery = z.enum(['true', 'false'], { error: '须为 true 或 false' }).transform((v) => v === 'true');
