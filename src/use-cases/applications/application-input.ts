// Request shapes of the application use cases (zod), shared by the API and the CLI.
import { z } from 'zod';
import { versionSchema } from '../../domain/enterprise/enterprise-input.ts';

const facts = z.record(z.string(), z.union([z.string().max(100), z.number(), z.boolean(), z.null(), z.array(z.string().max(60)).max(40)]), { error: 'facts 须为对象,键为事实名,值为金额、数量、是/否、代码或代码列表' });

/** The project's suppliers, declared by the applicant (利益冲突: checked against its diagnosis providers). */
export const suppliersSchema = z.array(z.object({
  uscc: z.string({ error: '供应商统一社会信用代码必填' }).trim().max(18, '统一社会信用代码为18位'),
  name: z.string({ error: '供应商名称必填' }).trim().min(2, '供应商名称须为2–100字').max(100, '供应商名称须为2–100字'),
  note: z.string().trim().max(500, '说明不超过500字').optional(),
}).strict(), { error: 'suppliers 须为供应商列表 [{uscc, name, note}]' }).max(50, '供应商不超过50家');

export const createApplicationSchema = z.object({
  enterpriseId: z.uuid('enterpriseId 须为企业编号(UUID)').optional(),
  policyId: z.string({ error: 'policyId 必填' }).max(50),
  measureId: z.string({ error: 'measureId 必填' }).max(80),
  facts: facts.default({}),
  suppliers: suppliersSchema.optional(),
}).strict();

export const updateApplicationSchema = z.object({ version: versionSchema, facts, suppliers: suppliersSchema.optional() }).strict();
export const versionOnlySchema = z.object({ version: versionSchema }).strict();

const reason = z.string({ error: '须写明理由' }).trim().min(2, '理由须为2–500字').max(500, '理由须为2–500字');
const opinion = z.string().trim().max(500, '意见不超过500字').optional();

export const approveSchema = z.object({
  version: versionSchema,
  opinion,
  /** The approval step only: the amount granted and, for 分级承担, each level's part. */
  amountFen: z.number().optional(),
  cityPartFen: z.number().optional(),
  countyPartFen: z.number().optional(),
  /** 启动资金 allowed before 验收 (default 0: 事后奖补). */
  advanceFen: z.number().optional(),
}).strict();

export const returnSchema = z.object({
  version: versionSchema,
  to: z.enum(['applicant', 'previous', 'step'], { error: 'to 须为 applicant(退回申请人)、previous(驳回上一节点)或 step(退回指定节点)' }),
  stepId: z.string().max(40).optional(),
  reason,
}).strict().superRefine((r, ctx) => {
  if (r.to === 'step' && !r.stepId) ctx.addIssue({ code: 'custom', path: ['stepId'], message: '退回指定节点须给出 stepId' });
});

export const rejectSchema = z.object({ version: versionSchema, reason }).strict();
export const handoverSchema = z.object({ version: versionSchema, to: z.string({ error: 'to 必填:接办人的用户名' }).max(40), reason }).strict();

export const evidenceReviewSchema = z.object({
  status: z.enum(['accepted', 'needs_correction'], { error: 'status 须为 accepted(通过)或 needs_correction(需补正)' }),
  note: z.string().trim().max(300, '说明不超过300字').optional(),
}).strict().superRefine((r, ctx) => {
  if (r.status === 'needs_correction' && (!r.note || r.note.length < 2)) ctx.addIssue({ code: 'custom', path: ['note'], message: '需补正须写明要补正的内容' });
});
