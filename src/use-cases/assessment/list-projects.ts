import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assessmentProjects } from '../../db/schema/assessment.ts';
import type { Actor } from '../../domain/actor.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { checkYear, readableRegion } from './assessment-scope.ts';
import { presentProject } from './record-project.ts';

/** The year's project records; an officer sees only their own region's. */
export async function listProjects(db: Executor, actor: Actor, year: number, filter: { regionId?: string | undefined; category?: string | undefined } = {}) {
  assertPermission(actor, 'assessment.read');
  const scope = readableRegion(actor);
  if (scope === 'none') return [];
  const conds: (SQL | undefined)[] = [eq(assessmentProjects.year, checkYear(year))];
  if (scope) conds.push(eq(assessmentProjects.regionId, scope));
  if (filter.regionId) conds.push(eq(assessmentProjects.regionId, filter.regionId));
  if (filter.category) conds.push(eq(assessmentProjects.category, filter.category));
  const rows = await db.select().from(assessmentProjects).where(and(...conds)).orderBy(asc(assessmentProjects.regionId), asc(assessmentProjects.countedOn), asc(assessmentProjects.id));
  return rows.map(presentProject);
}
