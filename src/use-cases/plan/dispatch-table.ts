// 月度跟踪调度表: every action's indicators in one month — goal, the reported figure, the platform's
// own figure and whether they agree, completion, year-end projection and its light, and whether
// the report came on time. The console page, the Excel export and the CLI all print this.
import type { Db } from '../../db/client.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { planFor, periodOf, planRows, presentRow } from './plan-support.ts';

export async function dispatchTable(db: Db, actor: Actor, q: { city?: string | undefined; year?: number | undefined; month?: number | undefined }, today: string) {
  assertPermission(actor, 'plan.read');
  const found = planFor(actor, q.city);
  if (!found.plan) return { available: false as const, city: found.city, reason: found.reason };
  const plan = found.plan;
  const { year, month } = periodOf(plan, today, q.year, q.month);
  const rows = (await planRows(db, actor, plan, year, month, today)).map((r) => presentRow(plan, r));
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  return {
    available: true as const, city: plan.city, document: plan.document, year, month, today,
    summary: {
      green: count((r) => r.light === 'green'), amber: count((r) => r.light === 'amber'), red: count((r) => r.light === 'red'), none: count((r) => r.light === 'none'),
      onTime: count((r) => r.report.state === 'on-time'), late: count((r) => r.report.state === 'late'), overdue: count((r) => r.report.state === 'overdue'),
      pending: count((r) => r.report.state === 'pending'),
      disagreements: count((r) => r.records?.agreement === 'differs' || r.records?.agreement === 'below-records'),
    },
    actions: plan.actions.map((a) => ({ id: a.id, clause: a.clause, title: a.title, rows: rows.filter((r) => r.actionId === a.id) })),
  };
}

export type DispatchTable = Extract<Awaited<ReturnType<typeof dispatchTable>>, { available: true }>;
