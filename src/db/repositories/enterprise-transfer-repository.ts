// Requests to move an enterprise file to another region. A request is decided once: the decision is
// one conditional UPDATE on its status, so two administrators pressing at once cannot both act.
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { enterprises, enterpriseTransfers } from '../schema/enterprises.ts';

export type TransferRow = typeof enterpriseTransfers.$inferSelect;

/** Inserts unless the enterprise already has an open request (a unique partial index decides). */
export async function insertTransfer(db: Executor, values: typeof enterpriseTransfers.$inferInsert): Promise<TransferRow | undefined> {
  const [row] = await db.insert(enterpriseTransfers).values(values).onConflictDoNothing().returning();
  return row;
}

export const findTransfer = async (db: Executor, id: string) =>
  (await db.select().from(enterpriseTransfers).where(eq(enterpriseTransfers.id, id)))[0];

export async function decideTransfer(
  tx: Executor, id: string, status: 'approved' | 'rejected', by: { userId: string | null; name: string }, note: string | null, now: Date,
): Promise<TransferRow | undefined> {
  const [row] = await tx.update(enterpriseTransfers)
    .set({ status, decidedBy: by.userId, decidedByName: by.name, decidedAt: now, decisionNote: note })
    .where(and(eq(enterpriseTransfers.id, id), eq(enterpriseTransfers.status, 'pending')))
    .returning();
  return row;
}

/** Requests with the enterprise's name and USCC; `regionId` limits them to those into or out of a region. */
export async function listTransfers(db: Executor, filter: { regionId: string | null; status?: string | undefined }) {
  const conds: (SQL | undefined)[] = [];
  if (filter.regionId) conds.push(or(eq(enterpriseTransfers.toRegionId, filter.regionId), eq(enterpriseTransfers.fromRegionId, filter.regionId)));
  if (filter.status) conds.push(eq(enterpriseTransfers.status, filter.status));
  return db.select({ transfer: enterpriseTransfers, enterpriseName: enterprises.name, uscc: enterprises.uscc, currentRegionId: enterprises.regionId })
    .from(enterpriseTransfers).innerJoin(enterprises, eq(enterprises.id, enterpriseTransfers.enterpriseId))
    .where(and(...conds)).orderBy(desc(enterpriseTransfers.requestedAt)).limit(500);
}

/** Moves the file to its new region; its version is bumped so an open edit form of it conflicts. */
export async function moveEnterprise(tx: Executor, enterpriseId: string, regionId: string, now: Date) {
  await tx.update(enterprises).set({ regionId, version: sql`${enterprises.version} + 1`, updatedAt: now }).where(eq(enterprises.id, enterpriseId));
}
