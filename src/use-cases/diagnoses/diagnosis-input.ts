// Input schemas of the diagnosis use cases (the routes show them in OpenAPI). Messages name the
// field and what is allowed.
import { z } from 'zod';
import { isIsoDate } from '../../domain/policy/dates.ts';
import { CHECKPOINT_CODES } from '../../domain/diagnosis/lifecycle.ts';
import { SCOPES } from '../../domain/diagnosis/terms.ts';

const uuid = (label: string) => z.string({ error: `${label}必填` }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `${label}须为编号(UUID)`);
const isoDate = (label: string) => z.string({ error: `${label}必填(YYYY-MM-DD)` }).refine(isIsoDate, `${label}须为有效日期 YYYY-MM-DD`);
const reason = (label: string) => z.string({ error: `${label}必填` }).trim().min(2, `${label}须为2–500字`).max(500, `${label}须为2–500字`);
const version = z.int('version 必填:您看到的版本号').positive('version 须为正整数');
const fen = (label: string) => z.int(`${label}须为正整数(单位:分)`).positive(`${label}须为正整数(单位:分)`).max(Number.MAX_SAFE_INTEGER, `${label}过大`);

export const requestSchema = z.object({
  enterpriseId: uuid('enterpriseId').optional(),
  scope: z.enum(SCOPES, { error: 'scope 须为 chain(重点产业链)、factory(工厂)或 workshop(车间)' }),
  need: reason('诊断需求(need)'),
  funding: z.enum(['city', 'county'], { error: 'funding 须为 city(市级名额)或 county(本地区名额)' }).default('city'),
}).strict();

export const dispatchSchema = z.object({
  version,
  providerId: uuid('providerId'),
  supervisorId: uuid('supervisorId'),
  reason: reason('派单理由(reason)'),
  dueOn: isoDate('完成期限(dueOn)'),
  funding: z.enum(['city', 'county'], { error: 'funding 须为 city 或 county' }).optional(),
}).strict();

export const contractSchema = z.object({
  version,
  feeFen: fen('诊断服务费(feeFen)'),
  supervisionFeeFen: fen('监理费用(supervisionFeeFen)'),
  contractedOn: isoDate('签约日期(contractedOn)'),
}).strict();

export const startSchema = z.object({ version, onSiteFrom: isoDate('进场日期(onSiteFrom)') }).strict();

export const returnSchema = z.object({ version, reason: reason('退回理由(reason)') }).strict();

export const acceptSchema = z.object({
  version,
  satisfaction: z.int('满意度须为1–5的整数').min(1, '满意度须为1–5的整数').max(5, '满意度须为1–5的整数'),
  note: z.string().trim().max(500, '意见不超过500字').optional(),
}).strict();

export const cancelSchema = z.object({ version, reason: reason('取消理由(reason)') }).strict();

export const checkpointSchema = z.object({
  code: z.enum(CHECKPOINT_CODES, { error: `检查点须为 ${CHECKPOINT_CODES.join('、')} 之一` }),
  heldAt: z.iso.datetime({ offset: true, error: '检查时间(heldAt)须为 ISO 时间,如 2023-06-01T09:30:00+08:00' }),
  place: z.string({ error: '检查地点(place)必填' }).trim().min(2, '检查地点须为2–200字').max(200, '检查地点须为2–200字'),
  finding: z.enum(['ok', 'issue', 'stop'], { error: 'finding 须为 ok(符合)、issue(发现问题)或 stop(停止支付)' }),
  note: reason('监理意见(note)'),
  documentId: uuid('documentId').optional(),
}).strict();

export const resumeSchema = z.object({ version, reason: reason('恢复支付的理由(reason)') }).strict();

export const paySchema = z.object({
  version,
  payee: z.enum(['provider', 'supervisor'], { error: 'payee 须为 provider(服务商)或 supervisor(监理)' }),
  paidOn: isoDate('支付日期(paidOn)'),
  voucher: z.string({ error: '凭证号(voucher)必填' }).trim().min(2, '凭证号须为2–60字').max(60, '凭证号须为2–60字'),
}).strict();

export const quotaSchema = z.object({
  city: z.enum(['yangzhou', 'suzhou'], { error: 'city 须为 yangzhou 或 suzhou' }),
  regionId: z.string().max(40).nullable().default(null),
  year: z.int('年度须为整数').min(2020, '年度须为2020–2100').max(2100, '年度须为2020–2100'),
  scope: z.enum(SCOPES, { error: 'scope 须为 chain、factory 或 workshop' }),
  quota: z.int('名额须为0–100000的整数').min(0, '名额须为0–100000的整数').max(100_000, '名额须为0–100000的整数'),
}).strict();

export const serviceSchema = z.object({
  kind: z.enum(['consultation', 'data_collection'], { error: 'kind 须为 consultation(顾问咨询)或 data_collection(数据采集)' }),
  enterpriseId: uuid('enterpriseId'),
  servedOn: isoDate('服务日期(servedOn)'),
  note: reason('服务内容(note)'),
  orgId: uuid('orgId').optional(),
}).strict();
