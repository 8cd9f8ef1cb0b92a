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

/**
 * A whole number as it is written in a path or a query string: digits only. Number() and
 * z.coerce would also read "0x7E6", "0b11111100110", "+2022", "2022.0", " 2022" and "2e3" as
 * numbers, so one address could name a record under many spellings (a fuzz run replaced 2022's
 * target table through /assessment/0x7E6/targets).
 */
export function plainInt(message: string, min: number, max: number) {
  return z.string({ error: message })
    .regex(/^(0|-?[1-9][0-9]{0,14})$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message));
}

export const pageQuery = {
  page: plainInt('page 须为1–100000的整数', 1, 100_000).default(1),
  pageSize: plainInt('pageSize 须为1–100的整数', 1, 100).default(20),
};

export const booleanQuery = z.enum(['true', 'false'], { error: '须为 true 或 false' }).transform((v) => v === 'true');
