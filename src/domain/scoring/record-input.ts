// The records a region enters over the year, validated the same way by the API, the CLI and the
// Excel import: project records per 指标说明 with the evidence 核查内容 requires, the coverage
// summary, 五个一 items, activities, and bonus/deduction events. Messages are Chinese and name the
// field; evidence rules cite 附件2 附则(一).
import { z } from 'zod';
import type { CountCategory } from './categories.ts';
import { CATEGORY_INFO, COUNT_CATEGORIES } from './categories.ts';
import { ACTIVITY_TYPES, BONUS_KINDS, BONUS_SUBJECTS, LEVELS, WORK_ITEMS } from './records.ts';
import { isoDateSchema } from '../validation.ts';

export const EVIDENCE_KINDS = [
  'subsidy-voucher',
  'star-cloud-certificate',
  'cooperation-agreement',
  'purchase-contract',
  'diagnosis-report',
  'recognition-document',
  'coverage-summary',
  'document',
  'news',
  'media',
  'approval',
  'notice',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_NAMES: Record<EvidenceKind, string> = {
  'subsidy-voucher': '奖补资金凭证',
  'star-cloud-certificate': '星级上云认定文件',
  'cooperation-agreement': '合作协议',
  'purchase-contract': '采购合同',
  'diagnosis-report': '诊断报告',
  'recognition-document': '认定文件',
  'coverage-summary': '规上企业实施“智改数转”项目情况汇总表',
  document: '相关文件',
  news: '新闻报道',
  media: '图片视频',
  approval: '批复文件',
  notice: '通报/督办通知',
  other: '其他材料',
};

/**
 * 附件2 附则(一)1 核查内容, per category: every listed kind must be present.
 * 数字画像: "提供相应周期内完整的合作协议、采购合同、诊断报告等相关证明材料" — read as all three
 * ("完整的" over a list joined by 、), the strictest reading of what the text asks for.
 */
export const REQUIRED_PROJECT_EVIDENCE: Record<CountCategory, EvidenceKind[]> = {
  retrofit: ['subsidy-voucher'],
  cloud: ['star-cloud-certificate'],
  portrait: ['cooperation-agreement', 'purchase-contract', 'diagnosis-report'],
  benchmark: ['recognition-document'],
};
/** 附则(一)2: "五个一工作推进情况应提供相关文件、新闻报道、图片视频等相应证明材料" — any one of these. */
export const PROGRESS_EVIDENCE: EvidenceKind[] = ['document', 'news', 'media'];

/** 指标说明1 "当年度获得县(市、区)及以上相关奖补资金": the subsidy levels that make a 智能化改造 project count. */
export const SUBSIDY_LEVELS = ['county', 'city', 'provincial', 'national'] as const;

const text = (label: string, max = 200) =>
  z.string({ error: `${label}必填` }).trim().min(1, `${label}不能为空`).max(max, `${label}不超过${max}字`);
const isoDate = isoDateSchema('日期须为 YYYY-MM-DD 格式');
const regionId = z.string({ error: '地区必填' }).trim().min(1, '地区不能为空').max(50);

export const evidenceSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS, { error: `材料类别须为 ${EVIDENCE_KINDS.join('、')} 之一` }),
  title: text('材料名称'),
  reference: z.string().trim().max(500, '材料编号/链接不超过500字').optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;
const evidenceList = z.array(evidenceSchema).max(50, '证明材料不超过50项');

const missingKinds = (evidence: readonly Evidence[], required: readonly EvidenceKind[]) => required.filter((k) => !evidence.some((e) => e.kind === k));

export const projectRecordSchema = z
  .strictObject({
    regionId,
    category: z.enum(COUNT_CATEGORIES, { error: `类别须为 ${COUNT_CATEGORIES.map((c) => `${c}(${CATEGORY_INFO[c].name})`).join('、')} 之一` }),
    title: text('项目名称'),
    enterpriseName: text('企业名称', 100),
    enterpriseId: z.uuid('企业编号格式不正确').optional(),
    /** The date from which the project counts (subsidy awarded, certification, report, recognition). */
    countedOn: isoDate,
    subsidyLevel: z.enum(SUBSIDY_LEVELS, { error: '奖补资金级别须为 county、city、provincial、national 之一(县(市、区)及以上)' }).optional(),
    evidence: evidenceList,
  })
  .superRefine((r, ctx) => {
    if (r.category === 'retrofit' && !r.subsidyLevel) {
      ctx.addIssue({ code: 'custom', path: ['subsidyLevel'], message: '智能化改造项目须注明所获奖补资金级别(指标说明1:当年度获得县(市、区)及以上相关奖补资金)' });
    }
    const missing = missingKinds(r.evidence, REQUIRED_PROJECT_EVIDENCE[r.category]);
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidence'],
        message: `${CATEGORY_INFO[r.category].name}须附${missing.map((k) => EVIDENCE_KIND_NAMES[k]).join('、')}(附件2 附则(一)1 核查内容)`,
      });
    }
  });
