// Record-level authorization: may this actor do this to this record, given its region, its
// enterprise and its state? The permission table says which roles may attempt an action at all;
// these checks decide each attempt. Use cases call `authorize` with the record they loaded, so the
// API and the CLI apply the same rules, and a rule lives in exactly one place.
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { hasPermission } from './permissions.ts';
import { regionById } from '../regions.ts';
import { canReadRegion, canWriteRegion, dataScope, inScope, readableRegion } from './scope.ts';

export interface EnterpriseRef {
  id: string;
  regionId: string;
}

/**
 * What an enterprise user may change in its own file. Industry code and certifications are
 * government determinations (GB/T 4754 classification by the statistics office; 两化融合 and
 * 星级上云 by the provincial bureaus): an enterprise submits a certification claim instead.
 */
export const ENTERPRISE_SELF_EDITABLE: ReadonlySet<string> = new Set(['contactName', 'contactPhone', 'contactEmail', 'address', 'chains', 'version']);

const GOVERNMENT_FIELDS: Record<string, string> = {
  industryCode: '行业代码由政府部门认定,企业不能自行修改;如有误请联系所在地区经办人',
  certifications: '两化融合、星级上云等认定由政府部门确认:请通过“提交认定”上传认定文件,经所在地区核实后生效',
};

export type SignOffStatus = 'open' | 'submitted' | 'approved' | 'returned';

export interface Checks {
  'enterprise.read': EnterpriseRef;
  'enterprise.create': { regionId: string };
  'enterprise.update': EnterpriseRef & { fields: readonly string[]; regionIdAfter?: string | undefined };
  /** One import row: the region it files the enterprise in, and where it is filed now (if at all). */
  'enterprise.import': { regionId: string; existingRegionId?: string | undefined };
  'certification.claim': EnterpriseRef;
  'certification.review': EnterpriseRef & { status: string };
  'transfer.request': { toRegionId: string; enterpriseRegionId: string };
  'transfer.decide': { status: string };
  'assessment.read': { regionId: string };
  'assessment.write': { regionId: string };
  'assessment.delete': { regionId: string; kind: 'project' | 'activity' | 'event'; direction?: string | null };
  /** An application: the enterprise applying and the region it is filed in. */
  'application.read': { enterpriseId: string; regionId: string };
  'application.edit': { enterpriseId: string; regionId: string; status: string };
  'application.accept': { regionId: string; status: string; acceptance: string };
  'fund.read': { level: string; regionId: string | null; city: string };
  /** A provider or supervisor organisation's admission file and profile. */
  'org.edit': { id: string; regionId: string; status: string };
  'org.review': { regionId: string };
  /** A diagnosis: whose it is, who delivers it and who supervises it. */
  'diagnosis.read': DiagnosisRef;
  'diagnosis.dispatch': DiagnosisRef & { funding: string };
  'diagnosis.deliver': DiagnosisRef;
  'diagnosis.supervise': DiagnosisRef;
  'diagnosis.accept': DiagnosisRef;
  /** A maturity result: whose enterprise, and the diagnosis it was taken in (if any). */
  'maturity.read': { enterpriseId: string; regionId: string; providerId: string | null };
  'maturity.write': { enterpriseId: string; source: string; providerId: string | null };
  /** A monthly report of an action-plan indicator: its reporting unit, and the region of a per-region figure. */
  'plan.report': { reporter: string; reporterName: string; perRegion: boolean; regionId: string | null };
  /** A per-region row of the plan (各地专项资金): a region officer reads its own region's only. */
  'plan.region': { regionId: string };
  /** A background job (免申即享 run, enterprise import): who queued it and the region it is limited to. */
  'job.read': { createdBy: string | null; regionId: string | null };
}

export interface DiagnosisRef {
  regionId: string;
  enterpriseId: string;
  providerId: string | null;
  supervisorId: string | null;
}
export type CheckName = keyof Checks;

type Rule<R> = (actor: Actor, record: R) => DomainError | null;

