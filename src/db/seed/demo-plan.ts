// Demo monthly reports of the ten actions from January 2022 up to the demo business date: every
// indicator reported month by month by its 责任单位 (per-region fund sizes by the regions), most
// on time, some late, a few still missing (overdue), one corrected with a note, and one 2022
// figure that disagrees with the platform's own 附件2 records — so the dispatch table, the
// bulletin and the overdue list all have something true to show. Where the platform is the record
// (附件2 projects, coverage, funds), the demo reports what the records say. Deterministic.
import type { Db } from '../client.ts';
import { type AuditEntry, appendAuditBatch } from '../repositories/audit-repository.ts';
import { recordFigures } from '../repositories/plan-repository.ts';
import { planReports } from '../schema/plan.ts';
import type { Indicator, Plan } from '../../domain/plan/goal-tree.ts';
import { dueDate, goalFor } from '../../domain/plan/progress.ts';
import { monthOf } from '../../domain/plan/report-rules.ts';
import { prng } from '../../lib/prng.ts';
import { planOfCity } from '../../io/plan-library.ts';
import { reportingRegions } from '../../use-cases/plan/plan-support.ts';

const SYSTEM = { userId: null, name: 'system:seed', ip: null };

const REPORTER_NAMES: Record<string, string> = {
  'yz-gxj': '市工信局规划处', 'yz-wxb': '市委网信办信息化科', 'yz-xcb': '市委宣传部新闻科',
};

/** Months still unreported at the demo date (overdue), by indicator: the dispatch table's red 未报. */
const MISSING: Record<string, string[]> = {
  'identifier-enterprises': ['2023-03', '2023-04'],
  'promotion-events': ['2023-04'],
};
/** The 2022 figure a department overstated: the platform's records say otherwise. */
const DISAGREEING = { indicatorId: 'retrofit-projects', year: 2022, month: 12, extra: 15 };
/** A correction: the first figure, then the corrected one with its reason. */
const CORRECTED = { indicatorId: 'base-stations', year: 2023, month: 2, delta: 120, note: '通管办核对后更正:漏报仪征市新建5G基站120个' };
/** Regions whose fund size is not reported at all (overdue every month). */
const SILENT_REGIONS = new Set(['yz-shouxihu']);

/** The year-end level an indicator reaches in the demo: around its goal, some short of it. */
function yearEnd(indicator: Indicator, year: number, plan: Plan, factor: number): number {
  const goal = goalFor(indicator, year, plan.settings)?.value
    ?? Object.entries(indicator.goals).map(([y, v]) => ({ y: Number(y), v })).sort((a, b) => a.y - b.y).find((g) => g.y > year)?.v
    ?? Object.values(indicator.goals).at(-1)!;
  const later = Object.keys(indicator.goals).map(Number).filter((y) => y > year).sort()[0];
  // A stock with only a later goal (标识解析 3500 by 2024) stands well below it earlier on.
  const distance = goalFor(indicator, year, plan.settings) ? 1 : later ? 0.55 + 0.15 * (year - plan.firstYear) : 1;
  const v = Math.floor(goal * factor * distance);
  return indicator.unit === 'percent' ? Math.min(v, 10_000) : v;
}

function startOf(indicator: Indicator, year: number, plan: Plan, factor: number): number {
  if (indicator.kind === 'yearly') return 0;
  if (indicator.kind === 'cumulative' && indicator.since !== null && year <= indicator.since) return 0;
  if (year > plan.firstYear) return yearEnd(indicator, year - 1, plan, factor);
  return Math.floor(yearEnd(indicator, year, plan, factor) * 0.82);
}

/** Writes the demo reports (nothing when the city has no plan). */
export async function seedDemoPlan(db: Db, today: string): Promise<number> {
  const plan = planOfCity('yangzhou');
  if (!plan) return 0;
  const rand = prng(20220224);
  const now = monthOf(today);
  const rows: (typeof planReports.$inferInsert)[] = [];
  const add = (indicator: Indicator, regionId: string, year: number, month: number, value: number, reporterName: string) => {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (MISSING[indicator.id]?.includes(key)) return;
    const due = dueDate(year, month, plan.settings.reportDueDay);
    // The month just ended is not due yet: about half the units have reported it already.
    if (due >= today && rand() < 0.5) return;
    const late = due < today && rand() < 0.08;
    const day = late ? 11 + Math.floor(rand() * 15) : 2 + Math.floor(rand() * 8);
    const reportedOn = `${due.slice(0, 8)}${String(day).padStart(2, '0')}`;
    const base = { planId: plan.id, indicatorId: indicator.id, regionId, year, month, departmentId: regionId ? null : indicator.reporter, reportedByName: reporterName, reportedOn: reportedOn > today ? today : reportedOn };
    if (indicator.id === CORRECTED.indicatorId && year === CORRECTED.year && month === CORRECTED.month) {
      rows.push({ ...base, revision: 1, value, note: null });
      rows.push({ ...base, revision: 2, value: value + CORRECTED.delta, note: CORRECTED.note, reportedOn: `${due.slice(0, 8)}20` });
      return;
    }
    const extra = indicator.id === DISAGREEING.indicatorId && year === DISAGREEING.year && month === DISAGREEING.month ? DISAGREEING.extra : 0;
    rows.push({ ...base, revision: 1, value: value + extra, note: null });
  };
  for (const indicator of plan.indicators.values()) {
    const factor = 0.86 + rand() * 0.26;
    const units = indicator.perRegion
      ? reportingRegions(plan.city).filter((r) => !SILENT_REGIONS.has(r.id)).map((r) => ({ regionId: r.id, name: `${r.name}工信局` }))
      : [{ regionId: '', name: REPORTER_NAMES[indicator.reporter] ?? indicator.reporter }];
    for (const [ui, unit] of units.entries()) {
      for (let year = plan.firstYear; year <= now.year; year++) {
        // A fund's size is set once a year: 3000万–4500万元 by region, the city's 1亿元.
        const fund = indicator.perRegion ? 30_000_000_00 + ((ui + year) % 4) * 5_000_000_00 : 100_000_000_00;
        const from = startOf(indicator, year, plan, factor);
        const to = yearEnd(indicator, year, plan, factor);
        for (let month = 1; month <= 12 && (year < now.year || month < now.month); month++) {
          const records = indicator.records ? await recordFigures(db, plan.city, indicator, year, month) : new Map<string, number>();
          const recorded = records.get(unit.regionId);
          let value: number;
          if (recorded !== undefined && indicator.records?.compare === 'exact') value = recorded;
          else if (indicator.unit === 'money') value = fund;
          else if (indicator.kind === 'level') value = Math.min(10_000, from + Math.floor(((to - from) * month) / 12));
          else value = from + Math.floor(((to - from) * month) / 12);
          if (recorded !== undefined && indicator.records?.compare === 'at-least') value = Math.max(value, recorded);
          add(indicator, unit.regionId, year, month, value, unit.name);
        }
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(planReports).values(rows.slice(i, i + 500));
  const audit: AuditEntry[] = [{ action: 'seed', entity: 'plan_report', entityId: plan.id, after: { reports: rows.length } }];
  await appendAuditBatch(db, SYSTEM, audit);
  return rows.length;
}
