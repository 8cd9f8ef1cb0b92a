// Settings of the scoring engine. Every amount of 附件2 and every reading of an ambiguous phrase is
// a setting, written here beside the words it rests on, so that the city can change a reading
// without a code change (`zgsz score --settings FILE`, or the settings stored with an assessment).
// The defaults are the readings this platform adopts; readings.ts renders them in Chinese on
// every score sheet.
import { z } from 'zod';
import { invalid } from '../errors.ts';
import type { Points } from './points.ts';
import { parsePoints } from './points.ts';
import { ACTIVITY_TYPES, type ActivityType } from './records.ts';

export type CombinedRanking = 'rank-sum' | 'count-then-rate' | 'rate-then-count';
export type ComponentRankTies = 'competition' | 'dense' | 'average';
export type TieBreakKey = 'rate' | 'count';
export type RankScope = 'all-scored-regions' | 'within-tier';
export type ExclusionScope = 'named-level' | 'all-levels';

export interface TierPoints {
  /** Points of the region placed first in the tier. */
  first: Points;
  /** Points less for each place after the first ("其余依次递减"). */
  step: Points;
}

export interface ScoringSettings {
  /**
   * 附件2 二(一)1 "每一类项目根据实际完成数和实际完成率排名合计得分".
   * 'rank-sum' (default): 排名合计 = the rank by 实际完成数 plus the rank by 实际完成率; the smaller
   *   sum places higher. "排名合计" reads literally as "the rankings added up", and naming two
   *   measures before it means each yields a ranking.
   * 'count-then-rate' / 'rate-then-count': order by one measure, the other only breaking ties.
   * All three are monotone: one more completed project never lowers the region's own place.
   */
  combinedRanking: CombinedRanking;
  /**
   * How equal counts (or equal rates) are ranked before the two ranks are added. The text is
   * silent. 'competition' (default, 1,1,3): equals share the better rank and the next rank is
   * skipped, the usual 并列 of Chinese rankings; 'dense' (1,1,2); 'average' (1.5,1.5,3).
   */
  componentRankTies: ComponentRankTies;
  /**
   * Regions with the same 排名合计: broken by these measures in order (larger first); if still equal
   * they share the place (并列) and receive the same points, and the next region takes the place
   * after all the tied ones ("其余依次递减" counts every region ahead). Default []: the text names no
   * tie-breaker, and breaking by 完成率 would count that measure twice.
   */
  combinedTieBreak: TieBreakKey[];
  /**
   * Who is ranked for 排名合计. 'all-scored-regions' (default): the ranks by count and by rate are
   * taken among all scored regions ("每一类项目……排名"), then each tier's regions take their places
   * in that order ("对于完成项目目标的地区,排名第一得15分"). 'within-tier': ranks recomputed among
   * the regions of the tier only.
   */
  rankScope: RankScope;
  /**
   * "对于完成项目目标的地区": exactly 100% of the target is 完成目标 (default true). 民法典第1259条
   * reading: reaching the number is completing it; the text contrasts 完成 with 未完成.
   */
  targetMetInclusive: boolean;
  /**
   * "对于完成50%目标的地区……对于未完成50%目标的地区,该项不得分": exactly 50% is 完成50% (default
   * true): at exactly half the region has not "未完成50%".
   */
  halfTargetInclusive: boolean;
  /** The lower tier's share of the target: "完成50%目标" → 50 (an integer percent). */
  halfTargetPercent: number;
  /** "完成项目目标的地区,排名第一得15分,其余依次递减0.5分". */
  metTier: TierPoints;
  /** "完成50%目标的地区,排名第一得10分,其余依次递减0.5分". */
  halfTier: TierPoints;
  /** 二(一)2、3 "排名第一得15分,其余依次递减1分" (数字标杆, 覆盖率). */
  rateRanked: TierPoints;
  /**
   * 二(一)2、3 ranked by 完成率 alone: regions with equal rates share the place (default 'share');
   * 'count' puts the region with more completed projects (covered enterprises) first.
   */
  rateTieBreak: 'share' | 'count';
  /**
   * 二(一)2、3 give points to every place ("其余依次递减1分"), with no floor such as the 50% of
   * 二(一)1; read literally a region that completed nothing still gets its place's points
   * (default true). false: a region with zero completed gets 0 for that item.
   */
  zeroCompletionRanked: boolean;
  /** 二(二) "每项工作基础分值5分……完成工作得基本分,未完成不得分". */
  workItemPoints: Points;
  /**
   * 二(二) "每季度至少举办一场政策解读、现场观摩、专题培训、银企对接等活动": read as at least one
   * activity of any of these types per quarter (一场 …活动 = one event), not one of each type.
   * "等" leaves the list open; the types that count are this setting (default the four named).
   */
  quarterlyActivityTypes: ActivityType[];
  /**
   * 二(二) "每半年当地政府承办一场市级专题推进活动": at least one activity of level 市级 hosted by the
   * region's government in each half year (1–6月, 7–12月). Default true; false drops the check.
   */
  requireHalfYearCityEvent: boolean;
  /** 二(三) 加分项 amounts and the cap "最高可加10分" (最高: at most, inclusive). */
  bonus: {
    fundNational: Points;
    fundProvincial: Points;
    recognitionNational: Points;
    recognitionProvincial: Points;
    commendation: Points;
    cap: Points;
  };
  /**
   * 指标说明2 "获批星级上云企业不算作省级项目加分项"; 指标说明4 "通过两化融合贯标不算作国家级项目加分项".
   * 'named-level' (default): each is excluded at the level the text names; a 两化融合贯标 item
   * recognised at provincial level (e.g. 省级贯标试点) still earns the provincial amount.
   * 'all-levels': the two subjects earn no bonus at any level.
   */
  exclusionScope: ExclusionScope;
  /** 二(三) 减分项 "每次扣0.2分"; no cap or floor is stated, so none is applied. */
  deductionPerEvent: Points;
}

