import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assessmentEvents } from '../../db/schema/assessment.ts';
import type { Actor } from '../../domain/actor.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { presentEvent } from './record-event.ts';
import { recordConditions } from './record-conditions.ts';

/** The year's 加分/减分 events; an officer sees their own region's. */
export async function listEvents(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const where = recordConditions(actor, year, assessmentEvents, regionId);
  if (where === null) return [];
  const rows = await db.select().from(assessmentEvents).where(where).orderBy(asc(assessmentEvents.date), asc(assessmentEvents.id));
  return rows.map(presentEvent);
}
