// The dispatch board's suggestion: pooled providers that serve the diagnosis's scope and region and
// have room, ordered by load (fewest open diagnoses first), then by industry match and satisfaction.
// A suggestion only: the officer chooses and writes down why.
import type { Db } from '../../db/client.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { activeLoads, listServiceOrgs } from '../../db/repositories/service-org-repository.ts';
import { providerFigures } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { dispatchable, STANDING_LABELS, type Standing } from '../../domain/diagnosis/admission.ts';
import { averageSatisfaction } from '../../domain/diagnosis/scorecard.ts';
import { loadDiagnosisFor } from './diagnosis-support.ts';

export async function dispatchCandidates(db: Db, actor: Actor, id: string) {
  assertPermission(actor, 'diagnoses.dispatch');
  const d = await loadDiagnosisFor(db, actor, id, 'diagnosis.read');
  const e = await findEnterpriseById(db, d.enterpriseId);
  const industry = e?.industryCode ?? '';
  const orgs = await listServiceOrgs(db, { city: d.city, active: true });
  const loads = await activeLoads(db, orgs.map((o) => o.id));
  const figures = new Map((await providerFigures(db, d.city, undefined)).map((f) => [f.provider_id, f]));
  const describe = (o: (typeof orgs)[number]) => {
    const load = loads.get(o.id) ?? 0;
    const f = figures.get(o.id);
    const reasons: string[] = [];
    if (o.kind === 'provider' && !o.scopes.includes(d.scope)) reasons.push('不承担该范围');
    if (o.regionsServed.length && !o.regionsServed.includes(d.regionId)) reasons.push('服务地区不含该地区');
    if (o.kind === 'provider' && load >= o.capacity) reasons.push(`已满负荷(${load}/${o.capacity})`);
    const refusal = dispatchable(o);
    if (refusal) reasons.push(refusal);
    const industryMatch = o.industries.some((c) => industry.startsWith(c));
    return {
      id: o.id, kind: o.kind, name: o.name, uscc: o.uscc, standing: o.standing, standingLabel: STANDING_LABELS[o.standing as Standing],
      load, capacity: o.capacity, industryMatch, satisfaction: f ? averageSatisfaction(f.satisfaction_sum, f.rated) : null,
      eligible: reasons.length === 0, reasons,
    };
  };
  const rank = <T extends ReturnType<typeof describe>>(xs: T[]) => xs.sort((a, b) =>
    Number(b.eligible) - Number(a.eligible) || a.load / a.capacity - b.load / b.capacity || Number(b.industryMatch) - Number(a.industryMatch) || a.name.localeCompare(b.name));
  return {
    providers: rank(orgs.filter((o) => o.kind === 'provider').map(describe)),
    supervisors: rank(orgs.filter((o) => o.kind === 'supervisor').map(describe)),
  };
}
