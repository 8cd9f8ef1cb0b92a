// The annual assessment (or the year so far) from the database: targets, records and events are
// assembled into the pure engine's input and scored under the year's readings. An officer gets
// their own region's explained sheet (with its rank); the city gets every sheet and the ranking.
import type { Executor } from '../../db/client.ts';
import { loadAssessmentInput } from '../../db/repositories/assessment-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { AssessmentResult, ScoringSettings } from '../../domain/scoring/index.ts';
import { scoreDistricts } from '../../domain/scoring/index.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { canRead, requireTargets, assertAssessedReader } from './assessment-scope.ts';
import { effectiveSettings } from './scoring-settings.ts';
import { cachedReport, regionScopeKey } from '../report-cache.ts';
import { presentAssessment } from '../../reports/assessment/presenters.ts';

export interface ScoreYearOptions {
  /** Score the year so far, as of the end of this quarter (activities checked for ended quarters). */
  throughQuarter?: number;
}

/**
 * Computed once per data version and reader scope (report-cache.ts); a what-if `settings` is
 * scored afresh each time.
 */
export async function scoreYear(db: Executor, actor: Actor, year: number, settings?: ScoringSettings, options: ScoreYearOptions = {}): Promise<AssessmentResult> {
  assertPermission(actor, 'assessment.read');
  if (settings) return computeScores(db, actor, year, settings, options);
  const key = `scores|${year}|${options.throughQuarter ?? 4}|${regionScopeKey(actor)}`;
  return cachedReport(db, ['assessment'], key, () => computeScores(db, actor, year, undefined, options), actor);
}

/**
 * The score sheet as the API sends it, serialised once per data version and reader scope: a cached
 * read then costs the version query and a buffer, not a presenter run and a response check over
 * every region's explained sheet, nor the UTF-8 encoding of its 44 kB on every send (the route
 * sends the bytes as they are).
 */
export async function scoreSheetJson(db: Executor, actor: Actor, year: number, options: ScoreYearOptions = {}): Promise<Buffer> {
  assertPermission(actor, 'assessment.read');
  const key = `scores-json|${year}|${options.throughQuarter ?? 4}|${regionScopeKey(actor)}`;
  return cachedReport(db, ['assessment'], key, async () => Buffer.from(JSON.stringify(presentAssessment(await computeScores(db, actor, year, undefined, options)))), actor);
}

async function computeScores(db: Executor, actor: Actor, year: number, settings: ScoringSettings | undefined, options: ScoreYearOptions): Promise<AssessmentResult> {
  const targets = await requireTargets(db, year);
  assertAssessedReader(actor, targets);
  const throughQuarter = options.throughQuarter ?? 4;
  // The year so far may lack a coverage summary (scored 0%); the annual assessment may not.
  const provisional = throughQuarter < 4;
  const input = await loadAssessmentInput(db, targets, throughQuarter * 3, { allowMissingCoverage: provisional });
  const result = scoreDistricts(input, { settings: await effectiveSettings(db, year, settings), throughQuarter, allowMissingCoverage: provisional });
  return scopeAssessment(actor, result);
}

export function scopeAssessment(actor: Actor, result: AssessmentResult): AssessmentResult {
  return { ...result, sheets: result.sheets.filter((s) => canRead(actor, s.regionId)) };
}
