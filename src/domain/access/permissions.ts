// Every permission and the roles holding it. Routes name a permission (deny by default: a route
// without one is refused at start-up); use cases assert it and then ask the record-level checks in
// checks.ts, so the CLI and the API share the same rules.
import type { Actor } from '../actor.ts';
import { forbidden } from '../errors.ts';
import { ROLES, type Role } from './roles.ts';

const CITY: Role[] = ['city_admin', 'city_reviewer'];
const ALL: readonly Role[] = ROLES;

export const PERMISSIONS = {
  /** Open to anyone, signed in or not. */
  'public': 'public',
  /** Any signed-in user. */
  'session': ALL,
  'regions.read': ALL,
  'enterprises.read': [...CITY, 'region_officer', 'enterprise', 'supervisor', 'finance'],
  'enterprises.create': ['city_admin', 'region_officer'],
  'enterprises.update': ['city_admin', 'region_officer', 'enterprise'],
  'enterprises.import': ['city_admin', 'region_officer'],
  'enterprises.export': [...CITY, 'region_officer', 'finance'],
  // Certifications and recognitions are government determinations: an enterprise submits one with
  // its evidence, the region's officer (or the city) confirms or rejects it.
  'enterprises.certifications.claim': ['enterprise'],
  'enterprises.certifications.review': ['city_admin', 'region_officer'],
  // Yearly engine facts of the file (投资额, 平台, 首台套 …) with their evidence; the enterprise reads its own.
  'enterprises.facts.record': ['city_admin', 'region_officer'],
  // An enterprise filed in another region moves only through the city: the officer asks, the
  // city admin decides.
  'enterprises.transfers.read': ['city_admin', 'region_officer'],
  'enterprises.transfers.request': ['region_officer'],
  'enterprises.transfers.decide': ['city_admin'],
  'users.read': ['city_admin'],
  'users.manage': ['city_admin'],
  'audit.read': ['city_admin', 'supervisor'],
  'audit.verify': ['city_admin', 'supervisor'],
  // 附件2 assessment: officers record and read their own region; the city sets targets and
  // readings, records deductions (减分项 are imposed by the city) and sees every region.
  'assessment.read': [...CITY, 'region_officer', 'finance'],
  'assessment.record': ['city_admin', 'region_officer'],
  'assessment.deduct': ['city_admin'],
  'assessment.targets': ['city_admin'],
  // 核查程序: the city submits the scored year; 考核办 (finance/assessment) approves or returns it.
  'assessment.submit': ['city_admin'],
  'assessment.approve': ['finance'],
  // 申报 → 审核 → 公示 → 批准 → 拨付 → 验收. Who acts on which step is decided per application by
  // its review chain (domain/workflow); these say who may take part at all.
  'applications.read': [...CITY, 'region_officer', 'enterprise', 'finance'],
  'applications.apply': ['enterprise', 'region_officer'],
  'applications.review': ['city_admin', 'city_reviewer', 'region_officer', 'finance'],
  'applications.accept': ['city_admin', 'region_officer'],
  'applications.chains': ['city_admin'],
  'files.upload': ['enterprise', 'region_officer', 'city_admin'],
  'files.read': [...CITY, 'region_officer', 'enterprise', 'finance'],
  // 公示: the city publishes batches and keeps the objection register; the notice itself is public.
  'publicity.manage': ['city_admin'],
  'publicity.read': ALL,
  'calendar.manage': ['city_admin'],
  // Funds: the finance bureau and the city keep budgets; finance records 拨付 and 追回.
  'funds.read': [...CITY, 'region_officer', 'finance'],
  'funds.manage': ['city_admin', 'finance'],
  'funds.disburse': ['finance'],
  // Diagnosis services. The pool is open to every signed-in user (enterprises choose and rate
  // providers); admission runs 申报 → 属地初审 → 专家评审 → 公示 → 入库 on the workflow kernel.
  'providers.read': ALL,
  'providers.apply': ['provider', 'supervisor', 'region_officer', 'city_admin'],
  'providers.review': ['region_officer', 'city_reviewer', 'city_admin'],
  'providers.manage': ['city_admin'],
  'providers.appeal': ['provider', 'supervisor'],
  'providers.services': ['provider', 'city_admin'],
  'diagnoses.read': [...CITY, 'region_officer', 'enterprise', 'provider', 'supervisor', 'finance'],
  'diagnoses.request': ['enterprise', 'region_officer', 'city_admin'],
  'diagnoses.dispatch': ['city_admin', 'region_officer'],
  'diagnoses.quotas': ['city_admin', 'region_officer'],
  'diagnoses.deliver': ['provider'],
  'diagnoses.supervise': ['supervisor'],
  'diagnoses.accept': ['enterprise'],
  'diagnoses.pay': ['finance'],
  'diagnoses.upload': ['provider', 'supervisor'],
  // Digital-maturity self-assessment (中小企业数字化水平评测指标): the enterprise itself, or the
  // provider on site during a diagnosis; legacy results recorded by the offices.
  'maturity.read': [...CITY, 'region_officer', 'enterprise', 'provider', 'finance'],
  'maturity.assess': ['enterprise', 'provider'],
  'maturity.record': ['city_admin', 'region_officer'],
  // Policy library and entitlement engine: reading the texts and evaluating one case are open to
  // every signed-in user; population batches and what-ifs (budget impact) to the offices.
  // The 实施意见's ten actions (月度跟踪调度、季度督查通报): 责任单位 report their indicators, regions
  // their own per-region figures, the city reads everything and may report on a unit's behalf.
  'plan.read': [...CITY, 'region_officer', 'finance', 'department'],
  'plan.report': ['city_admin', 'region_officer', 'department'],
  'policies.read': ALL,
  'policies.evaluate': ALL,
  'policies.batch': [...CITY, 'region_officer', 'finance'],
  // 免申即享 over the enterprise file: officers run it over the enterprises they see (a region officer their region).
  'policies.match_file': [...CITY, 'region_officer'],
} as const satisfies Record<string, readonly Role[] | 'public'>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(name: unknown): name is Permission {
  return typeof name === 'string' && Object.hasOwn(PERMISSIONS, name);
}

export function roleHas(role: Role | null | undefined, permission: Permission): boolean {
  const rule = PERMISSIONS[permission];
  if (rule === 'public') return true;
  return !!role && (rule as readonly Role[]).includes(role);
}

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  return roleHas(actor?.role ?? null, permission);
}

export function assertPermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw forbidden();
}
