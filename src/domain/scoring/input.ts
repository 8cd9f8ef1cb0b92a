// One year's assessment input: the target table and, per scored region, the completed figures
// (derived from records by 指标说明, or entered for `zgsz score --input`), the 五个一 items, the
// activity records and the bonus/deduction events, each with the evidence 核查内容 requires.
// `parseAssessmentInput` validates a raw (JSON/XLSX) document; `checkAssessmentInput` applies the
// checks that need the target table to typed data from any source. Every failure is a
// DomainError('INVALID') naming the field.
import { z } from 'zod';
import { invalid } from '../errors.ts';
import type { CountCategory } from './categories.ts';
import { CATEGORY_INFO, COUNT_CATEGORIES } from './categories.ts';
import type { Activity, BonusEvent, DeductionEvent, WorkItem, WorkItemId } from './records.ts';
import { ACTIVITY_TYPES, BONUS_KINDS, BONUS_SUBJECTS, LEVELS, WORK_ITEMS, WORK_ITEM_NAMES } from './records.ts';
import type { TargetTable } from './target-table.ts';
import { parsePercentBasisPoints, validateTargetTable } from './target-table.ts';
import { BUILT_IN_TARGETS } from './targets-2022.ts';
import { domainErrorFromZod } from './zod-errors.ts';
import { isoDateSchema } from '../validation.ts';

export interface RegionFigures {
  regionId: string;
  completed: Record<CountCategory, number>;
  /** 规上 enterprises with a 智改数转 project (covered) out of all 规上 enterprises (total). */
  coverage: { covered: number; total: number };
  workItems: Record<WorkItemId, WorkItem>;
  activities: Activity[];
  bonusEvents: BonusEvent[];
  deductions: DeductionEvent[];
}

export interface AssessmentInput {
  year: number;
  targets: TargetTable;
  regions: RegionFigures[];
}

const count = z.int().min(0);
const evidence = z.array(z.string().trim().min(1));
const isoDate = isoDateSchema();

const workItemSchema = z.strictObject({ done: z.boolean(), evidence: evidence.default([]), note: z.string().optional() });
const activitySchema = z.strictObject({
  date: isoDate,
  type: z.enum(ACTIVITY_TYPES),
  level: z.enum(LEVELS),
  hostedByLocalGovernment: z.boolean().default(false),
  title: z.string().trim().min(1),
  evidence: evidence.min(1),
});
const bonusSchema = z.strictObject({
  kind: z.enum(BONUS_KINDS),
  level: z.enum(LEVELS),
  subject: z.enum(BONUS_SUBJECTS).default('other'),
  title: z.string().trim().min(1),
  date: isoDate.optional(),
  evidence: evidence.min(1),
});
const deductionSchema = z.strictObject({
  issuer: z.enum(['provincial', 'city']),
  title: z.string().trim().min(1),
  date: isoDate.optional(),
  evidence: evidence.min(1),
});
const regionSchema = z.strictObject({
  regionId: z.string().trim().min(1),
  completed: z.strictObject({ retrofit: count, cloud: count, portrait: count, benchmark: count }),
  coverage: z.strictObject({ covered: count, total: count }),
  workItems: z
    .strictObject({
      workTeam: workItemSchema.optional(),
      actionPlan: workItemSchema.optional(),
      subsidyPolicy: workItemSchema.optional(),
      industrialChain: workItemSchema.optional(),
    })
    .default({}),
  activities: z.array(activitySchema).default([]),
  bonusEvents: z.array(bonusSchema).default([]),
  deductions: z.array(deductionSchema).default([]),
});
const targetRowSchema = z.strictObject({
  regionId: z.string().trim().min(1),
  regionName: z.string().trim().min(1),
  retrofit: count,
  cloud: count,
  portrait: count,
  benchmark: count,
  coveragePercent: z.union([z.number(), z.string()]),
});
export const assessmentFileSchema = z.strictObject({
  year: z.int().min(2000).max(2100),
  targets: z.strictObject({ reference: z.string().optional(), regions: z.array(targetRowSchema).min(1) }).optional(),
  regions: z.array(regionSchema).min(1),
});
export type AssessmentFile = z.input<typeof assessmentFileSchema>;

