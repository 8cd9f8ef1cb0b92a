// The 首页's assessment figures in one read: the 月度跟踪调度表 of every month of the year up to the
// business month (so a trend needs one request, not twelve), for the business year, or — while the
// city has not imported that year's target table — for the latest year that has one, saying so.
import type { Executor } from '../../db/client.ts';
import { loadMonthlyProgress } from '../../db/repositories/assessment-repository.ts';
import { latestTargetYear } from '../../db/repositories/dashboard-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { buildMonthlyTracking, type MonthlyTracking } from '../../domain/scoring/index.ts';
import { assertAssessedReader, canRead, checkYear, readableRegion, requireTargets } from '../assessment/assessment-scope.ts';
import { effectiveSettings } from '../assessment/scoring-settings.ts';
import { cachedReport, regionScopeKey } from '../report-cache.ts';

export interface AssessmentTrend {
  /** The business date the figures are reckoned at. */
  today: string;
  /** The year asked for (the business year unless the request names one). */
  requestedYear: number;
  /** The year shown: the requested one, or the latest earlier year with targets when it has none. */
  year: number;
  /** Months counted: the business month in the business year, 12 for a past year. */
  month: number;
  source: 'database' | 'built-in';
  months: MonthlyTracking[];
}

export async function assessmentTrend(db: Executor, actor: Actor, today: string, requested?: number): Promise<AssessmentTrend> {
  assertPermission(actor, 'assessment.read');
  const key = `trend|${today}|${requested ?? 'business-year'}|${regionScopeKey(actor)}`;
  return cachedReport(db, ['assessment'], key, () => computeTrend(db, actor, today, requested), actor);
}

async function computeTrend(db: Executor, actor: Actor, today: string, requested: number | undefined): Promise<AssessmentTrend> {
  const businessYear = Number(today.slice(0, 4));
  const requestedYear = checkYear(requested ?? businessYear);
  if (requestedYear > businessYear) throw invalid('year', `${requestedYear}年尚未开始(业务日期 ${today}):请选择 ${businessYear} 年或更早的年度`);
  // Without the requested year's table, the latest earlier one; with none at all, the usual refusal.
  const year = requested === undefined ? (await latestTargetYear(db, requestedYear)) ?? requestedYear : requestedYear;
  const targets = await requireTargets(db, year);
  assertAssessedReader(actor, targets);
  const month = year < businessYear ? 12 : Number(today.slice(5, 7));
  const history = await loadMonthlyProgress(db, targets, month);
  const settings = await effectiveSettings(db, year);
  // As in the monthly tracking table: an officer's rows and total are their own region's alone.
  const visible = readableRegion(actor) === null ? targets : { ...targets, regions: targets.regions.filter((r) => canRead(actor, r.regionId)) };
  const totalName = visible === targets ? '全市合计' : `${visible.regions.map((r) => r.regionName).join('、')}合计`;
  const own = history.filter((h) => canRead(actor, h.regionId));
  const months = Array.from({ length: month }, (_, i) => buildMonthlyTracking(visible, own, i + 1, settings, 'run-rate', totalName));
  return { today, requestedYear, year, month, source: targets.source, months };
}
