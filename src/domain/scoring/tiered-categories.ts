// 附件2 二(一)1: 智能化改造项目、"上云用数"项目、"数字画像"诊断项目.
// "每一类项目根据实际完成数和实际完成率排名合计得分,对于完成项目目标的地区,排名第一得15分,其余依次
//  递减0.5分;对于完成50%目标的地区,排名第一得10分,其余依次递减0.5分;对于未完成50%目标的地区,该项
//  不得分。"
// Readings (each a setting, see settings.ts): 排名合计 = rank by count + rank by rate; the ranks
// are taken among all scored regions and each tier's regions are then placed in that order;
// regions still equal share the place; exactly 100% is 完成目标 and exactly 50% is 完成50%.
import type { TieredCategory } from './categories.ts';
import { CATEGORY_INFO } from './categories.ts';
import type { Points } from './points.ts';
import { formatPoints } from './points.ts';
import type { Better } from './ranking.ts';
import { placePoints, rankAll, thenBy } from './ranking.ts';
import type { Rational } from './rational.ts';
import { compare, ratio, toPercent } from './rational.ts';
import type { ScoringSettings, TieBreakKey } from './settings.ts';

export type Tier = 'met' | 'half' | 'below';
export const TIER_NAMES: Record<Tier, string> = { met: '完成目标', half: '完成50%目标', below: '未完成50%目标' };

export interface TieredFigure {
  regionId: string;
  target: number;
  actual: number;
}

export interface TieredResult {
  regionId: string;
  category: TieredCategory;
  target: number;
  actual: number;
  rate: Rational;
  tier: Tier;
  /** Ranks among the ranking scope (all scored regions, or the tier). */
  countRank: number;
  rateRank: number;
  /** countRank + rateRank under 'rank-sum'. */
  rankSum: number;
  /** Place among the regions of the same tier (null for 未完成50%). */
  place: number | null;
  tierSize: number;
  points: Points;
  max: Points;
  explanation: string;
}

export function tierOf(actual: number, target: number, s: ScoringSettings): Tier {
  return tierOfRate(ratio(actual, target), s);
}

/** The tier a completion rate falls in; shared with the forecast so that warnings use the same boundaries. */
export function tierOfRate(rate: Rational, s: ScoringSettings): Tier {
  const full = compare(rate, ratio(1, 1));
  if (full > 0 || (full === 0 && s.targetMetInclusive)) return 'met';
  const half = compare(rate, ratio(s.halfTargetPercent, 100));
  if (half > 0 || (half === 0 && s.halfTargetInclusive)) return 'half';
  return 'below';
}

interface Row extends TieredFigure {
  rate: Rational;
  tier: Tier;
  countRank: number;
  rateRank: number;
}

const byCount: Better<{ actual: number }> = (a, b) => b.actual - a.actual;
const byRate: Better<{ rate: Rational }> = (a, b) => compare(b.rate, a.rate);
const tieBreakMeasure = (k: TieBreakKey): Better<Row> => (k === 'rate' ? byRate : byCount);

/** The order of 排名合计 (plus the configured tie-breakers) among rows ranked in the same scope. */
function combinedOrder(s: ScoringSettings): Better<Row> {
  const tieBreaks = s.combinedTieBreak.map(tieBreakMeasure);
  switch (s.combinedRanking) {
    case 'rank-sum':
      return thenBy<Row>((a, b) => a.countRank + a.rateRank - (b.countRank + b.rateRank), ...tieBreaks);
    case 'count-then-rate':
      return thenBy<Row>(byCount, byRate, ...tieBreaks);
    case 'rate-then-count':
      return thenBy<Row>(byRate, byCount, ...tieBreaks);
  }
}

const fmtRank = (r: number) => (Number.isInteger(r) ? String(r) : r.toFixed(1));

export function scoreTieredCategory(category: TieredCategory, figures: readonly TieredFigure[], s: ScoringSettings): TieredResult[] {
  const base = figures.map((f) => ({ ...f, rate: ratio(f.actual, f.target), tier: tierOf(f.actual, f.target, s) }));
  // Ranking scopes: one group of all scored regions, or one group per tier.
  const groups = s.rankScope === 'all-scored-regions' ? [base] : (['met', 'half', 'below'] as const).map((t) => base.filter((r) => r.tier === t));
  const rows = new Map<string, Row>();
  for (const group of groups) {
    const countRanks = rankAll(group, byCount, s.componentRankTies);
    const rateRanks = rankAll(group, byRate, s.componentRankTies);
    group.forEach((r, i) => rows.set(r.regionId, { ...r, countRank: countRanks[i]!, rateRank: rateRanks[i]! }));
  }
  const order = combinedOrder(s);
  const max = s.metTier.first;
  const name = CATEGORY_INFO[category].name;

  return figures.map((f) => {
    const row = rows.get(f.regionId)!;
    const members = [...rows.values()].filter((r) => r.tier === row.tier);
    const rankText = rankingText(row, s);
    const head = `${name}目标${row.target}个,完成${row.actual}个,完成率${toPercent(row.rate)}`;
    if (row.tier === 'below') {
      return {
        ...result(row, category, null, members.length, 0, max),
        explanation: `${head},${TIER_NAMES.below}(不足${s.halfTargetPercent}%),该项不得分(附件2 二(一)1“对于未完成50%目标的地区,该项不得分”)。${rankText}`,
      };
    }
    const place = 1 + members.filter((m) => m !== row && order(m, row) < 0).length;
    const tierPts = row.tier === 'met' ? s.metTier : s.halfTier;
    const points = placePoints(tierPts.first, tierPts.step, place);
    const boundary =
      row.tier === 'met'
        ? compare(row.rate, ratio(1, 1)) === 0
          ? '(恰好100%,按完成目标计)'
          : ''
        : compare(row.rate, ratio(s.halfTargetPercent, 100)) === 0
          ? '(恰好50%,按完成50%目标计)'
          : '';
    const tied = members.filter((m) => m !== row && order(m, row) === 0).length;
    const tieText = tied > 0 ? `,与${tied}个地区并列` : '';
    return {
      ...result(row, category, place, members.length, points, max),
      explanation:
        `${head},${TIER_NAMES[row.tier]}${boundary}。${rankText}` +
        `在${TIER_NAMES[row.tier]}的${members.length}个地区中列第${place}位${tieText}:` +
        `${formatPoints(tierPts.first)} − ${formatPoints(tierPts.step)}×${place - 1} = ${formatPoints(points)}分。`,
    };
  });
}

function rankingText(row: Row, s: ScoringSettings): string {
  const scope = s.rankScope === 'all-scored-regions' ? '全部评分地区中' : `${TIER_NAMES[row.tier]}地区中`;
  const ranks = `${scope}完成数排名第${fmtRank(row.countRank)}、完成率排名第${fmtRank(row.rateRank)}`;
  switch (s.combinedRanking) {
    case 'rank-sum':
      return `${ranks},排名合计${fmtRank(row.countRank + row.rateRank)};`;
    case 'count-then-rate':
      return `${ranks}(按完成数排序,完成率次之);`;
    case 'rate-then-count':
      return `${ranks}(按完成率排序,完成数次之);`;
  }
}

function result(row: Row, category: TieredCategory, place: number | null, tierSize: number, points: Points, max: Points): Omit<TieredResult, 'explanation'> {
  return {
    regionId: row.regionId,
    category,
    target: row.target,
    actual: row.actual,
    rate: row.rate,
    tier: row.tier,
    countRank: row.countRank,
    rateRank: row.rateRank,
    rankSum: row.countRank + row.rateRank,
    place,
    tierSize,
    points,
    max,
  };
}