export const DEFAULT_SETTINGS: ScoringSettings = {
  combinedRanking: 'rank-sum',
  componentRankTies: 'competition',
  combinedTieBreak: [],
  rankScope: 'all-scored-regions',
  targetMetInclusive: true,
  halfTargetInclusive: true,
  halfTargetPercent: 50,
  metTier: { first: 1500, step: 50 },
  halfTier: { first: 1000, step: 50 },
  rateRanked: { first: 1500, step: 100 },
  rateTieBreak: 'share',
  zeroCompletionRanked: true,
  workItemPoints: 500,
  quarterlyActivityTypes: ['policy-briefing', 'site-visit', 'training', 'bank-enterprise'],
  requireHalfYearCityEvent: true,
  bonus: {
    fundNational: 100,
    fundProvincial: 50,
    recognitionNational: 30,
    recognitionProvincial: 20,
    commendation: 20,
    cap: 1000,
  },
  exclusionScope: 'named-level',
  deductionPerEvent: 20,
};

// ---- overrides from a settings file (points written as decimals: "0.5", 15) ----

const pointsValue = z.union([z.number(), z.string()]);
const tierOverride = z.strictObject({ first: pointsValue.optional(), step: pointsValue.optional() });

export const settingsOverrideSchema = z.strictObject({
  combinedRanking: z.enum(['rank-sum', 'count-then-rate', 'rate-then-count']).optional(),
  componentRankTies: z.enum(['competition', 'dense', 'average']).optional(),
  combinedTieBreak: z.array(z.enum(['rate', 'count'])).optional(),
  rankScope: z.enum(['all-scored-regions', 'within-tier']).optional(),
  targetMetInclusive: z.boolean().optional(),
  halfTargetInclusive: z.boolean().optional(),
  halfTargetPercent: z.int().gt(0).lt(100).optional(),
  metTier: tierOverride.optional(),
  halfTier: tierOverride.optional(),
  rateRanked: tierOverride.optional(),
  rateTieBreak: z.enum(['share', 'count']).optional(),
  zeroCompletionRanked: z.boolean().optional(),
  workItemPoints: pointsValue.optional(),
  quarterlyActivityTypes: z.array(z.enum(ACTIVITY_TYPES)).min(1).optional(),
  requireHalfYearCityEvent: z.boolean().optional(),
  bonus: z
    .strictObject({
      fundNational: pointsValue.optional(),
      fundProvincial: pointsValue.optional(),
      recognitionNational: pointsValue.optional(),
      recognitionProvincial: pointsValue.optional(),
      commendation: pointsValue.optional(),
      cap: pointsValue.optional(),
    })
    .optional(),
  exclusionScope: z.enum(['named-level', 'all-levels']).optional(),
  deductionPerEvent: pointsValue.optional(),
});

