import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assessmentActivities } from '../../db/schema/assessment.ts';
import type { Actor } from '../../domain/actor.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { presentActivity } from './record-activity.ts';
import { recordConditions } from './record-conditions.ts';

/** The year's 推进活动 records; an officer sees their own region's. */
export async function listActivities(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const where = recordConditions(actor, year, assessmentActivities, regionId);
  if (where === null) return [];
  const rows = await db.select().from(assessmentActivities).where(where).orderBy(asc(assessmentActivities.date), asc(assessmentActivities.id));
  return rows.map(presentActivity);
}
