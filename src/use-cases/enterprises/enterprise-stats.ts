// Dashboard figures over the enterprises the actor may see (the same data scope as the list).
import { type Executor, readAll } from '../../db/client.ts';
import { scopeCondition } from '../../db/repositories/enterprise-repository.ts';
import { certificationCounts, certifiedEnterpriseCount, chainCounts, enterpriseCountsByRegion } from '../../db/repositories/enterprise-stats-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import { cachedReport } from '../report-cache.ts';

export async function enterpriseStats(db: Executor, actor: Actor) {
  assertPermission(actor, 'enterprises.read');
  const scope = dataScope(actor);
  // Computed once per version of the enterprise file (report-cache.ts) and per data scope.
  return cachedReport(db, ['enterprises'], `enterprise-stats|${JSON.stringify(scope)}`, () => computeStats(db, scope), actor);
}

async function computeStats(db: Executor, scope: ReturnType<typeof dataScope>) {
  const where = scopeCondition(scope);
  const [regions, certifications, certified, chains] = await readAll(db, [
    () => enterpriseCountsByRegion(db, where), () => certificationCounts(db, where), () => certifiedEnterpriseCount(db, where), () => chainCounts(db, where),
  ]);
  const total = regions.reduce((s, r) => s + r.total, 0);
  const aboveScale = regions.reduce((s, r) => s + r.aboveScale, 0);
  return { total, aboveScale, belowScale: total - aboveScale, certified, regions, certifications, chains };
}
