// A review chain as data: an ordered list of steps, each saying who acts (a role, in the applicant's
// region or city-wide) and how several reviewers act together (或签: any one; 会签: all named;
// 依次: the named ones in order). A 公示 step publishes the application in a batch. Chains are
// versioned per policy, measure and year; an application stays on the version it started under.
//
// Why a plain interpreter (kernel.ts) and not XState: the chains are data edited by the city, with
// any number of steps; XState would need a machine generated per chain version at run time, and
// what we need from it — pure transitions, guards, persisted state — is a short function here
// (the pattern GLA-OPS, Hypha's PAF approvals and loonflow use; research note §2.1, §3.1).
import { z } from 'zod';
import { ROLES, type Role } from '../access/roles.ts';

export type StepKind = 'review' | 'publicity' | 'approval';
export type StepMode = 'any' | 'all' | 'sequential';
export type StepScope = 'region' | 'city';

export interface ChainStep {
  /** Stable within the chain: 'county-review', 'city-review', 'publicity', 'approval'. */
  readonly id: string;
  readonly name: string;
  readonly kind: StepKind;
  readonly role: Role;
  /** region: officers of the applicant's region; city: any holder of the role. */
  readonly scope: StepScope;
  readonly mode: StepMode;
  /** Usernames that must act (会签 all of them, 依次 in this order); required for 'all' and 'sequential'. */
  readonly assignees?: readonly string[];
}

export interface PublicityRule {
  readonly length: number;
  /** calendar: natural days; working: days that are working days on the city's holiday calendar. */
  readonly unit: 'calendar' | 'working';
}

export interface ReviewChain {
  readonly steps: readonly ChainStep[];
  readonly publicity: PublicityRule;
}

const STEP_NAMES: Record<StepKind, string> = { review: '审核', publicity: '公示', approval: '批准' };

const stepSchema = z.object({
  id: z.string({ error: '步骤编号必填' }).regex(/^[a-z][a-z0-9-]{1,39}$/, '步骤编号须为2–40位小写字母、数字或连字符'),
  name: z.string({ error: '步骤名称必填' }).trim().min(2, '步骤名称须为2–20字').max(20, '步骤名称须为2–20字'),
  kind: z.enum(['review', 'publicity', 'approval'], { error: '步骤类型须为 review(审核)、publicity(公示)或 approval(批准)' }),
  role: z.enum(ROLES, { error: `办理角色须为 ${ROLES.join('、')} 之一` }),
  scope: z.enum(['region', 'city'], { error: '范围须为 region(申请人所在地区)或 city(全市)' }),
  mode: z.enum(['any', 'all', 'sequential'], { error: '会办方式须为 any(或签)、all(会签)或 sequential(依次)' }),
  assignees: z.array(z.string().regex(/^[a-zA-Z0-9_.-]{3,40}$/, '办理人须为用户名')).max(10, '办理人不超过10人').optional(),
}).strict();

export const chainSchema = z.object({
  steps: z.array(stepSchema).min(1, '审核链至少一个步骤').max(10, '审核链不超过10个步骤'),
  publicity: z.object({
    length: z.int('公示期须为1–30的整数').min(1, '公示期须为1–30的整数').max(30, '公示期须为1–30的整数'),
    unit: z.enum(['calendar', 'working'], { error: '公示期单位须为 calendar(自然日)或 working(工作日)' }),
  }).strict(),
}).strict().superRefine((c, ctx) => {
  const ids = new Set<string>();
  c.steps.forEach((s, i) => {
    if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `步骤编号 ${s.id} 重复` });
    ids.add(s.id);
    if (s.mode !== 'any' && !(s.assignees && s.assignees.length >= 2)) {
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'assignees'], message: '会签和依次办理须列出至少2名办理人' });
    }
    if (s.mode === 'any' && s.assignees?.length) ctx.addIssue({ code: 'custom', path: ['steps', i, 'assignees'], message: '或签由该角色任一人办理,不列办理人' });
    if (s.kind === 'publicity' && i === 0) ctx.addIssue({ code: 'custom', path: ['steps', i, 'kind'], message: '公示前须至少有一个审核步骤' });
  });
  const last = c.steps[c.steps.length - 1];
  if (last && last.kind !== 'approval') ctx.addIssue({ code: 'custom', path: ['steps', c.steps.length - 1, 'kind'], message: '最后一步须为批准(approval):批准时核定金额并占用资金' });
  if (c.steps.filter((s) => s.kind === 'approval').length !== 1) ctx.addIssue({ code: 'custom', path: ['steps'], message: '审核链须有且只有一个批准步骤(最后一步)' });
});

/**
 * The default chain (DESIGN §3.3): 县区初审 → 市级复审 → 公示 → 批准, 公示 7 calendar days (the
 * length the Suzhou Industrial Park uses; Yangzhou's own is not published — research §1.3 — so it
 * is a setting, changed per chain).
 */
export const DEFAULT_CHAIN: ReviewChain = {
  steps: [
    { id: 'county-review', name: '县区初审', kind: 'review', role: 'region_officer', scope: 'region', mode: 'any' },
    { id: 'city-review', name: '市级复审', kind: 'review', role: 'city_reviewer', scope: 'city', mode: 'any' },
    { id: 'publicity', name: '公示', kind: 'publicity', role: 'city_admin', scope: 'city', mode: 'any' },
    { id: 'approval', name: '批准', kind: 'approval', role: 'city_admin', scope: 'city', mode: 'any' },
  ],
  publicity: { length: 7, unit: 'calendar' },
};

export const stepKindName = (kind: StepKind) => STEP_NAMES[kind];
