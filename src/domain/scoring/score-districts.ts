// The annual assessment of 附件2: every scored region's explained score sheet and the ranking.
// Each line of a sheet is one rule applied to one piece of data, with its clause; the sections
// add up to the total exactly (the bonus cap is its own negative line, so nothing is hidden).
import type { ActivityCheck } from './activities.ts';
import type { BonusResult } from './bonus.ts';
import { scoreBonus } from './bonus.ts';
import type { RateCategory, TieredCategory } from './categories.ts';
import { CATEGORY_INFO, RATE_CATEGORIES, TIERED_CATEGORIES } from './categories.ts';
import { scoreDeductions } from './deductions.ts';
import type { AssessmentInput } from './input.ts';
import { checkAssessmentInput } from './input.ts';
import type { Points } from './points.ts';
import { formatPoints } from './points.ts';
import type { RateResult } from './rate-categories.ts';
import { scoreRateCategory } from './rate-categories.ts';
import { sharedPlaces } from './ranking.ts';
import { toPercent } from './rational.ts';
import type { AppliedReading } from './readings.ts';
import { appliedReadings } from './readings.ts';
import { LEVEL_NAMES } from './records.ts';
import type { ScoringSettings } from './settings.ts';
import { checkTierOrder, DEFAULT_SETTINGS } from './settings.ts';
import type { TieredResult } from './tiered-categories.ts';
import { scoreTieredCategory, TIER_NAMES } from './tiered-categories.ts';
import type { WorkItemResult } from './work-progress.ts';
import { scoreWorkProgress } from './work-progress.ts';

export type Section = 'targets' | 'progress' | 'bonus' | 'deductions';
export const SECTION_NAMES: Record<Section, string> = {
  targets: '“智改数转”目标完成情况',
  progress: '“智改数转”工作推进情况(五个一)',
  bonus: '加分项',
  deductions: '减分项',
};

export interface ScoreLine {
  section: Section;
  item: string;
  clause: string;
  points: Points;
  max: Points | null;
  /** The data the points were computed from, by name (目标, 完成数, 完成率, 名次 …). */
  data: Record<string, string | number>;
  explanation: string;
}

export interface RegionScoreSheet {
  regionId: string;
  regionName: string;
  year: number;
  lines: ScoreLine[];
  subtotals: Record<Section, Points>;
  total: Points;
  rank: number;
  categories: { [C in TieredCategory]: TieredResult } & { [C in RateCategory]: RateResult };
  workItems: WorkItemResult[];
  activityCheck: ActivityCheck;
  bonus: BonusResult;
}

export interface AssessmentResult {
  year: number;
  reference?: string;
  /** 4 for the annual assessment; fewer when scoring the year so far (quarterly bulletin). */
  throughQuarter: number;
  settings: ScoringSettings;
  readings: AppliedReading[];
  /** Sheets in ranking order (equal totals share the rank, then table order). */
  sheets: RegionScoreSheet[];
}

export interface ScoreOptions {
  settings?: ScoringSettings;
  /** Score the year so far: only quarters 1..throughQuarter are checked for activities. */
  throughQuarter?: number;
  /** The year so far only: a region without its coverage summary yet scores 0% coverage. */
  allowMissingCoverage?: boolean;
}

