// 公示 batches, their applications, the objection register and the holiday calendar.
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { applications, calendarDays, objections, publicityBatches, publicityItems } from '../schema/applications.ts';
import { enterprises } from '../schema/enterprises.ts';

export type BatchRow = typeof publicityBatches.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;

export async function insertBatch(tx: Executor, values: typeof publicityBatches.$inferInsert, applicationIds: string[]): Promise<BatchRow> {
  const [row] = await tx.insert(publicityBatches).values(values).returning();
  if (applicationIds.length) await tx.insert(publicityItems).values(applicationIds.map((applicationId) => ({ batchId: row!.id, applicationId })));
  return row!;
}

export const findBatch = async (db: Executor, id: string) => (await db.select().from(publicityBatches).where(eq(publicityBatches.id, id)))[0];

export const listBatches = (db: Executor, city?: string) =>
  db.select().from(publicityBatches).where(city ? eq(publicityBatches.city, city) : undefined).orderBy(desc(publicityBatches.startsOn), desc(publicityBatches.createdAt)).limit(200);

/** The batch's applications with their enterprise, for the notice. */
export const batchApplications = (db: Executor, batchId: string) =>
  db.select({ application: applications, enterpriseName: enterprises.name, uscc: enterprises.uscc })
    .from(publicityItems).innerJoin(applications, eq(applications.id, publicityItems.applicationId))
    .innerJoin(enterprises, eq(enterprises.id, applications.enterpriseId))
    .where(eq(publicityItems.batchId, batchId)).orderBy(asc(applications.regionId), asc(applications.number));

/** The batch an application is (or was last) published in. */
export async function batchOfApplication(db: Executor, applicationId: string): Promise<BatchRow | undefined> {
  const [row] = await db.select({ batch: publicityBatches }).from(publicityItems)
    .innerJoin(publicityBatches, eq(publicityBatches.id, publicityItems.batchId))
    .where(eq(publicityItems.applicationId, applicationId)).orderBy(desc(publicityBatches.startsOn)).limit(1);
  return row?.batch;
}

/**
 * Closes the batches whose period ended before `today`: one conditional UPDATE, so when several
 * instances run the job at once each batch is closed (and its applications moved on) exactly once.
 */
export async function closeDueBatches(tx: Executor, today: string, now: Date): Promise<BatchRow[]> {
  return tx.update(publicityBatches).set({ status: 'closed', closedAt: now })
    .where(and(eq(publicityBatches.status, 'open'), lt(publicityBatches.endsOn, today))).returning();
}

export async function insertObjection(tx: Executor, values: typeof objections.$inferInsert): Promise<ObjectionRow> {
  return (await tx.insert(objections).values(values).returning())[0]!;
}

export const objectionsOf = (db: Executor, applicationId: string) =>
  db.select().from(objections).where(eq(objections.applicationId, applicationId)).orderBy(asc(objections.receivedOn));

export const objectionsOfBatch = (db: Executor, batchId: string) =>
  db.select().from(objections).where(eq(objections.batchId, batchId)).orderBy(asc(objections.receivedOn));

export async function openObjectionCount(db: Executor, applicationId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(objections)
    .where(and(eq(objections.applicationId, applicationId), eq(objections.status, 'open')));
  return row?.n ?? 0;
}

/** Decides an open objection once: a second decision gets no row back. */
export async function resolveObjection(tx: Executor, id: string, status: 'upheld' | 'dismissed', resolution: string, by: string, now: Date): Promise<ObjectionRow | undefined> {
  const [row] = await tx.update(objections).set({ status, resolution, resolvedBy: by, resolvedAt: now })
    .where(and(eq(objections.id, id), eq(objections.status, 'open'))).returning();
  return row;
}

export const findObjection = async (db: Executor, id: string) => (await db.select().from(objections).where(eq(objections.id, id)))[0];

// ---- the holiday calendar ----

export async function calendarMap(db: Executor): Promise<Map<string, 'holiday' | 'workday'>> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.day, r.kind as 'holiday' | 'workday']));
}

export const listCalendar = (db: Executor, year?: number) =>
  db.select().from(calendarDays).where(year ? sql`extract(year from ${calendarDays.day}) = ${year}` : undefined).orderBy(asc(calendarDays.day));

/** Replaces a year's special days with `days` (all or nothing). */
export async function replaceCalendarYear(tx: Executor, year: number, days: { day: string; kind: string; note: string }[]): Promise<void> {
  await tx.delete(calendarDays).where(sql`extract(year from ${calendarDays.day}) = ${year}`);
  if (days.length) await tx.insert(calendarDays).values(days);
}

export const applicationsByIds = (db: Executor, ids: string[]) =>
  ids.length ? db.select().from(applications).where(inArray(applications.id, ids)) : Promise.resolve([]);