export type SettingsOverride = z.input<typeof settingsOverrideSchema>;

const MAX_SETTING_POINTS = 100_00;

const nonNegative = (v: string | number, field: string): Points => {
  const p = parsePoints(v, field);
  if (p < 0) throw invalid(field, `${field} 不能为负数 (must not be negative)`);
  // 附件2 scores out of 100 in all; no single amount can exceed it (1e308 was stored once and
  // every later score read overflowed).
  if (p > MAX_SETTING_POINTS) throw invalid(field, `${field} 不能超过100分 (at most 100 points)`);
  return p;
};

/** Defaults with the overrides applied; every amount is checked (non-negative, multiple of 0.01). */
export function resolveSettings(override: unknown = {}): ScoringSettings {
  const parsed = settingsOverrideSchema.safeParse(override ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['settings', ...issue.path.map(String)].join('.');
    throw invalid(field, `评分设置 ${field} 无效:${issue.message} (invalid setting)`);
  }
  const o = parsed.data;
  const tier = (base: TierPoints, t: z.infer<typeof tierOverride> | undefined, name: string): TierPoints => ({
    first: t?.first !== undefined ? nonNegative(t.first, `settings.${name}.first`) : base.first,
    step: t?.step !== undefined ? nonNegative(t.step, `settings.${name}.step`) : base.step,
  });
  const d = DEFAULT_SETTINGS;
  const b = o.bonus ?? {};
  const bonusValue = (k: keyof ScoringSettings['bonus']): Points =>
    b[k] !== undefined ? nonNegative(b[k], `settings.bonus.${k}`) : d.bonus[k];
  return {
    combinedRanking: o.combinedRanking ?? d.combinedRanking,
    componentRankTies: o.componentRankTies ?? d.componentRankTies,
    combinedTieBreak: o.combinedTieBreak ?? d.combinedTieBreak,
    rankScope: o.rankScope ?? d.rankScope,
    targetMetInclusive: o.targetMetInclusive ?? d.targetMetInclusive,
    halfTargetInclusive: o.halfTargetInclusive ?? d.halfTargetInclusive,
    halfTargetPercent: o.halfTargetPercent ?? d.halfTargetPercent,
    metTier: tier(d.metTier, o.metTier, 'metTier'),
    halfTier: tier(d.halfTier, o.halfTier, 'halfTier'),
    rateRanked: tier(d.rateRanked, o.rateRanked, 'rateRanked'),
    rateTieBreak: o.rateTieBreak ?? d.rateTieBreak,
    zeroCompletionRanked: o.zeroCompletionRanked ?? d.zeroCompletionRanked,
    workItemPoints: o.workItemPoints !== undefined ? nonNegative(o.workItemPoints, 'settings.workItemPoints') : d.workItemPoints,
    quarterlyActivityTypes: o.quarterlyActivityTypes ?? d.quarterlyActivityTypes,
    requireHalfYearCityEvent: o.requireHalfYearCityEvent ?? d.requireHalfYearCityEvent,
    bonus: {
      fundNational: bonusValue('fundNational'),
      fundProvincial: bonusValue('fundProvincial'),
      recognitionNational: bonusValue('recognitionNational'),
      recognitionProvincial: bonusValue('recognitionProvincial'),
      commendation: bonusValue('commendation'),
      cap: bonusValue('cap'),
    },
    exclusionScope: o.exclusionScope ?? d.exclusionScope,
    deductionPerEvent:
      o.deductionPerEvent !== undefined ? nonNegative(o.deductionPerEvent, 'settings.deductionPerEvent') : d.deductionPerEvent,
  };
}

/**
 * The tiers must not invert: the last place of the 完成目标 tier must score at least the first
 * place of the 完成50% tier, or completing one more project (and so entering the higher tier)
 * could lower a region's points. With the text's amounts and 8 regions: 15 − 0.5×7 = 11.5 ≥ 10.
 */
export function checkTierOrder(settings: ScoringSettings, regionCount: number): void {
  const lowestMet = Math.max(0, settings.metTier.first - settings.metTier.step * (regionCount - 1));
  if (lowestMet < settings.halfTier.first) {
    throw invalid(
      'settings.metTier',
      `评分设置使完成目标档末位(${lowestMet / 100}分)低于完成50%档首位(${settings.halfTier.first / 100}分),多完成项目反而可能少得分 (tiers would invert)`,
    );
  }
}
