import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../domain/actor.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { canRead, requireTargets, assertAssessedReader } from './assessment-scope.ts';

/** The year's target table; an officer sees their own region's row. */
export async function getTargets(db: Executor, actor: Actor, year: number) {
  assertPermission(actor, 'assessment.read');
  const t = await requireTargets(db, year);
  assertAssessedReader(actor, t);
  return {
    year: t.year,
    source: t.source,
    reference: t.reference ?? null,
    regions: t.regions.filter((r) => canRead(actor, r.regionId)).map((r) => ({ ...r, coveragePercent: r.coverageBasisPoints / 100 })),
  };
}
