import type { Executor } from '../../db/client.ts';
import { listWorkItemRows } from '../../db/repositories/assessment-records-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentWorkItem } from './set-work-item.ts';
import { recordFilter } from './record-filter.ts';

/** The year's 五个一 items; an officer sees their own region's. */
export async function listWorkItems(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const f = recordFilter(actor, year, { regionId });
  return f ? (await listWorkItemRows(db, f)).map(presentWorkItem) : [];
}
