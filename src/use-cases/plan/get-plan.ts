// The goal tree as the text sets it: actions, indicators, goals per year with their quotes, the
// 责任单位 and who reports what. Static per release, but read through the actor so a 苏州 officer
// learns why there is none.
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { goalFor } from '../../domain/plan/progress.ts';
import { formatFigure } from '../../domain/plan/report-rules.ts';
import { departmentName, planFor } from './plan-support.ts';

export function getPlanTree(actor: Actor, q: { city?: string | undefined }) {
  assertPermission(actor, 'plan.read');
  const found = planFor(actor, q.city);
  if (!found.plan) return { available: false as const, city: found.city, reason: found.reason };
  const plan = found.plan;
  const years = Array.from({ length: plan.lastYear - plan.firstYear + 1 }, (_, k) => plan.firstYear + k);
  return {
    available: true as const, city: plan.city, id: plan.id, document: plan.document, title: plan.title,
    firstYear: plan.firstYear, lastYear: plan.lastYear, settings: plan.settings,
    departments: plan.departments.map((d) => ({ id: d.id, name: d.name, fullName: d.fullName })),
    /** What this account reports: a department its indicators, a region its per-region ones, the city everything. */
    mine: [...plan.indicators.values()].filter((i) => actor.role === 'city_admin'
      || (actor.role === 'department' && !i.perRegion && i.reporter === actor.departmentId)
      || (actor.role === 'region_officer' && i.perRegion)).map((i) => i.id),
    actions: plan.actions.map((a) => ({
      id: a.id, clause: a.clause, title: a.title, responsibility: a.responsibility, departments: a.departments, regions: a.regions,
      indicators: a.indicators.map((i) => ({
        id: i.id, name: i.name, unit: i.unit, kind: i.kind, since: i.since, perRegion: i.perRegion, quote: i.quote, reading: i.reading, clause: i.clause,
        reporter: i.perRegion ? null : i.reporter, reporterName: i.perRegion ? '各县(市、区)、功能区' : departmentName(plan, i.reporter),
        coResponsible: i.coResponsible, records: i.records ? { source: i.records.source, compare: i.records.compare } : null,
        goals: years.flatMap((y) => {
          const g = goalFor(i, y, plan.settings);
          return g ? [{ year: y, value: g.value, display: formatFigure(i.unit, g.value), stated: g.stated }] : [];
        }),
      })),
    })),
  };
}
