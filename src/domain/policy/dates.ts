// Calendar dates as ISO strings (YYYY-MM-DD, China time). Comparing two valid ISO dates as
// strings orders them correctly, which the engine relies on.
import { invalid } from '../errors.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years any date the platform records may fall in. Enterprises founded before 1900 or records
 * after 2100 do not occur; 0000-01-01 or 9999-12-31 are typing errors or probes, and year 0000
 * does not exist in PostgreSQL's calendar at all.
 */
export const DATE_MIN_YEAR = 1900;
export const DATE_MAX_YEAR = 2100;

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) return false;
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Returns the date or throws INVALID naming `field` (2023-02-30 is refused, not rolled over). */
export function parseIsoDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ISO.test(value)) {
    throw invalid(field, `${field}: 日期须为 YYYY-MM-DD 格式(实际:${String(value)})`);
  }
  const year = Number(value.slice(0, 4));
  if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) throw invalid(field, `${field}: 日期须在 ${DATE_MIN_YEAR}–${DATE_MAX_YEAR} 年之间(实际:${value})`);
  if (!isIsoDate(value)) throw invalid(field, `${field}: 日期 ${value} 不存在`);
  return value;
}

export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}

export function formatChineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
