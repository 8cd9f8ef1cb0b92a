import type { Executor } from '../../db/client.ts';
import { listActivityRows } from '../../db/repositories/assessment-records-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentActivity } from './record-activity.ts';
import { recordFilter } from './record-filter.ts';

/** The year's 推进活动 records; an officer sees their own region's. */
export async function listActivities(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const f = recordFilter(actor, year, { regionId });
  return f ? (await listActivityRows(db, f)).map(presentActivity) : [];
}
