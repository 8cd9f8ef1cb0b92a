// The readings a year is scored under (ScoringSettings overrides, see
// src/domain/scoring/settings.ts): the city may change a reading for a year without a code change.
import type { Db, Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { loadStoredSettings } from '../../db/repositories/assessment-repository.ts';
import { upsertSettings } from '../../db/repositories/assessment-records-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { ScoringSettings } from '../../domain/scoring/index.ts';
import { appliedReadings, resolveSettings } from '../../domain/scoring/index.ts';
import { presentSettings } from '../../reports/assessment/presenters.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { checkYear } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

/** The year's settings: stored overrides on the defaults; `override` (a what-if) on top when given. */
export async function effectiveSettings(db: Executor, year: number, override?: ScoringSettings): Promise<ScoringSettings> {
  return override ?? resolveSettings(await loadStoredSettings(db, year));
}

export async function getScoringSettings(db: Executor, actor: Actor, year: number) {
  assertPermission(actor, 'assessment.read');
  const overrides = await loadStoredSettings(db, checkYear(year));
  const settings = resolveSettings(overrides);
  return { year, overrides, settings: presentSettings(settings), readings: appliedReadings(settings) };
}

export async function setScoringSettings(db: Db, actor: Actor, year: number, raw: unknown) {
  assertPermission(actor, 'assessment.targets');
  checkYear(year);
  const settings = resolveSettings(raw); // refuses unknown keys and bad amounts, naming the field
  await db.transaction(async (tx) => {
    await assertYearOpen(tx, year);
    const before = await loadStoredSettings(tx, year);
    await upsertSettings(tx, year, raw as object, new Date());
    await appendAudit(tx, actor, { action: 'update', entity: 'assessment_settings', entityId: String(year), before, after: raw });
  });
  return { year, overrides: raw, settings: presentSettings(settings), readings: appliedReadings(settings) };
}
