// 季度督查通报 (三(三) “季度督查通报”): as of the quarter's last month, how many indicators are on
// course, which lag (with their 责任单位), which units reported late or not at all in the quarter,
// and where a report disagrees with the platform's records. Printed and exported as the office
// issues it; the figures are the dispatch table's, so the two never disagree.
import type { Db } from '../../db/client.ts';
import { assertPermission, refusal } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { dueDate, quarterEnd } from '../../domain/plan/progress.ts';
import { monthOf } from '../../domain/plan/report-rules.ts';
import { latestReports } from '../../db/repositories/plan-repository.ts';
import { CITY_NAMES, departmentName, lastDueMonth, planFor, planRows, presentRow, reportingRegions } from './plan-support.ts';

const QUARTER_NAMES = ['一', '二', '三', '四'];

export async function quarterlyBulletin(db: Db, actor: Actor, q: { city?: string | undefined; year: number; quarter: number }, today: string) {
  assertPermission(actor, 'plan.read');
  const found = planFor(actor, q.city);
  if (!found.plan) return { available: false as const, city: found.city, reason: found.reason };
  const plan = found.plan;
  if (!Number.isInteger(q.year) || q.year < plan.firstYear || q.year > plan.lastYear) throw invalid('year', `year 须为 ${plan.firstYear}–${plan.lastYear}`);
  if (!Number.isInteger(q.quarter) || q.quarter < 1 || q.quarter > 4) throw invalid('quarter', 'quarter 须为 1–4');
  const now = monthOf(today);
  const month = quarterEnd(q.quarter);
  if (q.year > now.year || (q.year === now.year && month - 2 > now.month)) throw invalid('quarter', `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度尚未开始(业务日期 ${today})`);
  // A quarter still running is reported as of its last month whose reports were due.
  const lastDue = lastDueMonth(plan, today);
  const through = q.year === lastDue.year ? Math.min(month, lastDue.month) : q.year < lastDue.year ? month : 0;
  if (through < month - 2) throw invalid('quarter', `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度还没有到期的月报(业务日期 ${today})`);
  const rows = (await planRows(db, actor, plan, q.year, through, today)).map((r) => presentRow(plan, r));

  // Reporting discipline over the quarter's months: late and missing reports per unit.
  const reports = await latestReports(db, plan.id, q.year, q.year);
  const byKey = new Map(reports.map((r) => [`${r.indicatorId}|${r.regionId}|${r.month}`, r]));
  const discipline = new Map<string, { unit: string; late: string[]; missing: string[] }>();
  for (const i of plan.indicators.values()) {
    const units = i.perRegion ? reportingRegions(plan.city).filter((r) => !refusal(actor, 'plan.region', { regionId: r.id })).map((r) => ({ key: r.id, name: r.name, regionId: r.id })) : [{ key: i.reporter, name: departmentName(plan, i.reporter)!, regionId: '' }];
    for (const u of units) {
      for (let m = month - 2; m <= through; m++) {
        const due = dueDate(q.year, m, plan.settings.reportDueDay);
        if (due >= today) continue;
        const r = byKey.get(`${i.id}|${u.regionId}|${m}`);
        const entry = discipline.get(u.key) ?? { unit: u.name, late: [], missing: [] };
        const label = `${i.name}(${m}月)`;
        if (!r) entry.missing.push(label);
        else if (r.firstReportedOn > due) entry.late.push(label);
        discipline.set(u.key, entry);
      }
    }
  }
  const count = (light: string) => rows.filter((r) => r.light === light).length;
  return {
    available: true as const, city: plan.city, year: q.year, quarter: q.quarter, throughMonth: through,
    header: {
      issuer: `${CITY_NAMES[plan.city]}“智改数转”工作领导小组办公室`,
      title: `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度全市制造业“智改数转”重点任务推进情况督查通报`,
      basis: `依据${plan.document}《${plan.title}》三(三)“实行月度跟踪调度、季度督查通报、年度考核评比”`,
      date: today,
    },
    summary: { indicators: rows.length, green: count('green'), amber: count('amber'), red: count('red'), none: count('none') },
    actions: plan.actions.map((a) => {
      const own = rows.filter((r) => r.actionId === a.id);
      return { id: a.id, clause: a.clause, title: a.title, green: own.filter((r) => r.light === 'green').length, amber: own.filter((r) => r.light === 'amber').length, red: own.filter((r) => r.light === 'red').length, none: own.filter((r) => r.light === 'none').length };
    }),
    lagging: rows.filter((r) => r.light === 'red' || r.light === 'amber').sort((a, b) => (a.light === b.light ? (a.completion ?? 0) - (b.completion ?? 0) : a.light === 'red' ? -1 : 1)),
    discipline: [...discipline.entries()].map(([id, d]) => ({ id, ...d })).filter((d) => d.late.length || d.missing.length)
      .sort((a, b) => b.missing.length - a.missing.length || b.late.length - a.late.length),
    disagreements: rows.filter((r) => r.records?.agreement === 'differs' || r.records?.agreement === 'below-records'),
  };
}

export type QuarterlyBulletin = Extract<Awaited<ReturnType<typeof quarterlyBulletin>>, { available: true }>;
