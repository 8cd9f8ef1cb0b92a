import { z } from 'zod';
import { ORG_KINDS } from '../../domain/diagnosis/admission.ts';
import { SCOPES } from '../../domain/diagnosis/terms.ts';
import { REGION_IDS } from '../../domain/regions.ts';
import { isIsoDate } from '../../domain/policy/dates.ts';

const reason = (label: string) => z.string({ error: `${label}必填` }).trim().min(2, `${label}须为2–500字`).max(500, `${label}须为2–500字`);
const version = z.int('version 必填:您看到的版本号').positive('version 须为正整数');

const profile = {
  name: z.string({ error: '机构名称必填' }).trim().min(2, '机构名称须为2–100字').max(100, '机构名称须为2–100字'),
  contactName: z.string({ error: '联系人必填' }).trim().min(2, '联系人须为2–30字').max(30, '联系人须为2–30字'),
  contactPhone: z.string({ error: '联系电话必填' }).trim().regex(/^[0-9+\-() ]{7,20}$/, '联系电话须为7–20位数字'),
  industries: z.array(z.string().regex(/^[A-T](\d{2,4})?$/, '行业须为 GB/T 4754 门类或代码,如 C、C34')).max(50, '行业不超过50项').default([]),
  scopes: z.array(z.enum(SCOPES, { error: '诊断范围须为 chain(重点产业链)、factory(工厂)或 workshop(车间)' })).max(3).default([]),
  regionsServed: z.array(z.string().refine((r) => REGION_IDS.has(r), '服务地区须为地区编号')).max(30).default([]),
  capacity: z.int('服务能力须为1–10000的整数').min(1, '服务能力须为1–10000的整数').max(10_000, '服务能力须为1–10000的整数'),
  introduction: z.string().trim().max(2000, '简介不超过2000字').optional(),
};

export const registerOrgSchema = z.object({
  kind: z.enum(ORG_KINDS, { error: 'kind 须为 provider(诊断服务商)或 supervisor(第三方监理)' }),
  regionId: z.string({ error: '所在地区 regionId 必填' }).refine((r) => REGION_IDS.has(r), '所在地区须为地区编号'),
  uscc: z.string({ error: '统一社会信用代码必填' }).trim(),
  ...profile,
}).strict();

export const updateOrgSchema = z.object({ version, ...Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, (v as z.ZodType).optional()])) }).strict();

export const orgStepSchema = z.object({
  version,
  action: z.enum(['submit', 'approve', 'return', 'reject', 'withdraw', 'publicity'], { error: 'action 须为 submit、approve、return、reject、withdraw 或 publicity' }),
  reason: z.string().trim().max(500).optional(),
}).strict();

export const orgObjectionSchema = z.object({
  name: z.string({ error: '异议人姓名必填(实名)' }).trim().min(2, '异议人姓名须为2–30字').max(30, '异议人姓名须为2–30字'),
  phone: z.string({ error: '联系电话必填' }).trim().regex(/^[0-9+\-() ]{7,20}$/, '联系电话须为7–20位数字'),
  content: reason('异议内容(content)'),
  receivedOn: z.string({ error: '收到日期必填' }).refine(isIsoDate, '收到日期须为 YYYY-MM-DD'),
}).strict();

export const resolveObjectionSchema = z.object({
  status: z.enum(['upheld', 'dismissed'], { error: 'status 须为 upheld(异议成立)或 dismissed(不成立)' }),
  resolution: reason('处理意见(resolution)'),
}).strict();

export const sanctionSchema = z.object({
  version,
  action: z.enum(['warn', 'rectify', 'suspend', 'remove', 'restore'], { error: 'action 须为 warn(警告)、rectify(限期整改)、suspend(暂停)、remove(取消资格)或 restore(恢复)' }),
  reason: reason('理由(reason)'),
  rectifyBy: z.string().refine(isIsoDate, '整改期限须为 YYYY-MM-DD').optional(),
}).strict();

export const appealSchema = z.object({ version, text: reason('申诉理由(text)') }).strict();
export const decideAppealSchema = z.object({ version, upheld: z.boolean({ error: 'upheld 须为 true(申诉成立)或 false(不成立)' }), decision: reason('处理意见(decision)') }).strict();
export const yearlyReviewSchema = z.object({ version, passed: z.boolean({ error: 'passed 须为 true 或 false' }), note: reason('复核意见(note)') }).strict();