/** Validates a raw document (parsed JSON or the object read from an XLSX) into an AssessmentInput. */
export function parseAssessmentInput(raw: unknown): AssessmentInput {
  const parsed = assessmentFileSchema.safeParse(raw);
  if (!parsed.success) throw domainErrorFromZod(parsed.error, '', raw);
  const doc = parsed.data;
  let targets: TargetTable;
  if (doc.targets) {
    targets = validateTargetTable({
      year: doc.year,
      reference: doc.targets.reference,
      regions: doc.targets.regions.map((r, i) => ({
        regionId: r.regionId,
        regionName: r.regionName,
        retrofit: r.retrofit,
        cloud: r.cloud,
        portrait: r.portrait,
        benchmark: r.benchmark,
        coverageBasisPoints: parsePercentBasisPoints(r.coveragePercent, `targets.regions[${i}].coveragePercent`),
      })),
    });
  } else {
    const builtIn = BUILT_IN_TARGETS.get(doc.year);
    if (!builtIn) throw invalid('targets', `${doc.year}年没有目标表:请在输入中提供 targets (no targets for this year)`);
    targets = builtIn;
  }
  const regions: RegionFigures[] = doc.regions.map((r) => ({
    regionId: r.regionId,
    completed: r.completed,
    coverage: r.coverage,
    workItems: Object.fromEntries(WORK_ITEMS.map((id) => [id, r.workItems[id] ?? { done: false, evidence: [] }])) as Record<WorkItemId, WorkItem>,
    activities: r.activities,
    bonusEvents: r.bonusEvents,
    deductions: r.deductions,
  }));
  return checkAssessmentInput({ year: doc.year, targets, regions });
}

/**
 * Checks that hold for input from any source: the target table is valid and of the same year,
 * every figure is a non-negative integer, each scored region has exactly one entry and no other
 * region appears, coverage has a denominator, dates fall in the year, and every claimed item
 * carries evidence (附则(一)). `allowMissingCoverage` (scoring the year so far only) accepts a
 * region that has not yet filed its coverage summary (0 of 0): it is scored as 0% coverage.
 */
export function checkAssessmentInput(input: AssessmentInput, options: { allowMissingCoverage?: boolean } = {}): AssessmentInput {
  validateTargetTable(input.targets);
  if (input.targets.year !== input.year) {
    throw invalid('targets.year', `目标表年度 ${input.targets.year} 与评分年度 ${input.year} 不一致 (year mismatch)`);
  }
  const scored = new Map(input.targets.regions.map((t) => [t.regionId, t]));
  const seen = new Set<string>();
  input.regions.forEach((r, i) => {
    const f = `regions[${i}]`;
    const t = scored.get(r.regionId);
    if (!t) {
      throw invalid(`${f}.regionId`, `${r.regionId} 不是${input.year}年的评分对象(目标表中没有该地区) (unknown or unscored region)`);
    }
    if (seen.has(r.regionId)) throw invalid(`${f}.regionId`, `${t.regionName} 的数据重复 (duplicate region)`);
    seen.add(r.regionId);
    for (const c of COUNT_CATEGORIES) {
      const v = r.completed[c];
      if (!Number.isSafeInteger(v) || v < 0) {
        throw invalid(`${f}.completed.${c}`, `${t.regionName} 的${CATEGORY_INFO[c].name}完成数须为非负整数,收到 ${String(v)} (non-negative integer expected)`);
      }
    }
    const { covered, total } = r.coverage;
    for (const [k, v] of [['covered', covered], ['total', total]] as const) {
      if (!Number.isSafeInteger(v) || v < 0) {
        throw invalid(`${f}.coverage.${k}`, `${t.regionName} 的${k === 'total' ? '规上企业总数' : '实施项目的规上企业数'}须为非负整数,收到 ${String(v)}`);
      }
    }
    if (total === 0 && !options.allowMissingCoverage) throw invalid(`${f}.coverage.total`, `${t.regionName} 的规上企业总数为0,无法计算覆盖率 (coverage needs a denominator)`);
    if (covered > total) {
      throw invalid(`${f}.coverage.covered`, `${t.regionName} 实施项目的规上企业数(${covered})超过规上企业总数(${total})`);
    }
    for (const id of WORK_ITEMS) {
      const w = r.workItems[id];
      if (w.done && w.evidence.length === 0) {
        throw invalid(`${f}.workItems.${id}.evidence`, `${t.regionName}“${WORK_ITEM_NAMES[id]}”标为已完成,但未附证明材料(附件2 附则(一)2) (evidence required)`);
      }
    }
    r.activities.forEach((a, j) => {
      if (!a.date.startsWith(`${input.year}-`)) {
        throw invalid(`${f}.activities[${j}].date`, `${t.regionName} 的活动“${a.title}”日期 ${a.date} 不在${input.year}年度内`);
      }
      if (a.evidence.length === 0) throw invalid(`${f}.activities[${j}].evidence`, `活动“${a.title}”须附证明材料(附件2 附则(一)2)`);
    });
    r.bonusEvents.forEach((e, j) => {
      if (e.evidence.length === 0) throw invalid(`${f}.bonusEvents[${j}].evidence`, `加分事项“${e.title}”须附证明材料`);
    });
    r.deductions.forEach((e, j) => {
      if (e.evidence.length === 0) throw invalid(`${f}.deductions[${j}].evidence`, `减分事项“${e.title}”须附依据材料`);
    });
  });
  const missing = input.targets.regions.filter((t) => !seen.has(t.regionId));
  if (missing.length > 0) {
    throw invalid('regions', `缺少评分对象的数据:${missing.map((m) => m.regionName).join('、')} (missing regions)`);
  }
  return input;
}
