// Working days on the official calendar: Monday–Friday, minus the public holidays the State Council
// announces each year, plus the weekend days it makes working days (调休). The city keeps that
// calendar as data; this module only counts on it.
import { invalid } from '../errors.ts';
import { isIsoDate } from '../policy/dates.ts';

/** Days that differ from the Monday–Friday rule: 'holiday' (a weekday off) or 'workday' (a weekend day worked). */
export type CalendarDays = ReadonlyMap<string, 'holiday' | 'workday'>;

const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return iso(utc(date) + days * 86_400_000);
}

export function isWorkingDay(date: string, calendar: CalendarDays): boolean {
  const special = calendar.get(date);
  if (special) return special === 'workday';
  const weekday = new Date(utc(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The last day of a period of `length` days that starts on `start` (counted inclusively, as a
 * notice "公示期7天(12月22日至12月28日)" does). In working days the count starts on the first
 * working day on or after `start`.
 */
export function periodEnd(start: string, length: number, unit: 'calendar' | 'working', calendar: CalendarDays): string {
  if (!isIsoDate(start)) throw invalid('start', `开始日期 ${start} 无效`);
  if (!Number.isInteger(length) || length < 1) throw invalid('length', '期限须为正整数');
  if (unit === 'calendar') return addDays(start, length - 1);
  let day = start;
  let counted = 0;
  for (let guard = 0; guard < 400; guard++) {
    if (isWorkingDay(day, calendar)) counted++;
    if (counted === length) return day;
    day = addDays(day, 1);
  }
  throw invalid('calendar', '假期日历异常:一年内找不到足够的工作日');
}
