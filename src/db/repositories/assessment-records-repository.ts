// SQL of the assessment's records: projects, 五个一 items, activities, bonus/deduction events,
// coverage summaries and a year's scoring settings. Lists are filtered by year and region.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import {
  assessmentActivities, assessmentCoverage, assessmentEvents, assessmentProjects, assessmentSettings, assessmentWorkItems,
} from '../schema/assessment.ts';
import { findEnterpriseById } from './enterprise-repository.ts';

export type ProjectRow = typeof assessmentProjects.$inferSelect;
export type ActivityRow = typeof assessmentActivities.$inferSelect;
export type EventRow = typeof assessmentEvents.$inferSelect;
export type WorkItemRow = typeof assessmentWorkItems.$inferSelect;
export type CoverageRow = typeof assessmentCoverage.$inferSelect;

export type ProjectValues = typeof assessmentProjects.$inferInsert;
export type ActivityValues = typeof assessmentActivities.$inferInsert;
export type EventValues = typeof assessmentEvents.$inferInsert;
export type WorkItemValues = typeof assessmentWorkItems.$inferInsert;
export type CoverageValues = typeof assessmentCoverage.$inferInsert;

/** What a region's record list is limited to: the year, the reader's region (null: all), a chosen region. */
export interface RecordFilter {
  year: number;
  scopeRegionId: string | null;
  regionId?: string | undefined;
  category?: string | undefined;
}

function conditions(table: { year: PgColumn; regionId: PgColumn }, f: RecordFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(table.year, f.year)];
  if (f.scopeRegionId) conds.push(eq(table.regionId, f.scopeRegionId));
  if (f.regionId) conds.push(eq(table.regionId, f.regionId));
  return and(...conds);
}

export const listProjectRows = (db: Executor, f: RecordFilter) =>
  db.select().from(assessmentProjects)
    .where(and(conditions(assessmentProjects, f), f.category ? eq(assessmentProjects.category, f.category) : undefined))
    .orderBy(asc(assessmentProjects.regionId), asc(assessmentProjects.countedOn), asc(assessmentProjects.id));

export const listActivityRows = (db: Executor, f: RecordFilter) =>
  db.select().from(assessmentActivities).where(conditions(assessmentActivities, f)).orderBy(asc(assessmentActivities.date), asc(assessmentActivities.id));

export const listEventRows = (db: Executor, f: RecordFilter) =>
  db.select().from(assessmentEvents).where(conditions(assessmentEvents, f)).orderBy(asc(assessmentEvents.date), asc(assessmentEvents.id));

export const listWorkItemRows = (db: Executor, f: RecordFilter) =>
  db.select().from(assessmentWorkItems).where(conditions(assessmentWorkItems, f)).orderBy(asc(assessmentWorkItems.regionId), asc(assessmentWorkItems.item));

export const listCoverageRows = (db: Executor, f: RecordFilter) =>
  db.select().from(assessmentCoverage).where(conditions(assessmentCoverage, f)).orderBy(asc(assessmentCoverage.regionId), asc(assessmentCoverage.month));

export async function insertProject(db: Executor, values: ProjectValues): Promise<ProjectRow> {
  return (await db.insert(assessmentProjects).values(values).returning())[0]!;
}

export const insertProjects = (db: Executor, values: ProjectValues[]): Promise<ProjectRow[]> =>
  values.length ? db.insert(assessmentProjects).values(values).returning() : Promise.resolve([]);

export async function insertActivity(db: Executor, values: ActivityValues): Promise<ActivityRow> {
  return (await db.insert(assessmentActivities).values(values).returning())[0]!;
}

export async function insertEvent(db: Executor, values: EventValues): Promise<EventRow> {
  return (await db.insert(assessmentEvents).values(values).returning())[0]!;
}

export async function upsertWorkItem(db: Executor, values: WorkItemValues): Promise<WorkItemRow> {
  const [row] = await db.insert(assessmentWorkItems).values(values)
    .onConflictDoUpdate({ target: [assessmentWorkItems.year, assessmentWorkItems.regionId, assessmentWorkItems.item], set: values })
    .returning();
  return row!;
}

export async function upsertCoverage(db: Executor, values: CoverageValues): Promise<CoverageRow> {
  const [row] = await db.insert(assessmentCoverage).values(values)
    .onConflictDoUpdate({ target: [assessmentCoverage.year, assessmentCoverage.regionId, assessmentCoverage.month], set: values })
    .returning();
  return row!;
}

export async function upsertSettings(db: Executor, year: number, settings: object, now: Date): Promise<void> {
  await db.insert(assessmentSettings).values({ year, settings, updatedAt: now })
    .onConflictDoUpdate({ target: assessmentSettings.year, set: { settings, updatedAt: now } });
}

const RECORD_TABLES = { project: assessmentProjects, activity: assessmentActivities, event: assessmentEvents } as const;
export type RecordKind = keyof typeof RECORD_TABLES;
export type RecordRow = ProjectRow | ActivityRow | EventRow;

/** A record locked for withdrawal, so a concurrent withdrawal of it waits and then finds nothing. */
export async function lockRecord(tx: Executor, kind: RecordKind, id: string): Promise<RecordRow | undefined> {
  const table = RECORD_TABLES[kind];
  const [row] = await tx.select().from(table).where(eq(table.id, id)).for('update');
  return row;
}

export async function deleteRecordRow(tx: Executor, kind: RecordKind, id: string): Promise<void> {
  const table = RECORD_TABLES[kind];
  await tx.delete(table).where(eq(table.id, id));
}

export { findEnterpriseById };

/** The project a paid subsidy counts as (指标说明 1); at most one per application. */
export async function insertProjectFromApplication(tx: Executor, values: ProjectValues & { applicationId: string }): Promise<ProjectRow | undefined> {
  const [row] = await tx.insert(assessmentProjects).values(values).onConflictDoNothing().returning();
  return row;
}

export async function deleteProjectOfApplication(tx: Executor, applicationId: string): Promise<ProjectRow | undefined> {
  const [row] = await tx.delete(assessmentProjects).where(eq(assessmentProjects.applicationId, applicationId)).returning();
  return row;
}

/** Projects of a category counted for a region in a year. */
export async function countProjects(db: Executor, year: number, regionId: string, category: string): Promise<number> {
  const rows = await db.select({ id: assessmentProjects.id }).from(assessmentProjects)
    .where(and(eq(assessmentProjects.year, year), eq(assessmentProjects.regionId, regionId), eq(assessmentProjects.category, category)));
  return rows.length;
}