export function scoreDistricts(rawInput: AssessmentInput, options: ScoreOptions = {}): AssessmentResult {
  const input = checkAssessmentInput(rawInput, { allowMissingCoverage: options.allowMissingCoverage ?? false });
  const s = options.settings ?? DEFAULT_SETTINGS;
  const throughQuarter = options.throughQuarter ?? 4;
  const targets = input.targets.regions;
  checkTierOrder(s, targets.length);
  const figures = new Map(input.regions.map((r) => [r.regionId, r]));
  const fig = (id: string) => figures.get(id)!;

  const tiered = Object.fromEntries(
    TIERED_CATEGORIES.map((c) => [
      c,
      new Map(scoreTieredCategory(c, targets.map((t) => ({ regionId: t.regionId, target: t[c], actual: fig(t.regionId).completed[c] })), s).map((r) => [r.regionId, r])),
    ]),
  ) as Record<TieredCategory, Map<string, TieredResult>>;
  const benchmark = new Map(
    scoreRateCategory('benchmark', targets.map((t) => ({ regionId: t.regionId, category: 'benchmark' as const, actual: fig(t.regionId).completed.benchmark, base: t.benchmark })), s).map(
      (r) => [r.regionId, r],
    ),
  );
  const coverage = new Map(
    scoreRateCategory(
      'coverage',
      targets.map((t) => ({
        regionId: t.regionId,
        category: 'coverage' as const,
        actual: fig(t.regionId).coverage.covered,
        base: fig(t.regionId).coverage.total,
        targetBasisPoints: t.coverageBasisPoints,
      })),
      s,
    ).map((r) => [r.regionId, r]),
  );

  const unranked = targets.map((t) => {
    const f = fig(t.regionId);
    const categories = {
      retrofit: tiered.retrofit.get(t.regionId)!,
      cloud: tiered.cloud.get(t.regionId)!,
      portrait: tiered.portrait.get(t.regionId)!,
      benchmark: benchmark.get(t.regionId)!,
      coverage: coverage.get(t.regionId)!,
    };
    const lines: ScoreLine[] = [];
    for (const c of TIERED_CATEGORIES) {
      const r = categories[c];
      lines.push({
        section: 'targets',
        item: CATEGORY_INFO[c].name,
        clause: CATEGORY_INFO[c].clause,
        points: r.points,
        max: r.max,
        data: {
          目标: r.target,
          完成数: r.actual,
          完成率: toPercent(r.rate),
          档次: TIER_NAMES[r.tier],
          完成数排名: r.countRank,
          完成率排名: r.rateRank,
          ...(s.combinedRanking === 'rank-sum' ? { 排名合计: r.rankSum } : {}),
          档内位次: r.place === null ? '—' : `${r.place}/${r.tierSize}`,
        },
        explanation: r.explanation,
      });
    }
    for (const c of RATE_CATEGORIES) {
      const r = categories[c];
      lines.push({
        section: 'targets',
        item: CATEGORY_INFO[c].name,
        clause: CATEGORY_INFO[c].clause,
        points: r.points,
        max: r.max,
        data:
          c === 'benchmark'
            ? { 目标: r.base, 完成数: r.actual, 完成率: toPercent(r.rate), 名次: r.place }
            : { 规上企业数: r.base, 实施企业数: r.actual, 覆盖率: toPercent(r.coverage!), 目标覆盖率: `${t.coverageBasisPoints / 100}%`, 完成率: toPercent(r.rate), 名次: r.place },
        explanation: r.explanation,
      });
    }
    const work = scoreWorkProgress(f.workItems, f.activities, input.year, s, throughQuarter);
    for (const w of work.items) {
      lines.push({
        section: 'progress',
        item: w.name,
        clause: '附件2 二(二)',
        points: w.points,
        max: w.max,
        data: { 完成: w.done ? '是' : '否', 证明材料: w.evidence.length },
        explanation: w.explanation,
      });
    }
    const bonus = scoreBonus(f.bonusEvents, s);
    for (const b of bonus.lines) {
      lines.push({
        section: 'bonus',
        item: b.event.title,
        clause: '附件2 二(三)',
        points: b.points,
        max: null,
        data: { 级别: LEVEL_NAMES[b.event.level], 证明材料: b.event.evidence.join('、') },
        explanation: b.explanation,
      });
    }
    if (bonus.capAdjustment !== 0) {
      lines.push({
        section: 'bonus',
        item: '加分上限',
        clause: '附件2 二(三)',
        points: bonus.capAdjustment,
        max: null,
        data: { 加分合计: formatPoints(bonus.uncapped), 上限: formatPoints(s.bonus.cap) },
        explanation: `加分合计${formatPoints(bonus.uncapped)}分,“最高可加${formatPoints(s.bonus.cap)}分”,超出部分${formatPoints(-bonus.capAdjustment)}分不计。`,
      });
    }
    const deductions = scoreDeductions(f.deductions, s);
    for (const d of deductions.lines) {
      lines.push({
        section: 'deductions',
        item: d.event.title,
        clause: '附件2 二(三)',
        points: d.points,
        max: null,
        data: { 下达单位: d.event.issuer === 'provincial' ? '省' : '市', 依据: d.event.evidence.join('、') },
        explanation: d.explanation,
      });
    }
    const subtotals: Record<Section, Points> = { targets: 0, progress: 0, bonus: 0, deductions: 0 };
    for (const l of lines) subtotals[l.section] += l.points;
    const total = lines.reduce((sum, l) => sum + l.points, 0);
    return {
      regionId: t.regionId,
      regionName: t.regionName,
      year: input.year,
      lines,
      subtotals,
      total,
      rank: 0,
      categories,
      workItems: work.items,
      activityCheck: work.activityCheck,
      bonus,
    };
  });

  const ranks = sharedPlaces(unranked, (a, b) => b.total - a.total);
  const sheets = unranked
    .map((sheet, i) => ({ ...sheet, rank: ranks[i]!, order: i }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ order: _order, ...sheet }) => sheet);
  return { year: input.year, reference: input.targets.reference, throughQuarter, settings: s, readings: appliedReadings(s), sheets };
}

