// 附件2 二(一)2 "“数字标杆”创建项目,按照项目实际完成率进行排名,排名第一得15分,其余依次递减1分。"
// 附件2 二(一)3 "规上企业“智改数转”覆盖率,按照实际完成率进行排名,排名第一得15分,其余依次递减1分。"
// 实际完成率 of coverage is read as the region's coverage ÷ its target coverage, the same "actual ÷
// target" meaning the text gives 完成率 for the project counts; with the 2022 table (40% for all)
// this orders the regions exactly as the coverage itself would.
import type { RateCategory } from './categories.ts';
import { CATEGORY_INFO } from './categories.ts';
import type { Points } from './points.ts';
import { formatPoints } from './points.ts';
import type { Better } from './ranking.ts';
import { placePoints, sharedPlaces, thenBy } from './ranking.ts';
import type { Rational } from './rational.ts';
import { compare, div, ratio, toPercent } from './rational.ts';
import type { ScoringSettings } from './settings.ts';

export interface RateFigure {
  regionId: string;
  category: RateCategory;
  /** Completed projects (数字标杆) or covered 规上 enterprises (覆盖率). */
  actual: number;
  /** Target count (数字标杆); for 覆盖率 the region's 规上 enterprises (the denominator). */
  base: number;
  /** Coverage target in basis points (覆盖率 only). */
  targetBasisPoints?: number;
}

export interface RateResult {
  regionId: string;
  category: RateCategory;
  actual: number;
  base: number;
  /** Coverage achieved (覆盖率 only). */
  coverage?: Rational;
  rate: Rational;
  place: number;
  points: Points;
  max: Points;
  explanation: string;
}

export function completionRate(f: RateFigure): Rational {
  if (f.category === 'benchmark') return ratio(f.actual, f.base);
  // No 规上 enterprise figures yet (the year so far, before the summary is filed): 0%.
  if (f.base === 0) return ratio(0, 1);
  return div(ratio(f.actual, f.base), ratio(f.targetBasisPoints ?? 0, 10000));
}

export function scoreRateCategory(category: RateCategory, figures: readonly RateFigure[], s: ScoringSettings): RateResult[] {
  const rows = figures.map((f) => ({ ...f, rate: completionRate(f) }));
  const measures: Better<(typeof rows)[number]>[] = [(a, b) => compare(b.rate, a.rate)];
  if (s.rateTieBreak === 'count') measures.push((a, b) => b.actual - a.actual);
  const places = sharedPlaces(rows, thenBy(...measures));
  const name = CATEGORY_INFO[category].name;
  const clause = CATEGORY_INFO[category].clause;
  const max = s.rateRanked.first;

  return rows.map((r, i) => {
    const place = places[i]!;
    const tied = places.filter((p) => p === place).length - 1;
    const head =
      category === 'coverage' && r.base === 0
        ? `尚无规上企业覆盖率数据(未报送当年规上企业实施项目情况汇总表),按覆盖率0计`
        : category === 'benchmark'
        ? `${name}目标${r.base}个,完成${r.actual}个,完成率${toPercent(r.rate)}`
        : `规上企业${r.base}家,实施“智改数转”${r.actual}家,覆盖率${toPercent(ratio(r.actual, r.base))},` +
          `目标${toPercent(ratio(r.targetBasisPoints ?? 0, 10000))},完成率${toPercent(r.rate)}`;
    const coverage = category === 'coverage' ? { coverage: r.base === 0 ? ratio(0, 1) : ratio(r.actual, r.base) } : {};
    const common = { regionId: r.regionId, category, actual: r.actual, base: r.base, rate: r.rate, place, max, ...coverage };
    if (r.actual === 0 && !s.zeroCompletionRanked) {
      return { ...common, points: 0, explanation: `${head};未完成任何项目,按设置该项不得分(${clause})。` };
    }
    const points = placePoints(s.rateRanked.first, s.rateRanked.step, place);
    return {
      ...common,
      points,
      explanation:
        `${head};按完成率排名第${place}位${tied > 0 ? `(与${tied}个地区并列)` : ''}:` +
        `${formatPoints(s.rateRanked.first)} − ${formatPoints(s.rateRanked.step)}×${place - 1} = ${formatPoints(points)}分(${clause})。`,
    };
  });
}
