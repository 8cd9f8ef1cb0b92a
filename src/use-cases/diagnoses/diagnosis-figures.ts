// The figures the texts set for diagnosis, from the platform's own records: each region's 数字画像
// count (附件2 核查内容 1), 诊改联动 conversion (实施意见 二(五)), provider scorecards, and 苏州's
// (六) 顾问咨询 and (七) 数据采集 counts against their yearly figures.
import type { Db } from '../../db/client.ts';
import { conversionRows, portraitCounts, providerFigures, serviceCounts } from '../../db/repositories/diagnosis-repository.ts';
import { listServiceOrgs } from '../../db/repositories/service-org-repository.ts';
import { assertPermission, readableRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conversionBy, percent } from '../../domain/diagnosis/conversion.ts';
import { averageSatisfaction, proposeStanding, SCORECARD_SETTINGS } from '../../domain/diagnosis/scorecard.ts';
import { REGIONS, regionById } from '../../domain/regions.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { CITY_POLICY } from './diagnosis-support.ts';

/** Retrofit measures whose applications count as a diagnosis converted (topic smart_retrofit in each text). */
function retrofitMeasures(city: string | undefined): string[] {
  const ids = city ? [CITY_POLICY[city]!] : Object.values(CITY_POLICY);
  return ids.flatMap((id) => (policyLibrary().policies.get(id)?.measures ?? []).filter((m) => m.topic === 'smart_retrofit').map((m) => `${id}/${m.id}`));
}

const regionNames = new Map(REGIONS.map((r) => [r.id, r.name]));

export async function diagnosisFigures(db: Db, actor: Actor, q: { city?: string | undefined; year: number; months?: number | undefined }) {
  assertPermission(actor, 'diagnoses.read');
  const only = readableRegion(actor);
  const regionId = only === null ? undefined : only === 'none' ? '__none__' : only;
  const months = q.months ?? 12;
  const counts = (await portraitCounts(db, q.city, q.year)).filter((r) => !regionId || r.region_id === regionId);
  const conv = await conversionRows(db, { city: q.city, year: q.year, regionId }, retrofitMeasures(q.city), months);
  const rows = conv.map((r) => ({ year: r.year, regionId: r.region_id, providerId: r.provider_id, providerName: r.provider_name, applied: r.applied, funded: r.funded }));
  const services = regionId ? [] : await serviceCounts(db, q.city, q.year);
  const sum = (kind: string) => services.filter((s) => s.kind === kind).reduce((a, s) => a + s.n, 0);
  const enterprisesServed = (kind: string) => services.filter((s) => s.kind === kind).reduce((a, s) => a + s.enterprises, 0);
  return {
    year: q.year, months,
    portraits: counts.map((r) => ({ regionId: r.region_id, regionName: regionById(r.region_id)?.name ?? r.region_id, counted: r.counted, incomplete: r.incomplete, inProgress: r.in_progress })),
    conversion: {
      total: { diagnoses: rows.length, applied: rows.filter((r) => r.applied).length, funded: rows.filter((r) => r.funded).length,
        appliedRate: percent(rows.filter((r) => r.applied).length, rows.length), fundedRate: percent(rows.filter((r) => r.funded).length, rows.length) },
      byProvider: conversionBy(rows, 'provider'),
      byRegion: conversionBy(rows, 'region', regionNames),
    },
    // 苏州 (六) "每年……不少于1000次免费顾问咨询服务"; (七) "每年至少为1000家左右苏州市中小企业".
    services: q.city === 'yangzhou' || regionId ? null : {
      consultations: { count: sum('consultation'), goal: 1000, clause: '(六)', quote: '每年为苏州市中小企业提供不少于1000次免费顾问咨询服务' },
      dataCollection: { enterprises: enterprisesServed('data_collection'), goal: 1000, clause: '(七)', quote: '每年至少为1000家左右苏州市中小企业提供生产要素数据采集和场景应用' },
      byProvider: services.map((s) => ({ kind: s.kind, orgId: s.org_id, orgName: s.org_name, count: s.n, enterprises: s.enterprises })),
    },
  };
}

/** Provider scorecards computed from data, with the standing each proposes (an officer confirms). */
export async function providerScorecards(db: Db, actor: Actor, q: { city?: string | undefined; year?: number | undefined; months?: number | undefined }) {
  assertPermission(actor, 'providers.read');
  const months = q.months ?? 12;
  const orgs = (await listServiceOrgs(db, { city: q.city, kind: 'provider' })).filter((o) => o.status === 'approved');
  const own = actor.role === 'provider' ? actor.organisationId : null;
  const figures = new Map((await providerFigures(db, q.city, q.year)).map((f) => [f.provider_id, f]));
  const conv = conversionBy((await conversionRows(db, { city: q.city, year: q.year }, retrofitMeasures(q.city), months))
    .map((r) => ({ year: r.year, regionId: r.region_id, providerId: r.provider_id, providerName: r.provider_name, applied: r.applied, funded: r.funded })), 'provider');
  return {
    settings: SCORECARD_SETTINGS,
    providers: orgs.filter((o) => actor.role !== 'provider' || o.id === own).map((o) => {
      const f = figures.get(o.id);
      const c = conv.find((x) => x.key === o.id);
      const card = {
        total: f?.total ?? 0, finished: f?.finished ?? 0, onTime: f?.on_time ?? 0, issues: f?.issues ?? 0, stops: f?.stops ?? 0,
        satisfactionSum: f?.satisfaction_sum ?? 0, rated: f?.rated ?? 0, accepted: c?.diagnoses ?? 0, applied: c?.applied ?? 0, funded: c?.funded ?? 0,
      };
      return {
        id: o.id, name: o.name, standing: o.standing, ...card,
        onTimeRate: percent(card.onTime, card.finished), satisfaction: averageSatisfaction(card.satisfactionSum, card.rated),
        conversionRate: percent(card.applied, card.accepted),
        proposal: proposeStanding(card),
      };
    }),
  };
}