const notFound = (what: string, field = 'id') => new DomainError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`, field);
const deny = (message: string, field?: string) => new DomainError('FORBIDDEN', message, field);
const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, field);


const RULES: { [K in CheckName]: Rule<Checks[K]> } = {
  'enterprise.read': (actor, e) => (inScope(actor, { regionId: e.regionId, enterpriseId: e.id }) ? null : notFound('企业档案')),

  'enterprise.create': (actor, { regionId }) =>
    canWriteRegion(actor, regionId) ? null : deny('只能在本地区建档 (you may only file enterprises in your own region)', 'regionId'),

  'enterprise.update': (actor, e) => {
    if (!inScope(actor, { regionId: e.regionId, enterpriseId: e.id })) return notFound('企业档案');
    if (actor.role === 'enterprise') {
      const locked = e.fields.find((f) => !ENTERPRISE_SELF_EDITABLE.has(f));
      if (locked) return deny(GOVERNMENT_FIELDS[locked] ?? `企业用户不能修改 ${locked},请联系所在地区经办人`, locked);
    } else if (!canWriteRegion(actor, e.regionId)) {
      return deny('只能修改本地区的企业档案', 'id');
    }
    if (e.regionIdAfter && e.regionIdAfter !== e.regionId && !canWriteRegion(actor, e.regionIdAfter)) {
      return deny('不能把企业划转到本地区以外:请向市工信局提交划转申请', 'regionId');
    }
    return null;
  },

  'enterprise.import': (actor, row) => {
    // Neutral on purpose: saying where the enterprise is filed would reveal another region's data.
    if (row.existingRegionId !== undefined && !canWriteRegion(actor, row.existingRegionId)) {
      return conflict('该统一社会信用代码已有企业档案,不在本地区管辖范围内,不能导入修改;如该企业应由本地区管理,请提交划转申请', 'uscc');
    }
    return canWriteRegion(actor, row.regionId) ? null : deny('只能导入本地区的企业', 'regionId');
  },

  // The person who queued it reads it; so do the city's officers, and a region officer a job over
  // their own region. Anyone else is told it does not exist.
  'job.read': (actor, job) => {
    if (job.createdBy !== null && job.createdBy === actor.userId) return null;
    const scope = dataScope(actor);
    return scope.kind === 'all' || (scope.kind === 'region' && job.regionId === scope.regionId) ? null : notFound('该任务');
  },

  'certification.claim': (actor, e) =>
    actor.role === 'enterprise' && actor.enterpriseId === e.id ? null : notFound('企业档案'),

  'certification.review': (actor, c) => {
    if (!inScope(actor, { regionId: c.regionId, enterpriseId: c.id })) return notFound('认定申请');
    if (!canWriteRegion(actor, c.regionId)) return deny('只有企业所在地区的经办人或市工信局可以核实认定');
    if (c.status !== 'pending') return conflict(`该认定已${c.status === 'confirmed' ? '确认' : '驳回'},不能重复核实`, 'status');
    return null;
  },

  'transfer.request': (actor, t) => {
    if (actor.role !== 'region_officer' || actor.regionId !== t.toRegionId) return deny('只能申请把企业划转到本地区', 'toRegionId');
    if (t.enterpriseRegionId === t.toRegionId) return new DomainError('INVALID', '该企业已在本地区建档,无需划转', 'uscc');
    return null;
  },

  'transfer.decide': (_actor, t) => (t.status === 'pending' ? null : conflict(`该划转申请已${t.status === 'approved' ? '批准' : '驳回'},不能重复处理`, 'status')),

  'assessment.read': (actor, { regionId }) => (canReadRegion(actor, regionId) ? null : notFound('该地区的考核数据', 'regionId')),

  'assessment.write': (actor, { regionId }) =>
    canWriteRegion(actor, regionId) ? null : deny('只能录入本地区的考核数据 (you may only record your own region)', 'regionId'),

  'assessment.delete': (actor, r) => {
    if (!canReadRegion(actor, r.regionId)) return notFound('考核记录');
    if (!canWriteRegion(actor, r.regionId)) return deny('只能撤回本地区的考核记录');
    // 减分项 are the city's: an officer cannot withdraw a deduction recorded against their region.
    if (r.kind === 'event' && r.direction === 'deduction' && !hasPermission(actor, 'assessment.deduct')) return deny('减分项由市工信局记录,地区不能撤回');
    return null;
  },


  'application.read': (actor, a) => (inScope(actor, { regionId: a.regionId, enterpriseId: a.enterpriseId }) ? null : notFound('申请')),

  'application.edit': (actor, a) => {
    if (!inScope(actor, { regionId: a.regionId, enterpriseId: a.enterpriseId })) return notFound('申请');
    const applicant = (actor.role === 'enterprise' && actor.enterpriseId === a.enterpriseId) || (actor.role === 'region_officer' && actor.regionId === a.regionId);
    if (!applicant) return deny('只有申请企业或其所在地区经办人可以修改申请');
    if (a.status !== 'draft' && a.status !== 'returned') return conflict('申请已提交,审核期间不能修改;如需修改,请在初审前撤回或等待退回', 'status');
    return null;
  },

  'application.accept': (actor, a) => {
    if (!canReadRegion(actor, a.regionId)) return notFound('申请');
    if (!canWriteRegion(actor, a.regionId)) return deny('验收由项目所在地区经办人或市工信局组织');
    if (a.status !== 'approved') return conflict('只有已批准的项目才能验收', 'status');
    if (a.acceptance !== 'none') return conflict(`该项目已验收(${a.acceptance === 'passed' ? '通过' : '不通过'})`, 'acceptance');
    return null;
  },

  'org.edit': (actor, o) => {
    const own = (actor.role === 'provider' || actor.role === 'supervisor') && actor.organisationId === o.id;
    if (!own && !canWriteRegion(actor, o.regionId)) return notFound('服务机构');
    if (o.status !== 'draft' && o.status !== 'returned') return conflict('入库申请已提交,审核期间不能修改;如需修改请等待退回', 'status');
    return null;
  },

  'org.review': (actor, o) => (actor.role === 'region_officer' && actor.regionId !== o.regionId ? notFound('服务机构') : null),

  'diagnosis.read': (actor, d) => (canSeeDiagnosis(actor, d) ? null : notFound('诊断项目')),

  'diagnosis.dispatch': (actor, d) => {
    if (!canSeeDiagnosis(actor, d)) return notFound('诊断项目');
    // City-funded diagnoses are dispatched by the city; a region dispatches on its own quota.
    if (d.funding === 'city' && actor.role !== 'city_admin') return deny('市级名额的诊断由市工信局派单;地区可用本地区名额派单(funding: county)', 'funding');
    return canWriteRegion(actor, d.regionId) ? null : deny('只能为本地区企业派单');
  },

  'diagnosis.deliver': (actor, d) => {
    if (!canSeeDiagnosis(actor, d)) return notFound('诊断项目');
    return actor.role === 'provider' && d.providerId !== null && actor.organisationId === d.providerId ? null : deny('只有承担该诊断的服务商可以办理');
  },

  'diagnosis.supervise': (actor, d) => {
    if (!canSeeDiagnosis(actor, d)) return notFound('诊断项目');
    return actor.role === 'supervisor' && d.supervisorId !== null && actor.organisationId === d.supervisorId ? null : deny('只有受托监理该诊断的第三方机构可以记录监理意见');
  },

  'diagnosis.accept': (actor, d) => {
    if (!canSeeDiagnosis(actor, d)) return notFound('诊断项目');
    return actor.role === 'enterprise' && actor.enterpriseId === d.enterpriseId ? null : deny('诊断报告由被诊断企业确认验收并评价');
  },

  'maturity.read': (actor, m) => {
    if (actor.role === 'provider') return m.providerId !== null && actor.organisationId === m.providerId ? null : notFound('评测结果');
    if (actor.role === 'supervisor') return notFound('评测结果');
    return inScope(actor, { regionId: m.regionId, enterpriseId: m.enterpriseId }) ? null : notFound('评测结果');
  },

  'maturity.write': (actor, m) => {
    if (m.source === 'diagnosis') return actor.role === 'provider' && m.providerId !== null && actor.organisationId === m.providerId ? null : deny('诊断中的现场评测由承担诊断的服务商填写');
    if (m.source === 'self') return actor.role === 'enterprise' && actor.enterpriseId === m.enterpriseId ? null : deny('自评测由企业本身填写');
    return deny('历史评测结果由市工信局或所在地区录入');
  },

  'plan.report': (actor, r) => {
    if (actor.role === 'city_admin') return null; // 市工信局 leads the 调度 and may report on a unit's behalf (recorded as such)
    if (actor.role === 'department') {
      if (r.perRegion) return deny('分地区指标由各县(市、区)、功能区报送', 'indicatorId');
      return actor.departmentId === r.reporter ? null : deny(`该指标的报送单位是${r.reporterName},不在本部门的指标之内`, 'indicatorId');
    }
    if (actor.role === 'region_officer') {
      if (!r.perRegion) return deny(`该指标由${r.reporterName}报送;地区只报送分地区指标`, 'indicatorId');
      return r.regionId === actor.regionId ? null : deny('只能报送本地区的数据', 'regionId');
    }
    return deny('只有责任单位、地区经办人或市工信局可以报送');
  },

  'plan.region': (actor, r) => (actor.role === 'region_officer' && actor.regionId !== r.regionId ? notFound('地区数据') : null),

  // An officer reads its own county's fund and its own city's city-level fund, never another city's.
  'fund.read': (actor, f) => {
    const region = readableRegion(actor);
    const readable = f.regionId !== null ? canReadRegion(actor, f.regionId) : region === null || regionById(region)?.city === f.city;
    return readable ? null : notFound('资金');
  },
};

/** Providers and supervisors see their own organisation's diagnoses only; everyone else by data scope. */
function canSeeDiagnosis(actor: Actor, d: DiagnosisRef): boolean {
  if (actor.role === 'provider') return !!actor.organisationId && actor.organisationId === d.providerId;
  if (actor.role === 'supervisor') return !!actor.organisationId && actor.organisationId === d.supervisorId;
  return inScope(actor, { regionId: d.regionId, enterpriseId: d.enterpriseId });
}

/** Why the actor may not do `check` to `record`, or null when they may. */
export function refusal<K extends CheckName>(actor: Actor, check: K, record: Checks[K]): DomainError | null {
  return (RULES[check] as Rule<Checks[K]>)(actor, record);
}

/** Whether the actor may do `check` to `record`. */
export function can<K extends CheckName>(actor: Actor, check: K, record: Checks[K]): boolean {
  return refusal(actor, check, record) === null;
}

/** Throws the check's error (NOT_FOUND for records out of scope, so nobody can probe them). */
export function authorize<K extends CheckName>(actor: Actor, check: K, record: Checks[K]): void {
  const error = refusal(actor, check, record);
  if (error) throw error;
}