export type ProjectRecordInput = z.output<typeof projectRecordSchema>;

export const coverageReportSchema = z
  .strictObject({
    regionId,
    /** The month the summary is as of (1–12). */
    month: z.int('月份须为1–12的整数').min(1, '月份须为1–12的整数').max(12, '月份须为1–12的整数'),
    covered: z.int('实施项目的规上企业数须为非负整数').min(0, '实施项目的规上企业数须为非负整数'),
    total: z.int('规上企业总数须为正整数').min(1, '规上企业总数须为正整数'),
    evidence: evidenceList,
  })
  .superRefine((r, ctx) => {
    if (r.covered > r.total) ctx.addIssue({ code: 'custom', path: ['covered'], message: `实施项目的规上企业数(${r.covered})超过规上企业总数(${r.total})` });
    if (missingKinds(r.evidence, ['coverage-summary']).length > 0) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: '覆盖率须附当年规上企业实施“智改数转”项目情况汇总表(附件2 附则(一)1 核查内容)' });
    }
  });
export type CoverageReportInput = z.output<typeof coverageReportSchema>;

const requireProgressEvidence = (what: string) => (r: { evidence: Evidence[] }, ctx: z.RefinementCtx) => {
  if (missingKinds(r.evidence, PROGRESS_EVIDENCE).length === PROGRESS_EVIDENCE.length) {
    ctx.addIssue({ code: 'custom', path: ['evidence'], message: `${what}须附相关文件、新闻报道或图片视频等证明材料(附件2 附则(一)2)` });
  }
};

export const workItemSchema = z
  .strictObject({
    done: z.boolean({ error: '是否完成须为 true 或 false' }),
    completedOn: isoDate.optional(),
    note: z.string().trim().max(500, '备注不超过500字').optional(),
    evidence: evidenceList.default([]),
  })
  .superRefine((r, ctx) => {
    if (r.done) requireProgressEvidence('已完成的“五个一”事项')(r, ctx);
  });
export type WorkItemInput = z.output<typeof workItemSchema>;
export const workItemIdSchema = z.enum(WORK_ITEMS, { error: `事项须为 ${WORK_ITEMS.join('、')} 之一(推进活动由活动记录判定)` });

export const activitySchema = z
  .strictObject({
    regionId,
    date: isoDate,
    type: z.enum(ACTIVITY_TYPES, { error: `活动类型须为 ${ACTIVITY_TYPES.join('、')} 之一` }),
    level: z.enum(LEVELS, { error: `级别须为 ${LEVELS.join('、')} 之一` }),
    hostedByLocalGovernment: z.boolean({ error: '是否当地政府承办须为 true 或 false' }).default(false),
    title: text('活动名称'),
    evidence: evidenceList,
  })
  .superRefine(requireProgressEvidence('推进活动'));
export type ActivityInput = z.output<typeof activitySchema>;

const anyEvidence = (what: string) => (r: { evidence: Evidence[] }, ctx: z.RefinementCtx) => {
  if (r.evidence.length === 0) ctx.addIssue({ code: 'custom', path: ['evidence'], message: `${what}须附证明材料` });
};

export const bonusEventSchema = z
  .strictObject({
    direction: z.literal('bonus'),
    regionId,
    date: isoDate,
    kind: z.enum(BONUS_KINDS, { error: `加分类别须为 ${BONUS_KINDS.join('、')} 之一` }),
    level: z.enum(LEVELS, { error: `级别须为 ${LEVELS.join('、')} 之一` }),
    subject: z.enum(BONUS_SUBJECTS, { error: `特殊事项须为 ${BONUS_SUBJECTS.join('、')} 之一` }).default('other'),
    title: text('事项名称'),
    evidence: evidenceList,
  })
  .superRefine(anyEvidence('加分事项'));
export const deductionEventSchema = z
  .strictObject({
    direction: z.literal('deduction'),
    regionId,
    date: isoDate,
    issuer: z.enum(['provincial', 'city'], { error: '下达单位须为 provincial(省)或 city(市)' }),
    title: text('事项名称'),
    evidence: evidenceList,
  })
  .superRefine(anyEvidence('减分事项'));
export const eventSchema = z.discriminatedUnion('direction', [bonusEventSchema, deductionEventSchema], {
  error: 'direction 须为 bonus(加分)或 deduction(减分)',
});
export type EventInput = z.output<typeof eventSchema>;

/** Evidence as the short strings the scoring engine shows ("奖补资金凭证:扬工信〔2022〕12号"). */
export const evidenceLabels = (evidence: readonly Evidence[]): string[] =>
  evidence.map((e) => `${EVIDENCE_KIND_NAMES[e.kind]}:${e.title}${e.reference ? `(${e.reference})` : ''}`);
