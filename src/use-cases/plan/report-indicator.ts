// A department (or a region, for its own per-region figure, or the city on a unit's behalf) reports
// an indicator's figure for a month. A first report is revision 1; a correction names the revision
// it replaces, and the new revision is inserted only if that revision is still the current one —
// the unique (month, revision) index turns a lost race into 409, never into two "current" figures.
import type { Db } from '../../db/client.ts';
import { findStoredFile } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { currentRevision, insertReport, latestReports } from '../../db/repositories/plan-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { checkReport, parseFigure, sameSeries } from '../../domain/plan/report-rules.ts';
import { departmentName, planFor, reportingRegions } from './plan-support.ts';

export interface ReportIndicatorInput {
  city?: string | undefined;
  indicatorId: string;
  regionId?: string | null | undefined;
  year: number;
  month: number;
  /** In the indicator's unit as people write it: 个, % or 元 (a number or a decimal string). */
  value: number | string;
  note?: string | null | undefined;
  /** Files uploaded first through the plan's evidence upload. */
  evidence?: { sha256: string; fileName: string }[] | undefined;
  /** The revision this report corrects; absent or null for a month not yet reported. */
  replaces?: number | null | undefined;
}

export async function reportIndicator(db: Db, actor: Actor, input: ReportIndicatorInput, today: string) {
  assertPermission(actor, 'plan.report');
  const found = planFor(actor, input.city);
  if (!found.plan) throw invalid('city', found.reason);
  const plan = found.plan;
  const indicator = plan.indicators.get(input.indicatorId);
  if (!indicator) throw invalid('indicatorId', `未知的指标 “${input.indicatorId}”;可用:${[...plan.indicators.keys()].slice(0, 6).join('、')}…(共 ${plan.indicators.size} 项,见 GET /api/v1/plan)`);
  const regionId = input.regionId ?? '';
  if (indicator.perRegion && !reportingRegions(plan.city).some((r) => r.id === regionId)) {
    throw invalid('regionId', `分地区指标须指定地区:${reportingRegions(plan.city).map((r) => r.id).join('、')}`);
  }
  if (!indicator.perRegion && regionId) throw invalid('regionId', '全市指标不分地区,请不要填写 regionId');
  authorize(actor, 'plan.report', { reporter: indicator.reporter, reporterName: departmentName(plan, indicator.reporter) ?? indicator.reporter, perRegion: indicator.perRegion, regionId: regionId || null });
  const value = parseFigure(indicator, input.value);
  const note = input.note?.trim() || null;
  const evidence = input.evidence ?? [];

  return db.transaction(async (tx) => {
    for (const [i, e] of evidence.entries()) {
      if (!(await findStoredFile(tx, e.sha256))) throw invalid(`evidence[${i}].sha256`, '证明材料须先上传(POST /api/v1/plan/evidence),再在报送时引用');
    }
    const key = { planId: plan.id, indicatorId: indicator.id, regionId, year: input.year, month: input.month };
    const current = await currentRevision(tx, key);
    const replaces = input.replaces ?? 0;
    if (replaces !== current) {
      throw conflict(current === 0 ? `${input.year}年${input.month}月尚未报送,请直接报送而不是更正`
        : `${input.year}年${input.month}月的当前数据已是第${current}版(他人已报送或更正);请刷新后基于当前版本再更正`, 'replaces');
    }
    if (current > 0 && !note) throw invalid('note', '更正已报数据须在说明中写明原因');
    // The neighbours in the same running series, as currently reported (this month's own figure excluded).
    const series = (await latestReports(tx, plan.id, plan.firstYear, plan.lastYear))
      .filter((r) => r.indicatorId === indicator.id && r.regionId === regionId && sameSeries(indicator, input.year, r) && !(r.year === input.year && r.month === input.month));
    const at = input.year * 12 + input.month;
    const before = series.filter((r) => r.year * 12 + r.month < at).sort((a, b) => b.year * 12 + b.month - (a.year * 12 + a.month))[0] ?? null;
    const after = series.filter((r) => r.year * 12 + r.month > at).sort((a, b) => a.year * 12 + a.month - (b.year * 12 + b.month))[0] ?? null;
    checkReport(plan, indicator, { year: input.year, month: input.month, value, note }, today, { previous: before, next: after });
    const row = await insertReport(tx, {
      ...key, revision: current + 1, value, note, evidence,
      departmentId: indicator.perRegion ? null : indicator.reporter,
      reportedBy: actor.userId, reportedByName: actor.displayName ?? actor.name, reportedOn: today,
      onBehalf: actor.role === 'city_admin',
    });
    if (!row) throw conflict(`${input.year}年${input.month}月刚刚被他人报送或更正,请刷新后再报`, 'replaces');
    await appendAudit(tx, actor, {
      action: current ? 'correct' : 'report', entity: 'plan_report', entityId: row.id,
      after: { indicatorId: indicator.id, regionId, year: input.year, month: input.month, revision: row.revision, value, note, onBehalfOf: actor.role === 'city_admin' ? indicator.reporter : undefined },
    });
    return { id: row.id, indicatorId: row.indicatorId, regionId: row.regionId, year: row.year, month: row.month, revision: row.revision, value: row.value, note: row.note, reportedOn: row.reportedOn, reportedByName: row.reportedByName, onBehalf: row.onBehalf, evidence: row.evidence };
  });
}
