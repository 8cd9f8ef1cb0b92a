// 季度督查通报 from the database: the year-so-far scoring, tracking table, forecast, lagging regions
// and what each must do. An officer receives their own region's part only.
import { type Executor, readAll } from '../../db/client.ts';
import { loadAssessmentInput, loadMonthlyProgress } from '../../db/repositories/assessment-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import type { ForecastMethod, QuarterlyBulletin } from '../../domain/scoring/index.ts';
import { buildMonthlyTracking, buildQuarterlyBulletin } from '../../domain/scoring/index.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { canRead, readableRegion, requireTargets, assertAssessedReader } from './assessment-scope.ts';
import { scopeAssessment } from './score-year.ts';
import { effectiveSettings } from './scoring-settings.ts';
import { cachedReport, regionScopeKey } from '../report-cache.ts';

export async function quarterlyBulletin(db: Executor, actor: Actor, year: number, quarter: number, method: ForecastMethod = 'run-rate'): Promise<QuarterlyBulletin> {
  assertPermission(actor, 'assessment.read');
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw invalid('quarter', `季度须为1–4,收到 ${String(quarter)}`);
  const key = `bulletin|${year}|${quarter}|${method}|${regionScopeKey(actor)}`;
  return cachedReport(db, ['assessment'], key, () => computeBulletin(db, actor, year, quarter, method), actor);
}

async function computeBulletin(db: Executor, actor: Actor, year: number, quarter: number, method: ForecastMethod): Promise<QuarterlyBulletin> {
  const targets = await requireTargets(db, year);
  assertAssessedReader(actor, targets);
  const month = quarter * 3;
  const [history, records] = await readAll(db, [() => loadMonthlyProgress(db, targets, month), () => loadAssessmentInput(db, targets, month, { allowMissingCoverage: true })]);
  const settings = await effectiveSettings(db, year);
  // Scores are rank-based, so the bulletin is always computed over every region, then cut down.
  const b = buildQuarterlyBulletin({ year, quarter, targets, history, records: records.regions }, settings, method);
  if (readableRegion(actor) === null) return b;
  const mine = (r: { regionId: string }) => canRead(actor, r.regionId);
  const regionNames = targets.regions.filter(mine).map((r) => r.regionName).join('、');
  return {
    ...b,
    // The city's bulletin cut to the reader's regions: say so, rather than a 全市 title over one region.
    title: `${b.title}(${regionNames}部分)`,
    assessment: scopeAssessment(actor, b.assessment),
    tracking: buildMonthlyTracking({ ...targets, regions: targets.regions.filter(mine) }, history.filter(mine), month, settings, method, `${regionNames}合计`),
    findings: b.findings.filter(mine),
    lagging: b.lagging.filter(mine),
    summary: b.findings.filter(mine).map((f) => `${f.regionName}暂列第${f.rank}名${f.reasons.length ? `,滞后事项${f.reasons.length}项` : ''}。`).join(''),
  };
}
