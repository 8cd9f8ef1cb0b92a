// 派单: the city (city quota) or the region (its own quota) assigns a pooled provider and a
// supervisor. Refused: a provider not admitted, suspended or removed, not serving the scope or the
// region, at capacity; a supervisor of the provider's own organisation; a quota used up. The
// provider's row is locked while its load is counted, and a quota place is taken by one conditional
// statement, so concurrent dispatches cannot overfill either.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockDiagnosis, seedQuota, updateDiagnosis, useQuota, findQuota } from '../../db/repositories/diagnosis-repository.ts';
import { activeLoads, findServiceOrg, lockServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { dispatchable } from '../../domain/diagnosis/admission.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { feeTerms, SCOPE_LABELS, type DiagnosisScope } from '../../domain/diagnosis/terms.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { dispatchSchema } from './diagnosis-input.ts';
import { cityPolicy, diagnosisDetail, loadDiagnosisFor, recordStep, refOf } from './diagnosis-support.ts';

export async function dispatchDiagnosis(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'diagnoses.dispatch');
  const input = parseOrThrow(dispatchSchema, raw);
  if (input.dueOn <= today) throw invalid('dueOn', `完成期限须晚于今天(${today})`);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.read', lockDiagnosis);
    let funding = input.funding ?? d.funding;
    authorize(actor, 'diagnosis.dispatch', { ...refOf(d), funding });
    nextStatus(d.status, 'dispatch');
    const scope = d.scope as DiagnosisScope;
    const provider = await lockServiceOrg(tx, input.providerId);
    if (!provider || provider.kind !== 'provider' || provider.city !== d.city) throw notFound('服务商不在本市资源池中', 'providerId');
    const supervisor = await findServiceOrg(tx, input.supervisorId);
    if (!supervisor || supervisor.kind !== 'supervisor' || supervisor.city !== d.city) throw notFound('监理机构不在本市资源池中', 'supervisorId');
    const pRefusal = dispatchable(provider);
    if (pRefusal) throw invalid('providerId', `服务商“${provider.name}”${pRefusal},不能派单`);
    const sRefusal = dispatchable(supervisor);
    if (sRefusal) throw invalid('supervisorId', `监理机构“${supervisor.name}”${sRefusal},不能派单`);
    if (supervisor.uscc === provider.uscc) {
      throw invalid('supervisorId', `监理机构与服务商是同一机构(统一社会信用代码 ${provider.uscc}):第三方监理不能监理本机构的诊断`);
    }
    if (!provider.scopes.includes(scope)) throw invalid('providerId', `服务商“${provider.name}”不承担${SCOPE_LABELS[scope]}诊断(其范围:${provider.scopes.map((s) => SCOPE_LABELS[s as DiagnosisScope] ?? s).join('、') || '未填'})`);
    if (provider.regionsServed.length && !provider.regionsServed.includes(d.regionId)) {
      throw invalid('providerId', `服务商“${provider.name}”的服务地区不含${regionById(d.regionId)?.name ?? d.regionId}`);
    }
    const load = (await activeLoads(tx, [provider.id])).get(provider.id) ?? 0;
    if (load >= provider.capacity) throw conflict(`服务商“${provider.name}”在办诊断 ${load} 个,已达其服务能力 ${provider.capacity} 个,请另选服务商`, 'providerId');

    // Quota: the city's as the text sets it; when it is used up, the region's own if it has one.
    const terms = feeTerms(cityPolicy(d.city), scope, today);
    let quotaNote = '';
    if (funding === 'city') {
      if (terms.cityQuota !== null) await seedQuota(tx, { city: d.city, regionId: null, year: d.year, scope, quota: terms.cityQuota, clause: terms.quotaQuote });
      const cityQuota = await findQuota(tx, d.city, null, d.year, scope);
      if (cityQuota && !(await useQuota(tx, { city: d.city, regionId: null, year: d.year, scope }))) {
        const regional = await findQuota(tx, d.city, d.regionId, d.year, scope);
        if (regional && await useQuota(tx, { city: d.city, regionId: d.regionId, year: d.year, scope })) {
          funding = 'county';
          quotaNote = `市级${SCOPE_LABELS[scope]}诊断名额已用完(${cityQuota.used}/${cityQuota.quota}),计入${regionById(d.regionId)?.name ?? d.regionId}本地区名额`;
        } else {
          throw conflict(`${d.year}年市级${SCOPE_LABELS[scope]}诊断名额已用完(${cityQuota.used}/${cityQuota.quota}${cityQuota.clause ? `,${cityQuota.clause}` : ''})${regional ? `;本地区名额也已用完(${regional.used}/${regional.quota})` : ';所在地区未设本地区名额'}`, 'quota');
        }
      }
    } else {
      const regional = await findQuota(tx, d.city, d.regionId, d.year, scope);
      if (regional && !(await useQuota(tx, { city: d.city, regionId: d.regionId, year: d.year, scope }))) {
        throw conflict(`${d.year}年本地区${SCOPE_LABELS[scope]}诊断名额已用完(${regional.used}/${regional.quota})`, 'quota');
      }
    }
    const row = await updateDiagnosis(tx, d.id, input.version, {
      status: 'dispatched', providerId: provider.id, supervisorId: supervisor.id, dispatchReason: input.reason,
      dispatchedBy: actor.displayName ?? actor.name, dueOn: input.dueOn, funding,
    });
    await recordStep(tx, actor, d, 'dispatch', 'dispatched', `派单给“${provider.name}”,监理“${supervisor.name}”,期限 ${input.dueOn}。理由:${input.reason}${quotaNote ? `。${quotaNote}` : ''}`);
    await appendAudit(tx, actor, { action: 'dispatch', entity: 'diagnosis', entityId: d.id, after: { providerId: provider.id, supervisorId: supervisor.id, funding, dueOn: input.dueOn } });
    return diagnosisDetail(tx, row);
  });
}
