// Builders for the unit tests (not a test file itself): a complete, valid 2022 input in which every
// region has done everything, so that each test changes only what it is about.
import type { AssessmentInput, RegionFigures } from './input.ts';
import type { ProgressSnapshot } from './progress.ts';
import type { Activity, WorkItem, WorkItemId } from './records.ts';
import { TARGETS_2022 } from './targets-2022.ts';

export const REGION_ORDER = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling', 'yz-etdz', 'yz-eco'] as const;
export type RegionId = (typeof REGION_ORDER)[number];

const done = (what: string): WorkItem => ({ done: true, evidence: [`${what}文件`] });
export const allWorkItemsDone = (): Record<WorkItemId, WorkItem> => ({
  workTeam: done('工作专班'),
  actionPlan: done('行动计划'),
  subsidyPolicy: done('奖补政策'),
  industrialChain: done('一库一图一方案'),
});

export const activity = (date: string, over: Partial<Activity> = {}): Activity => ({
  date,
  type: 'training',
  level: 'county',
  hostedByLocalGovernment: true,
  title: `${date} 专题培训`,
  evidence: [`${date} 新闻报道`],
  ...over,
});

/** One 专题培训 each quarter and a hosted 市级 event in April and October: the activity item passes. */
export const fullActivities = (year = 2022): Activity[] => [
  activity(`${year}-02-15`),
  activity(`${year}-04-20`, { type: 'site-visit', level: 'city', title: '市级现场观摩会' }),
  activity(`${year}-08-10`),
  activity(`${year}-10-12`, { type: 'policy-briefing', level: 'city', title: '市级政策解读会' }),
];

/** Every region exactly at its target, 40% coverage, all 五个一 done, no bonus or deduction. */
export function baseInput(): AssessmentInput {
  return {
    year: 2022,
    targets: TARGETS_2022,
    regions: TARGETS_2022.regions.map(
      (t): RegionFigures => ({
        regionId: t.regionId,
        completed: { retrofit: t.retrofit, cloud: t.cloud, portrait: t.portrait, benchmark: t.benchmark },
        coverage: { covered: 40, total: 100 },
        workItems: allWorkItemsDone(),
        activities: fullActivities(),
        bonusEvents: [],
        deductions: [],
      }),
    ),
  };
}

/** baseInput with per-region changes. */
export function withRegions(changes: Partial<Record<RegionId, (r: RegionFigures) => RegionFigures>>): AssessmentInput {
  const input = baseInput();
  return { ...input, regions: input.regions.map((r) => changes[r.regionId as RegionId]?.(r) ?? r) };
}

/** Sets one count category for the eight regions in table order. */
export function counts(category: 'retrofit' | 'cloud' | 'portrait' | 'benchmark', values: readonly number[]): AssessmentInput {
  const input = baseInput();
  return { ...input, regions: input.regions.map((r, i) => ({ ...r, completed: { ...r.completed, [category]: values[i]! } })) };
}

/**
 * Monthly cumulative progress for months 1..upTo: every region on pace (⌈target × month ÷ 12⌉,
 * coverage 40 of 100 enterprises × month ÷ 12 rounded up), with per-region overrides by month.
 */
export function onPaceHistory(
  upTo: number,
  overrides: Partial<Record<RegionId, (month: number) => Partial<ProgressSnapshot['completed']> & { covered?: number; total?: number }>> = {},
): ProgressSnapshot[] {
  const out: ProgressSnapshot[] = [];
  for (let month = 1; month <= upTo; month++) {
    for (const t of TARGETS_2022.regions) {
      const pace = (n: number) => Math.ceil((n * month) / 12);
      const o = overrides[t.regionId as RegionId]?.(month) ?? {};
      const { covered, total, ...completed } = o;
      out.push({
        regionId: t.regionId,
        month,
        completed: { retrofit: pace(t.retrofit), cloud: pace(t.cloud), portrait: pace(t.portrait), benchmark: pace(t.benchmark), ...completed },
        coverage: { covered: covered ?? pace(40), total: total ?? 100 },
      });
    }
  }
  return out;
}
