// 申请诊断: an enterprise asks for a diagnosis, or its region's officer (or the city) plans one for
// it. The policy of the enterprise's city must be in force on the business date and must pay for
// the scope (苏州 has no 产业链 diagnosis).
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { insertDiagnosis, nextDiagnosisNumber } from '../../db/repositories/diagnosis-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { feeTerms } from '../../domain/diagnosis/terms.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { requestSchema } from './diagnosis-input.ts';
import { CITY_PREFIX, cityPolicy, presentDiagnosis, recordStep } from './diagnosis-support.ts';

export async function requestDiagnosis(db: Db, actor: Actor, raw: unknown, today: string) {
  assertPermission(actor, 'diagnoses.request');
  const input = parseOrThrow(requestSchema, raw);
  const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw invalid('enterpriseId', '须指定被诊断企业 enterpriseId');
  if (actor.role === 'enterprise' && input.enterpriseId && input.enterpriseId !== actor.enterpriseId) throw invalid('enterpriseId', '企业只能为本企业申请诊断');
  return db.transaction(async (tx) => {
    const e = await findEnterpriseById(tx, enterpriseId);
    if (!e) throw notFound('企业档案不存在或不在您的管辖范围内', 'enterpriseId');
    authorize(actor, 'enterprise.read', { id: e.id, regionId: e.regionId });
    const city = regionById(e.regionId)?.city ?? 'yangzhou';
    const policy = cityPolicy(city);
    if (today < policy.validity.from || today > policy.validity.to) {
      throw conflict(`${policy.shortTitle}的有效期为 ${policy.validity.from} 至 ${policy.validity.to}(${policy.validity.clause}),${today} 不在有效期内,不受理诊断申请`, 'date');
    }
    const terms = feeTerms(policy, input.scope, today);
    const year = Number(today.slice(0, 4));
    const number = await nextDiagnosisNumber(tx, CITY_PREFIX[city]!, year);
    const row = await insertDiagnosis(tx, {
      number, city, regionId: e.regionId, enterpriseId: e.id, year, scope: input.scope, funding: input.funding,
      policyId: policy.id, measureId: terms.measureId, status: 'requested', need: input.need, requestedBy: actor.displayName ?? actor.name,
    });
    await recordStep(tx, actor, { ...row, status: 'requested' }, 'request', 'requested', `${actor.role === 'enterprise' ? '企业申请' : '经办人代为安排'}诊断:${input.need}`);
    await appendAudit(tx, actor, { action: 'create', entity: 'diagnosis', entityId: row.id, after: { number, enterpriseId: e.id, scope: input.scope, funding: input.funding } });
    return presentDiagnosis(row, { enterpriseName: e.name, uscc: e.uscc });
  });
}
