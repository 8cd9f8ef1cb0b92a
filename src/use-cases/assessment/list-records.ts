// Lists a year's 五个一 items, activities or bonus/deduction events; an officer sees their own region.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { assessmentActivities, assessmentEvents, assessmentWorkItems } from '../../db/schema/assessment.ts';
import type { Actor } from '../../domain/actor.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { checkYear, readableRegion } from './assessment-scope.ts';
import { presentActivity } from './record-activity.ts';
import { presentEvent } from './record-event.ts';
import { presentWorkItem } from './set-work-item.ts';

function conditions(actor: Actor, year: number, table: { year: PgColumn; regionId: PgColumn }, regionId?: string) {
  const scope = readableRegion(actor);
  const conds: (SQL | undefined)[] = [eq(table.year, checkYear(year))];
  if (scope === 'none') return null;
  if (scope) conds.push(eq(table.regionId, scope));
  if (regionId) conds.push(eq(table.regionId, regionId));
  return and(...conds);
}

export async function listActivities(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const where = conditions(actor, year, assessmentActivities, regionId);
  if (!where) return [];
  const rows = await db.select().from(assessmentActivities).where(where).orderBy(asc(assessmentActivities.date), asc(assessmentActivities.id));
  return rows.map(presentActivity);
}

export async function listEvents(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const where = conditions(actor, year, assessmentEvents, regionId);
  if (!where) return [];
  const rows = await db.select().from(assessmentEvents).where(where).orderBy(asc(assessmentEvents.date), asc(assessmentEvents.id));
  return rows.map(presentEvent);
}

export async function listWorkItems(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const where = conditions(actor, year, assessmentWorkItems, regionId);
  if (!where) return [];
  const rows = await db.select().from(assessmentWorkItems).where(where).orderBy(asc(assessmentWorkItems.regionId), asc(assessmentWorkItems.item));
  return rows.map(presentWorkItem);
}
