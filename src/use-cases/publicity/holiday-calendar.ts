// The city keeps the holiday calendar the working-day 公示 periods are counted on: each year's
// public holidays that fall on weekdays and the weekend days made working days (调休), as the
// State Council's yearly notice sets them.
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { listCalendar, replaceCalendarYear } from '../../db/repositories/publicity-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { isWorkingDay } from '../../domain/calendar/working-days.ts';
import { invalid } from '../../domain/errors.ts';
import { isoDateSchema, parseOrThrow } from '../../domain/validation.ts';

export const calendarYearSchema = z.object({
  days: z.array(z.object({
    day: isoDateSchema('日期须为 YYYY-MM-DD'),
    kind: z.enum(['holiday', 'workday'], { error: 'kind 须为 holiday(放假)或 workday(调休上班)' }),
    note: z.string().trim().min(1, '说明必填,如 春节、国庆节调休').max(30, '说明不超过30字'),
  }).strict()).max(60, '一年的特殊日期不超过60个'),
}).strict();

export async function setCalendarYear(db: Db, actor: Actor, year: number, raw: unknown) {
  assertPermission(actor, 'calendar.manage');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('year', '年度须为2000–2100的整数');
  const { days } = parseOrThrow(calendarYearSchema, raw);
  days.forEach((d, i) => {
    if (Number(d.day.slice(0, 4)) !== year) throw invalid(`days.${i}.day`, `${d.day} 不在 ${year} 年`);
    const weekend = !isWorkingDay(d.day, new Map());
    if (d.kind === 'holiday' && weekend) throw invalid(`days.${i}.kind`, `${d.day} 本是周末,无需列为放假日`);
    if (d.kind === 'workday' && !weekend) throw invalid(`days.${i}.kind`, `${d.day} 本是工作日,调休上班只用于周末`);
  });
  if (new Set(days.map((d) => d.day)).size !== days.length) throw invalid('days', '日期重复');
  await db.transaction(async (tx) => {
    await replaceCalendarYear(tx, year, days);
    await appendAudit(tx, actor, { action: 'update', entity: 'holiday_calendar', entityId: String(year), after: days });
  });
  return getCalendarYear(db, actor, year);
}

export async function getCalendarYear(db: Executor, actor: Actor, year: number) {
  assertPermission(actor, 'session');
  const rows = await listCalendar(db, year);
  return { year, days: rows.map((r) => ({ day: r.day, kind: r.kind as 'holiday' | 'workday', note: r.note })) };
}
