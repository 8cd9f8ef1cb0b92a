// Monthly progress (月度跟踪调度, 实施意见 三(三)): the cumulative figures of each region at the end of
// a month, as counted by 指标说明 from the records. The tracking table, the quarterly bulletin and the
// forecast are built from these snapshots.
import { invalid } from '../errors.ts';
import type { Category, CountCategory } from './categories.ts';
import { CATEGORY_INFO, COUNT_CATEGORIES } from './categories.ts';
import type { Rational } from './rational.ts';
import { div, ratio } from './rational.ts';
import type { RegionTargets, TargetTable } from './target-table.ts';

export interface ProgressSnapshot {
  regionId: string;
  /** 1–12: the figures are cumulative from 1 January to the end of this month. */
  month: number;
  completed: Record<CountCategory, number>;
  coverage: { covered: number; total: number };
}

/** Completion rate of one category: completed ÷ target, or coverage ÷ target coverage. */
export function categoryRate(t: RegionTargets, p: ProgressSnapshot, c: Category): Rational {
  if (c === 'coverage') {
    return p.coverage.total === 0 ? ratio(0, 1) : div(ratio(p.coverage.covered, p.coverage.total), ratio(t.coverageBasisPoints, 10000));
  }
  return ratio(p.completed[c], t[c]);
}

/** The snapshot of each scored region for `month`; a missing report or a bad figure is an error naming it. */
export function snapshotsFor(targets: TargetTable, history: readonly ProgressSnapshot[], month: number): Map<string, ProgressSnapshot> {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid('month', `月份须为1–12,收到 ${String(month)}`);
  const scored = new Set(targets.regions.map((r) => r.regionId));
  history.forEach((p, i) => {
    if (!scored.has(p.regionId)) throw invalid(`progress[${i}].regionId`, `${p.regionId} 不是${targets.year}年的评分对象`);
    if (!Number.isInteger(p.month) || p.month < 1 || p.month > 12) throw invalid(`progress[${i}].month`, `月份须为1–12,收到 ${String(p.month)}`);
    for (const c of COUNT_CATEGORIES) {
      const v = p.completed[c];
      if (!Number.isSafeInteger(v) || v < 0) {
        throw invalid(`progress[${i}].completed.${c}`, `${CATEGORY_INFO[c].name}完成数须为非负整数,收到 ${String(v)}`);
      }
    }
    const { covered, total } = p.coverage;
    if (!Number.isSafeInteger(total) || total < 0 || !Number.isSafeInteger(covered) || covered < 0 || covered > total) {
      throw invalid(`progress[${i}].coverage`, `覆盖率数据无效:实施企业${String(covered)}家,规上企业${String(total)}家`);
    }
  });
  const out = new Map<string, ProgressSnapshot>();
  for (const t of targets.regions) {
    const p = history.find((h) => h.regionId === t.regionId && h.month === month);
    if (!p) throw invalid('progress', `缺少${t.regionName}${month}月的进度数据 (missing monthly progress)`);
    out.set(t.regionId, p);
  }
  return out;
}
