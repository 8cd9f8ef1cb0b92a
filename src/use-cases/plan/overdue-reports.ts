// Reports past their due day and still missing (月度跟踪调度): a department sees its own, a region
// its own per-region figures, the city every unit's — oldest first, so the longest silence leads.
import type { Db } from '../../db/client.ts';
import { latestReports } from '../../db/repositories/plan-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { monthsDue } from '../../domain/plan/progress.ts';
import { monthOf } from '../../domain/plan/report-rules.ts';
import { departmentName, planFor, reportingRegions } from './plan-support.ts';

export async function overdueReports(db: Db, actor: Actor, q: { city?: string | undefined }, today: string) {
  assertPermission(actor, 'plan.read');
  const found = planFor(actor, q.city);
  if (!found.plan) return { available: false as const, city: found.city, reason: found.reason, items: [] };
  const plan = found.plan;
  const reported = new Set((await latestReports(db, plan.id, plan.firstYear, plan.lastYear)).map((r) => `${r.indicatorId}|${r.regionId}|${r.year}|${r.month}`));
  const due = monthsDue(plan, today);
  const items: { indicatorId: string; name: string; regionId: string; regionName: string | null; reporter: string; reporterName: string; year: number; month: number; due: string }[] = [];
  // A month before the platform was in use has no report to chase: only months from the plan's first year.
  const now = monthOf(today);
  for (const i of plan.indicators.values()) {
    const units = i.perRegion
      ? reportingRegions(plan.city).map((r) => ({ regionId: r.id, regionName: r.name as string | null, reporter: r.id, reporterName: r.name }))
      : [{ regionId: '', regionName: null, reporter: i.reporter, reporterName: departmentName(plan, i.reporter) ?? i.reporter }];
    for (const u of units) {
      const mine = actor.role === 'department' ? !i.perRegion && actor.departmentId === i.reporter
        : actor.role === 'region_officer' ? i.perRegion && actor.regionId === u.regionId
        : true;
      if (!mine) continue;
      for (const m of due) {
        if (m.year > now.year) continue;
        if (!reported.has(`${i.id}|${u.regionId}|${m.year}|${m.month}`)) items.push({ indicatorId: i.id, name: i.name, ...u, year: m.year, month: m.month, due: m.due });
      }
    }
  }
  items.sort((a, b) => a.due.localeCompare(b.due) || a.indicatorId.localeCompare(b.indicatorId));
  return { available: true as const, city: plan.city, today, count: items.length, items };
}
