import type { Executor } from '../../db/client.ts';
import { listProjectRows } from '../../db/repositories/assessment-records-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentProject } from './record-project.ts';
import { recordFilter } from './record-filter.ts';

/** The year's project records; an officer sees only their own region's. */
export async function listProjects(db: Executor, actor: Actor, year: number, filter: { regionId?: string | undefined; category?: string | undefined } = {}) {
  assertPermission(actor, 'assessment.read');
  const f = recordFilter(actor, year, filter);
  return f ? (await listProjectRows(db, f)).map(presentProject) : [];
}
