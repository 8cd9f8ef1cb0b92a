// One indicator over the whole plan: its monthly figures (current revisions) with the goals, for the
// trend chart, and every revision ever reported — who said what, when, and why it was corrected.
import type { Db } from '../../db/client.ts';
import { latestReports, reportHistory } from '../../db/repositories/plan-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { goalFor } from '../../domain/plan/progress.ts';
import { formatFigure } from '../../domain/plan/report-rules.ts';
import { departmentName, planFor, reportingRegions } from './plan-support.ts';

export async function indicatorHistory(db: Db, actor: Actor, indicatorId: string, q: { city?: string | undefined; regionId?: string | undefined }) {
  assertPermission(actor, 'plan.read');
  const found = planFor(actor, q.city);
  if (!found.plan) throw notFound(found.reason, 'city');
  const plan = found.plan;
  const indicator = plan.indicators.get(indicatorId);
  if (!indicator) throw notFound(`未知的指标 “${indicatorId}”`, 'indicatorId');
  const regionId = q.regionId ?? (indicator.perRegion && actor.role === 'region_officer' ? actor.regionId ?? '' : '');
  if (indicator.perRegion && !reportingRegions(plan.city).some((r) => r.id === regionId)) throw invalid('regionId', '分地区指标须指定地区 regionId');
  if (!indicator.perRegion && regionId) throw invalid('regionId', '全市指标不分地区');
  if (regionId) authorize(actor, 'plan.region', { regionId });
  const fmt = (v: number) => formatFigure(indicator.unit, v);
  const current = (await latestReports(db, plan.id, plan.firstYear, plan.lastYear)).filter((r) => r.indicatorId === indicatorId && r.regionId === regionId);
  const revisions = await reportHistory(db, plan.id, indicatorId, regionId);
  const years = Array.from({ length: plan.lastYear - plan.firstYear + 1 }, (_, k) => plan.firstYear + k);
  return {
    indicatorId, name: indicator.name, unit: indicator.unit, kind: indicator.kind, regionId, quote: indicator.quote, clause: indicator.clause,
    reporterName: indicator.perRegion ? '各县(市、区)、功能区' : departmentName(plan, indicator.reporter),
    goals: years.flatMap((y) => { const g = goalFor(indicator, y, plan.settings); return g ? [{ year: y, value: g.value, display: fmt(g.value), stated: g.stated }] : []; }),
    series: current.sort((a, b) => a.year - b.year || a.month - b.month).map((r) => ({ year: r.year, month: r.month, value: r.value, display: fmt(r.value), revision: r.revision })),
    revisions: revisions.map((r) => ({
      id: r.id, year: r.year, month: r.month, revision: r.revision, value: r.value, display: fmt(r.value), note: r.note,
      departmentName: departmentName(plan, r.departmentId), reportedByName: r.reportedByName, onBehalf: r.onBehalf, reportedOn: r.reportedOn,
      createdAt: r.createdAt.toISOString(), evidence: r.evidence,
    })),
  };
}
