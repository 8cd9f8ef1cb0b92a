// 月度跟踪调度表 (实施意见 三(三) "实行月度跟踪调度"): for one month, per region and category the
// target, the cumulative completion, the completion rate against 序时进度 (the share of the year
// elapsed, month ÷ 12), and the year-end forecast; plus a 全市合计 row.
import type { Category } from './categories.ts';
import { CATEGORIES, COUNT_CATEGORIES } from './categories.ts';
import type { CategoryForecast, ForecastMethod } from './forecast.ts';
import { coverageNeeded, forecastYearEnd } from './forecast.ts';
import type { ProgressSnapshot } from './progress.ts';
import { categoryRate, snapshotsFor } from './progress.ts';
import type { Rational } from './rational.ts';
import { add, compare, div, ratio } from './rational.ts';
import type { ScoringSettings } from './settings.ts';
import type { TargetTable } from './target-table.ts';

export interface TrackingCell {
  target: number;
  actual: number;
  rate: Rational;
  /** rate < 序时进度. */
  behindSchedule: boolean;
  forecast?: CategoryForecast;
}

export interface TrackingRow {
  regionId: string;
  regionName: string;
  cells: Record<Category, TrackingCell>;
  /** Coverage figures behind the coverage cell. */
  coverage: { covered: number; total: number; targetBasisPoints: number };
  behindCount: number;
}

export interface MonthlyTracking {
  year: number;
  month: number;
  /** 序时进度 = month ÷ 12. */
  timeProgress: Rational;
  rows: TrackingRow[];
  /** 全市合计: sums of counts and of targets; coverage over all regions' 规上 enterprises. */
  cityTotal: Omit<TrackingRow, 'regionId' | 'behindCount'> & { regionId: 'city' };
}

export function buildMonthlyTracking(
  targets: TargetTable,
  history: readonly ProgressSnapshot[],
  month: number,
  s: ScoringSettings,
  method: ForecastMethod = 'run-rate',
  totalName = '全市合计',
): MonthlyTracking {
  const current = snapshotsFor(targets, history, month);
  const forecasts = forecastYearEnd(targets, history, month, s, method);
  const timeProgress = ratio(month, 12);
  const cell = (target: number, actual: number, rate: Rational, forecast?: CategoryForecast): TrackingCell => ({
    target,
    actual,
    rate,
    behindSchedule: compare(rate, timeProgress) < 0,
    ...(forecast ? { forecast } : {}),
  });

  const rows = targets.regions.map((t): TrackingRow => {
    const p = current.get(t.regionId)!;
    const cells = Object.fromEntries(
      CATEGORIES.map((c) => {
        const f = forecasts.find((x) => x.regionId === t.regionId && x.category === c)!;
        const target = c === 'coverage' ? coverageNeeded(t, p.coverage.total) : t[c];
        const actual = c === 'coverage' ? p.coverage.covered : p.completed[c];
        return [c, cell(target, actual, categoryRate(t, p, c), f)];
      }),
    ) as Record<Category, TrackingCell>;
    return {
      regionId: t.regionId,
      regionName: t.regionName,
      cells,
      coverage: { ...p.coverage, targetBasisPoints: t.coverageBasisPoints },
      behindCount: CATEGORIES.filter((c) => cells[c].behindSchedule).length,
    };
  });

  const sum = (f: (r: TrackingRow) => number) => rows.reduce((acc, r) => acc + f(r), 0);
  const totalCells = Object.fromEntries(
    COUNT_CATEGORIES.map((c) => {
      const target = sum((r) => r.cells[c].target);
      const actual = sum((r) => r.cells[c].actual);
      return [c, cell(target, actual, target === 0 ? ratio(0, 1) : ratio(actual, target))];
    }),
  ) as Record<Category, TrackingCell>;
  const covered = sum((r) => r.coverage.covered);
  const total = sum((r) => r.coverage.total);
  const needed = sum((r) => r.cells.coverage.target);
  // Total coverage completion: covered ÷ Σ(规上企业数 × 目标覆盖率), exactly — the same formula as a
  // region's row (coverage ÷ target coverage), so one region's total equals its row. The whole
  // enterprises shown as the target (⌈…⌉ per region) are for reading only.
  const exactNeeded = rows.reduce((acc, r) => add(acc, ratio(BigInt(r.coverage.total) * BigInt(r.coverage.targetBasisPoints), 10000n)), ratio(0, 1));
  totalCells.coverage = cell(needed, covered, exactNeeded.num === 0n ? ratio(0, 1) : div(ratio(covered, 1), exactNeeded));
  return {
    year: targets.year,
    month,
    timeProgress,
    rows,
    cityTotal: { regionId: 'city', regionName: totalName, cells: totalCells, coverage: { covered, total, targetBasisPoints: 0 } },
  };
}
