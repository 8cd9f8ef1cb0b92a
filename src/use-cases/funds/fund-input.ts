import { z } from 'zod';
import { versionSchema } from '../../domain/enterprise/enterprise-input.ts';
import { isoDateSchema } from '../../domain/validation.ts';

const fen = (label: string) => z.number({ error: `${label}须为整数(单位:分)` }).int(`${label}须为整数(单位:分)`).min(0, `${label}不能为负`).max(1e15, `${label}过大`);
const measures = z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, '措施须写作 政策编号/措施编号,如 yangzhou-2022-20/smart-retrofit')).max(100).default([]);

export const createFundSchema = z.object({
  city: z.enum(['yangzhou', 'suzhou'], { error: 'city 须为 yangzhou 或 suzhou' }),
  year: z.int('年度须为2000–2100的整数').min(2000, '年度须为2000–2100的整数').max(2100, '年度须为2000–2100的整数'),
  level: z.enum(['city', 'county'], { error: 'level 须为 city(市级)或 county(县级市、区、功能区)' }),
  regionId: z.string().max(40).optional(),
  name: z.string().trim().min(2, '资金名称须为2–60字').max(60, '资金名称须为2–60字').optional(),
  budgetFen: fen('预算'),
  measures,
}).strict();

export const updateFundSchema = z.object({
  version: versionSchema,
  budgetFen: fen('预算'),
  name: z.string().trim().min(2, '资金名称须为2–60字').max(60, '资金名称须为2–60字').optional(),
  measures: measures.optional(),
}).strict();

export const disburseSchema = z.object({
  amountFen: z.number({ error: '拨付金额必填(单位:分)' }),
  level: z.enum(['city', 'county'], { error: 'level 须为 city 或 county:从哪一级资金拨付' }).optional(),
  paidOn: isoDateSchema('支付日期须为 YYYY-MM-DD'),
  voucher: z.string({ error: '凭证号必填' }).trim().min(2, '凭证号须为2–40个字符').max(40, '凭证号须为2–40个字符'),
  purpose: z.enum(['advance', 'award'], { error: 'purpose 须为 advance(启动资金)或 award(奖补资金)' }).default('award'),
  note: z.string().trim().max(200).optional(),
}).strict();

export const reclaimSchema = z.object({
  amountFen: z.number({ error: '追回金额必填(单位:分)' }),
  level: z.enum(['city', 'county']).optional(),
  paidOn: isoDateSchema('到账日期须为 YYYY-MM-DD'),
  voucher: z.string({ error: '凭证号必填' }).trim().min(2, '凭证号须为2–40个字符').max(40, '凭证号须为2–40个字符'),
  note: z.string().trim().max(200).optional(),
}).strict();

export const acceptanceSchema = z.object({
  version: versionSchema,
  result: z.enum(['passed', 'failed'], { error: 'result 须为 passed(验收通过)或 failed(验收不通过)' }),
  note: z.string({ error: '验收意见必填' }).trim().min(2, '验收意见须为2–500字').max(500, '验收意见须为2–500字'),
}).strict();
