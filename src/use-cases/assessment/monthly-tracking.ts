// 月度跟踪调度表 from the records (cumulative per month by counted_on date), with the forecast.
import type { Executor } from '../../db/client.ts';
import { loadMonthlyProgress } from '../../db/repositories/assessment-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import type { ForecastMethod, MonthlyTracking } from '../../domain/scoring/index.ts';
import { buildMonthlyTracking } from '../../domain/scoring/index.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { canRead, readableRegion, requireTargets, assertAssessedReader } from './assessment-scope.ts';
import { effectiveSettings } from './scoring-settings.ts';
import { cachedReport, regionScopeKey } from '../report-cache.ts';

export function checkMonth(month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid('month', `月份须为1–12的整数,收到 ${String(month)}`);
  return month;
}

export async function monthlyTracking(db: Executor, actor: Actor, year: number, month: number, method: ForecastMethod = 'run-rate'): Promise<MonthlyTracking> {
  assertPermission(actor, 'assessment.read');
  const key = `tracking|${year}|${month}|${method}|${regionScopeKey(actor)}`;
  return cachedReport(db, ['assessment'], key, () => computeTracking(db, actor, year, month, method), actor);
}

async function computeTracking(db: Executor, actor: Actor, year: number, month: number, method: ForecastMethod): Promise<MonthlyTracking> {
  const targets = await requireTargets(db, year);
  assertAssessedReader(actor, targets);
  const history = await loadMonthlyProgress(db, targets, checkMonth(month));
  // Each row depends only on its own region, so an officer's table is built from their region
  // alone (and its total is theirs, not the city's).
  const visible = readableRegion(actor) === null ? targets : { ...targets, regions: targets.regions.filter((r) => canRead(actor, r.regionId)) };
  const totalName = visible === targets ? '全市合计' : `${visible.regions.map((r) => r.regionName).join('、')}合计`;
  return buildMonthlyTracking(visible, history.filter((h) => canRead(actor, h.regionId)), month, await effectiveSettings(db, year), method, totalName);
}
