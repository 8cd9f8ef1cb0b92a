// One schema for an enterprise file, used by the API, the Excel import and the CLI, so every entry
// path refuses the same things with the same Chinese messages.
import { z } from 'zod';
import { REGION_IDS } from '../regions.ts';
import { validateUscc } from '../uscc/uscc.ts';
import { CERTIFICATION_KINDS, INDUSTRIAL_CHAINS } from './chains.ts';
import { industryCodeProblem } from './industry.ts';

export const usccSchema = z.string({ error: '统一社会信用代码必填' }).transform((v, ctx) => {
  const r = validateUscc(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});

export const certificationSchema = z.object({
  kind: z.enum(['integration', 'cloud', 'recognition'], { error: '认定类别须为 integration(两化融合)、cloud(星级上云)或 recognition(示范称号)' }),
  level: z.string(),
  title: z.string().trim().min(1, '认定名称必填').max(200, '认定名称不超过200字'),
  year: z.number({ error: '认定年份须为整数' }).int('认定年份须为整数').min(1990, '认定年份须在1990–2100之间').max(2100, '认定年份须在1990–2100之间'),
}).superRefine((c, ctx) => {
  const allowed = CERTIFICATION_KINDS[c.kind].levels as readonly string[];
  if (!allowed.includes(c.level)) {
    ctx.addIssue({ code: 'custom', path: ['level'], message: `${CERTIFICATION_KINDS[c.kind].label}的等级须为 ${allowed.join('、')} 之一` });
  }
});
export type CertificationInput = z.infer<typeof certificationSchema>;

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不超过${max}字`).nullable().optional().transform((v) => (v ? v : null));

export const enterpriseFields = {
  uscc: usccSchema,
  name: z.string({ error: '企业名称必填' }).trim().min(2, '企业名称至少2个字').max(100, '企业名称不超过100字'),
  regionId: z.string({ error: '所属地区必填' }).refine((v) => REGION_IDS.has(v), { message: '所属地区不存在,请使用地区列表中的编号(如 yz-baoying)' }),
  industryCode: z.string({ error: '行业代码必填' }).trim().toUpperCase().superRefine((v, ctx) => {
    const p = industryCodeProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  }),
  aboveScale: z.boolean({ error: '是否规上须为 true 或 false' }),
  chains: z.array(z.enum(INDUSTRIAL_CHAINS, { error: `产业链须为 ${INDUSTRIAL_CHAINS.join('、')} 之一` }))
    .refine((a) => new Set(a).size === a.length, { message: '产业链不得重复' }),
  legalForm: z.enum(['independent', 'branch'], { error: '法人类型须为 independent(独立法人)或 branch(分支机构)' }),
  contactName: optionalText(50, '联系人'),
  contactPhone: z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '联系电话须为5–20位数字(可含 + - 括号)').nullable().optional().or(z.literal('').transform(() => null)),
  contactEmail: z.email('邮箱格式不正确').nullable().optional().or(z.literal('').transform(() => null)),
  address: optionalText(200, '地址'),
  certifications: z.array(certificationSchema).max(100, '认定不超过100项'),
};

export const enterpriseCreateSchema = z.object({
  ...enterpriseFields,
  chains: enterpriseFields.chains.default([]),
  certifications: enterpriseFields.certifications.default([]),
}).strict();
export type EnterpriseCreateInput = z.output<typeof enterpriseCreateSchema>;

/** The version a change was made on: required, so nobody overwrites an edit they have not seen. */
export const versionSchema = z.number({ error: 'version 必填:提交您所修改的档案版本号(读取档案时返回的 version),以免覆盖他人的修改' })
  .int('version 须为正整数').positive('version 须为正整数');

/** A change: any subset of the fields, on the version it was made on. */
export const enterpriseUpdateSchema = z.object({
  ...Object.fromEntries(Object.entries(enterpriseFields).filter(([k]) => k !== 'uscc').map(([k, v]) => [k, v.optional()])) as {
    [K in Exclude<keyof typeof enterpriseFields, 'uscc'>]: z.ZodOptional<(typeof enterpriseFields)[K]>
  },
  version: versionSchema,
}).strict();
export type EnterpriseUpdateInput = z.output<typeof enterpriseUpdateSchema>;

/** An enterprise's claim of a certification or title, with what it rests on. */
export const certificationClaimSchema = z.object({
  kind: certificationSchema.shape.kind,
  level: z.string(),
  title: certificationSchema.shape.title,
  year: certificationSchema.shape.year,
  evidence: z.string({ error: '证明材料必填' }).trim()
    .min(4, '证明材料须写明认定文件的文号和发文单位或证书编号(4–300字)').max(300, '证明材料不超过300字'),
}).strict().superRefine((c, ctx) => {
  const allowed = CERTIFICATION_KINDS[c.kind].levels as readonly string[];
  if (!allowed.includes(c.level)) {
    ctx.addIssue({ code: 'custom', path: ['level'], message: `${CERTIFICATION_KINDS[c.kind].label}的等级须为 ${allowed.join('、')} 之一` });
  }
});
export type CertificationClaimInput = z.output<typeof certificationClaimSchema>;

export const claimReviewSchema = z.object({
  decision: z.enum(['confirm', 'reject'], { error: 'decision 须为 confirm(确认)或 reject(驳回)' }),
  note: z.string().trim().max(500, '核实意见不超过500字').optional(),
}).strict().superRefine((r, ctx) => {
  if (r.decision === 'reject' && (!r.note || r.note.length < 2)) ctx.addIssue({ code: 'custom', path: ['note'], message: '驳回须写明理由(2–500字)' });
});
