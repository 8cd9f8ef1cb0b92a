// 预测预警: projected year-end completion per region and category from the monthly records, with the
// regions heading below 50% or 100% of a target flagged.
import type { Executor } from '../../db/client.ts';
import { loadMonthlyProgress } from '../../db/repositories/assessment-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { CategoryForecast, ForecastMethod } from '../../domain/scoring/index.ts';
import { forecastYearEnd as forecast } from '../../domain/scoring/index.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { canRead, requireTargets, assertAssessedReader } from './assessment-scope.ts';
import { checkMonth } from './monthly-tracking.ts';
import { effectiveSettings } from './scoring-settings.ts';
import { cachedReport, regionScopeKey } from '../report-cache.ts';

export async function forecastYearEnd(db: Executor, actor: Actor, year: number, month: number, method: ForecastMethod = 'run-rate'): Promise<CategoryForecast[]> {
  assertPermission(actor, 'assessment.read');
  const key = `forecast|${year}|${month}|${method}|${regionScopeKey(actor)}`;
  return cachedReport(db, ['assessment'], key, () => computeForecast(db, actor, year, month, method), actor);
}

async function computeForecast(db: Executor, actor: Actor, year: number, month: number, method: ForecastMethod): Promise<CategoryForecast[]> {
  const targets = await requireTargets(db, year);
  assertAssessedReader(actor, targets);
  const history = await loadMonthlyProgress(db, targets, checkMonth(month));
  return forecast(targets, history, month, await effectiveSettings(db, year), method).filter((f) => canRead(actor, f.regionId));
}
