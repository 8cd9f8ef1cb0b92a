// Forecast of year-end completion and early warning (预测预警). From the monthly cumulative figures
// each category's year-end figure is projected, and a region heading below 50% or 100% of a target
// is flagged with the same boundaries as the score (tierOfRate), so "on track" means "would score
// in the 完成目标 tier".
// Methods (a setting):
//   'run-rate' (default): year-end = completed × 12 ÷ month — the year's pace so far, which
//     smooths the batch-wise award of subsidies and recognitions;
//   'recent-trend': year-end = completed + (completed − completed 3 months earlier) ÷ 3 × months left
//     — reacts faster to a region that sped up or stalled (falls back to run-rate before April).
// The projection is exact (rationals); shown rounded to one decimal.
import type { Category } from './categories.ts';
import { CATEGORIES, CATEGORY_INFO } from './categories.ts';
import type { ProgressSnapshot } from './progress.ts';
import { categoryRate, snapshotsFor } from './progress.ts';
import type { Rational } from './rational.ts';
import { add, ceil, compare, div, mul, ratio, sub, toFixed, toPercent } from './rational.ts';
import type { ScoringSettings } from './settings.ts';
import type { RegionTargets, TargetTable } from './target-table.ts';
import type { Tier } from './tiered-categories.ts';
import { tierOfRate } from './tiered-categories.ts';

export type ForecastMethod = 'run-rate' | 'recent-trend';
export type ForecastStatus = 'on-track' | 'below-target' | 'below-half';
export const FORECAST_STATUS_NAMES: Record<ForecastStatus, string> = {
  'on-track': '预计完成目标',
  'below-target': '预计不能完成目标',
  'below-half': '预计完成不足50%',
};
/** After December the year is no longer forecast: its figures are final. */
export const FINAL_STATUS_NAMES: Record<ForecastStatus, string> = {
  'on-track': '完成目标',
  'below-target': '未完成目标',
  'below-half': '完成不足50%',
};
export const forecastStatusName = (f: Pick<CategoryForecast, 'status' | 'final'>): string =>
  (f.final ? FINAL_STATUS_NAMES : FORECAST_STATUS_NAMES)[f.status];

/** A projected count as people read it: whole numbers without decimals (12, not 12.0), else one decimal. */
export const formatCount = (r: Rational): string => (r.den === 1n ? r.num.toString() : toFixed(r, 1));
const RECENT_WINDOW = 3;

export interface CategoryForecast {
  regionId: string;
  regionName: string;
  category: Category;
  /** Target count, or for coverage the 规上 enterprises needed to reach the target coverage. */
  target: number;
  actual: number;
  rate: Rational;
  /** Projected year-end count (covered enterprises for coverage). */
  projected: Rational;
  projectedRate: Rational;
  status: ForecastStatus;
  /** December: the figures are the year's result, not a projection. */
  final: boolean;
  /** Still to complete to reach the target (0 when reached). */
  remaining: number;
  /** Needed each remaining month to reach the target (0 in December or when reached). */
  perMonthNeeded: number;
  explanation: string;
}

const statusOf = (tier: Tier): ForecastStatus => (tier === 'met' ? 'on-track' : tier === 'half' ? 'below-target' : 'below-half');

/** Coverage target expressed in enterprises: ⌈规上企业数 × 目标覆盖率⌉. */
export const coverageNeeded = (t: RegionTargets, total: number): number => Number(ceil(ratio(BigInt(total) * BigInt(t.coverageBasisPoints), 10000n)));

function project(history: readonly ProgressSnapshot[], current: ProgressSnapshot, value: (p: ProgressSnapshot) => number, method: ForecastMethod): Rational {
  const m = current.month;
  const now = value(current);
  if (method === 'recent-trend' && m > RECENT_WINDOW) {
    const earlier = history.find((h) => h.regionId === current.regionId && h.month === m - RECENT_WINDOW);
    if (earlier) {
      const pace = div(sub(ratio(now, 1), ratio(value(earlier), 1)), ratio(RECENT_WINDOW, 1));
      const projected = add(ratio(now, 1), mul(pace, ratio(12 - m, 1)));
      // A falling cumulative count (a record withdrawn) must not project below what is done.
      return compare(projected, ratio(now, 1)) < 0 ? ratio(now, 1) : projected;
    }
  }
  return ratio(now * 12, m);
}

export function forecastYearEnd(
  targets: TargetTable,
  history: readonly ProgressSnapshot[],
  month: number,
  s: ScoringSettings,
  method: ForecastMethod = 'run-rate',
): CategoryForecast[] {
  const current = snapshotsFor(targets, history, month);
  const monthsLeft = 12 - month;
  const out: CategoryForecast[] = [];
  for (const t of targets.regions) {
    const p = current.get(t.regionId)!;
    for (const c of CATEGORIES) {
      const isCoverage = c === 'coverage';
      const target = isCoverage ? coverageNeeded(t, p.coverage.total) : t[c];
      const actual = isCoverage ? p.coverage.covered : p.completed[c];
      let projected = project(history, p, (x) => (isCoverage ? x.coverage.covered : x.completed[c]), method);
      if (isCoverage && compare(projected, ratio(p.coverage.total, 1)) > 0) projected = ratio(p.coverage.total, 1); // cannot cover more than all
      const projectedRate = isCoverage
        ? p.coverage.total === 0
          ? ratio(0, 1)
          : div(div(projected, ratio(p.coverage.total, 1)), ratio(t.coverageBasisPoints, 10000))
        : div(projected, ratio(t[c], 1));
      const status = statusOf(tierOfRate(projectedRate, s));
      const remaining = Math.max(0, target - actual);
      const perMonthNeeded = monthsLeft > 0 && remaining > 0 ? Math.ceil(remaining / monthsLeft) : 0;
      const unit = isCoverage ? '家' : '个';
      const name = CATEGORY_INFO[c].name;
      out.push({
        regionId: t.regionId,
        regionName: t.regionName,
        category: c,
        target,
        actual,
        rate: categoryRate(t, p, c),
        projected,
        projectedRate,
        status,
        final: monthsLeft === 0,
        remaining,
        perMonthNeeded,
        explanation: monthsLeft === 0
          ? `${t.regionName}${name}:全年完成${actual}${unit}(目标${target}${unit}),完成率${toPercent(projectedRate)},${FINAL_STATUS_NAMES[status]}。`
          : `${t.regionName}${name}:截至${month}月完成${actual}${unit}(目标${target}${unit}),` +
            `按${method === 'run-rate' ? '全年平均进度' : '近3个月进度'}预计年底${formatCount(projected)}${unit},` +
            `预计完成率${toPercent(projectedRate)},${FORECAST_STATUS_NAMES[status]}` +
            (remaining > 0 ? `;尚需${remaining}${unit},每月至少${perMonthNeeded}${unit}。` : '。'),
      });
    }
  }
  return out;
}
