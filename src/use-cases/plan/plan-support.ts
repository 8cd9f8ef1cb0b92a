// Shared by the plan's use cases: which plan an actor reads, and every indicator's position in a
// month (reports, projection, light, lateness, records) computed once for the tree, the dispatch
// table and the bulletin alike, so the three can never disagree.
import type { Executor } from '../../db/client.ts';
import { latestReports, type LatestReport, recordFigures } from '../../db/repositories/plan-repository.ts';
import { REGIONS, regionById } from '../../domain/regions.ts';
import { refusal } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import type { Indicator, Plan } from '../../domain/plan/goal-tree.ts';
import { type Agreement, assessIndicator, type Assessment, compareWithRecords, dueDate } from '../../domain/plan/progress.ts';

/** The last month whose report was due before `today`: what the dispatch table and a running quarter show. */
export function lastDueMonth(plan: Plan, today: string): { year: number; month: number } {
  let { year, month } = monthOf(today);
  while (dueDate(year, month, plan.settings.reportDueDay) >= today) {
    month -= 1;
    if (month === 0) { year -= 1; month = 12; }
  }
  return { year, month };
}
import { formatFigure, monthOf } from '../../domain/plan/report-rules.ts';
import { planOfCity } from '../../io/plan-library.ts';

export const CITY_NAMES: Record<string, string> = { yangzhou: '扬州市', suzhou: '苏州市' };

/** The city whose plan an actor reads: an officer's or department's own; the city roles choose (扬州 by default). */
export function cityOf(actor: Actor, requested: string | undefined): string {
  const own = actor.regionId ? regionById(actor.regionId)?.city : actor.departmentId?.startsWith('yz-') ? 'yangzhou' : actor.departmentId?.startsWith('sz-') ? 'suzhou' : undefined;
  if (requested !== undefined && requested !== 'yangzhou' && requested !== 'suzhou') throw invalid('city', 'city 须为 yangzhou 或 suzhou');
  return own ?? requested ?? 'yangzhou';
}

export type PlanOrReason = { plan: Plan; city: string } | { plan: null; city: string; reason: string };

export function planFor(actor: Actor, requested: string | undefined): PlanOrReason {
  const city = cityOf(actor, requested);
  const plan = planOfCity(city);
  if (plan) return { plan, city };
  return { plan: null, city, reason: `${CITY_NAMES[city] ?? city}的政策文件(《关于推进制造业智能化改造和数字化转型的若干措施》)只规定奖补措施,没有设定行动计划目标;十大行动与月度调度适用于扬州市(扬府发〔2022〕20号)。` };
}

/** (year, month) to read: by default the last month whose report is due on the business date. */
export function periodOf(plan: Plan, today: string, year?: number, month?: number): { year: number; month: number } {
  const fallback = lastDueMonth(plan, today);
  const y = year ?? Math.min(Math.max(fallback.year, plan.firstYear), plan.lastYear);
  const m = month ?? (y === fallback.year ? fallback.month : y < fallback.year ? 12 : 1);
  if (!Number.isInteger(y) || y < plan.firstYear || y > plan.lastYear) throw invalid('year', `year 须为 ${plan.firstYear}–${plan.lastYear}`);
  if (!Number.isInteger(m) || m < 1 || m > 12) throw invalid('month', 'month 须为 1–12');
  return { year: y, month: m };
}

export type ReportState = 'on-time' | 'late' | 'overdue' | 'pending';

export interface IndicatorRow {
  indicator: Indicator;
  regionId: string;
  regionName: string | null;
  assessment: Assessment;
  /** The chosen month's report: its figure and whether it came (on time, late), is overdue or not yet due. */
  report: { state: ReportState; due: string; current: LatestReport | null };
  /** The months of the year reported so far (current revisions), for the trend. */
  series: { month: number; value: number }[];
  records: { value: number; agreement: Agreement | null } | null;
}

