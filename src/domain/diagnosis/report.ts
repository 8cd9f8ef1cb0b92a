// The structured diagnosis report: not only a PDF. Its parts follow the report contents found in
// practice (maturity-models.md §4.2; Wuxi's 评测 report template, CONFIRMED as a TOC): the maturity
// result on a named instrument version, the gaps per business area, the recommended projects with
// an investment estimate, and the expected effect. The PDF itself is the 诊断报告 document.
import { z } from 'zod';

/** Business areas a gap is recorded against: the 2024 instrument's scene groups and dimensions. */
export const REPORT_AREAS = ['产品生命周期数字化', '生产执行数字化', '供应链数字化', '管理决策数字化', '数字化基础', '数字化管理', '数字化成效'] as const;

const text = (label: string, min: number, max: number) =>
  z.string({ error: `${label}必填` }).trim().min(min, `${label}须为${min}–${max}字`).max(max, `${label}须为${min}–${max}字`);

export const reportSchema = z.object({
  summary: text('诊断结论(summary)', 10, 2000),
  gaps: z.array(z.object({
    area: z.enum(REPORT_AREAS, { error: `短板所属领域须为:${REPORT_AREAS.join('、')}` }),
    finding: text('问题与短板(finding)', 4, 500),
  }).strict(), { error: '问题与短板(gaps)必填' }).min(1, '报告须列出至少一项问题与短板(gaps)').max(50, '问题与短板不超过50项'),
  recommendations: z.array(z.object({
    title: text('改造建议名称(title)', 2, 100),
    area: z.enum(REPORT_AREAS, { error: `建议所属领域须为:${REPORT_AREAS.join('、')}` }),
    investmentFen: z.int('投资估算须为正整数(单位:分)').positive('投资估算须为正整数(单位:分)').max(100_000_000_000_00, '投资估算不超过1000亿元'),
    priority: z.enum(['high', 'medium', 'low'], { error: '优先级须为 high、medium 或 low' }).default('medium'),
  }).strict(), { error: '改造建议(recommendations)必填' }).min(1, '报告须提出至少一项改造建议及投资估算(recommendations)').max(50, '改造建议不超过50项'),
  expectedEffect: text('预期效益(expectedEffect)', 4, 1000),
}).strict();

export type DiagnosisReport = z.output<typeof reportSchema>;

export function totalInvestment(report: DiagnosisReport): number {
  return report.recommendations.reduce((s, r) => s + r.investmentFen, 0);
}
