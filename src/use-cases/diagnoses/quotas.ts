// Yearly quotas: the city's comes from its text (苏州 (五) 40 工厂 + 600 车间), created on first use
// and adjustable by the city; a region sets its own (鼓励各县级市(区)同步开展). Never below what is used.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { listQuotas, seedQuota, setQuota as setQuotaRow } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission, canReadRegion, canWriteRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { feeTerms, scopesOf } from '../../domain/diagnosis/terms.ts';
import { conflict, DomainError, invalid } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { quotaSchema } from './diagnosis-input.ts';
import { cityPolicy } from './diagnosis-support.ts';

export async function setDiagnosisQuota(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'diagnoses.quotas');
  const q = parseOrThrow(quotaSchema, raw);
  if (q.regionId !== null) {
    const region = regionById(q.regionId);
    if (!region || region.city !== q.city) throw invalid('regionId', `地区 ${q.regionId} 不属于该市`);
    if (!canWriteRegion(actor, q.regionId)) throw new DomainError('FORBIDDEN', '只能设置本地区的名额', 'regionId');
  } else if (actor.role !== 'city_admin') {
    throw new DomainError('FORBIDDEN', '市级名额由市工信局设置', 'regionId');
  }
  if (!scopesOf(cityPolicy(q.city)).includes(q.scope)) throw invalid('scope', `该市政策没有 ${q.scope} 诊断`);
  return db.transaction(async (tx) => {
    const row = await setQuotaRow(tx, { ...q, clause: q.regionId === null ? '市工信局调整' : '本地区名额' });
    if (!row) throw conflict('名额不能少于已使用的数量', 'quota');
    await appendAudit(tx, actor, { action: 'set_quota', entity: 'diagnosis_quota', entityId: `${q.city}/${q.regionId ?? 'city'}/${q.year}/${q.scope}`, after: q });
    return { ...q, used: row.used };
  });
}

export async function listDiagnosisQuotas(db: Db, actor: Actor, q: { city?: string | undefined; year: number }, today: string) {
  assertPermission(actor, 'diagnoses.read');
  // The text's city quotas show even before their first use.
  for (const city of q.city ? [q.city] : ['yangzhou', 'suzhou']) {
    const policy = cityPolicy(city);
    for (const scope of scopesOf(policy)) {
      const t = feeTerms(policy, scope, `${q.year}-12-31` < policy.validity.from ? policy.validity.from : today);
      if (t.cityQuota !== null) await seedQuota(db, { city, regionId: null, year: q.year, scope, quota: t.cityQuota, clause: t.quotaQuote });
    }
  }
  const rows = await listQuotas(db, q.city, q.year);
  return rows.filter((r) => r.regionId === '' || canReadRegion(actor, r.regionId))
    .map((r) => ({ city: r.city, regionId: r.regionId || null, year: r.year, scope: r.scope, quota: r.quota, used: r.used, remaining: r.quota - r.used, clause: r.clause }));
}