/** The regions that report a per-region indicator: every region of the city but the city itself. */
export const reportingRegions = (city: string) => REGIONS.filter((r) => r.city === city && r.level !== 'city');

/** Every indicator (and region, for per-region ones) of the plan in (year, month) as the actor may see them. */
export async function planRows(db: Executor, actor: Actor, plan: Plan, year: number, month: number, today: string): Promise<IndicatorRow[]> {
  const reports = await latestReports(db, plan.id, plan.firstYear, plan.lastYear);
  const byKey = new Map<string, LatestReport[]>();
  for (const r of reports) {
    const key = `${r.indicatorId}|${r.regionId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const rows: IndicatorRow[] = [];
  for (const indicator of plan.indicators.values()) {
    const regions = indicator.perRegion
      ? reportingRegions(plan.city).filter((r) => !refusal(actor, 'plan.region', { regionId: r.id })).map((r) => ({ id: r.id, name: r.name }))
      : [{ id: '', name: null }];
    const records = await recordFigures(db, plan.city, indicator, year, month);
    for (const region of regions) {
      const series = (byKey.get(`${indicator.id}|${region.id}`) ?? []);
      const assessment = assessIndicator(indicator, year, month, series, plan.settings);
      const current = series.find((r) => r.year === year && r.month === month) ?? null;
      const due = dueDate(year, month, plan.settings.reportDueDay);
      const state: ReportState = current ? (current.firstReportedOn <= due ? 'on-time' : 'late') : today > due ? 'overdue' : 'pending';
      const recorded = records.get(region.id);
      rows.push({
        indicator, regionId: region.id, regionName: region.name, assessment, report: { state, due, current },
        series: series.filter((r) => r.year === year && r.month <= month).sort((a, b) => a.month - b.month).map((r) => ({ month: r.month, value: r.value })),
        records: recorded === undefined ? null : { value: recorded, agreement: current && indicator.records ? compareWithRecords(indicator.records.compare, current.value, recorded) : null },
      });
    }
  }
  return rows;
}

export const departmentName = (plan: Plan, id: string | null) => (id ? plan.departments.find((d) => d.id === id)?.name ?? id : null);

/** One row as the API and the exports present it. */
export function presentRow(plan: Plan, row: IndicatorRow) {
  const { indicator: i, assessment: a } = row;
  const fmt = (v: number | null) => (v === null ? null : formatFigure(i.unit, v));
  return {
    indicatorId: i.id, actionId: i.actionId, name: i.name, unit: i.unit, kind: i.kind, regionId: row.regionId, regionName: row.regionName,
    reporter: i.perRegion ? row.regionId : i.reporter, reporterName: i.perRegion ? row.regionName : departmentName(plan, i.reporter),
    goal: a.goal ? { value: a.goal.value, display: fmt(a.goal.value)!, stated: a.goal.stated } : null,
    latest: a.latest ? { month: a.latest.month, value: a.latest.value, display: fmt(a.latest.value)! } : null,
    projected: a.projected, projectedDisplay: fmt(a.projected), completion: a.completion, light: a.light, met: a.met,
    series: row.series.map((p) => ({ ...p, display: fmt(p.value)! })),
    report: {
      state: row.report.state, due: row.report.due,
      current: row.report.current ? {
        id: row.report.current.id, value: row.report.current.value, display: fmt(row.report.current.value)!, revision: row.report.current.revision,
        note: row.report.current.note, reportedByName: row.report.current.reportedByName, onBehalf: row.report.current.onBehalf, reportedOn: row.report.current.reportedOn,
        firstReportedOn: row.report.current.firstReportedOn, departmentName: departmentName(plan, row.report.current.departmentId), evidenceCount: row.report.current.evidenceCount,
      } : null,
    },
    records: row.records ? { value: row.records.value, display: fmt(row.records.value)!, agreement: row.records.agreement, compare: i.records!.compare } : null,
  };
}

export type PresentedRow = ReturnType<typeof presentRow>;
