import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assessmentWorkItems } from '../../db/schema/assessment.ts';
import type { Actor } from '../../domain/actor.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { presentWorkItem } from './set-work-item.ts';
import { recordConditions } from './record-conditions.ts';

/** The year's 五个一 items; an officer sees their own region's. */
export async function listWorkItems(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const where = recordConditions(actor, year, assessmentWorkItems, regionId);
  if (where === null) return [];
  const rows = await db.select().from(assessmentWorkItems).where(where).orderBy(asc(assessmentWorkItems.regionId), asc(assessmentWorkItems.item));
  return rows.map(presentWorkItem);
}
