// The year's 核查程序 row. It is created (status 'open') by the year's first write, so that every
// writer takes a share lock on a row that exists and a submission an update lock on the same row:
// the two cannot interleave, even for the year's first submission.
import { eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { assessmentSignOffs } from '../schema/assessment-sign-off.ts';

export type SignOffRow = typeof assessmentSignOffs.$inferSelect;

async function ensureRow(tx: Executor, year: number): Promise<void> {
  await tx.insert(assessmentSignOffs).values({ year, status: 'open' }).onConflictDoNothing({ target: assessmentSignOffs.year });
}

/** For writers of the year: waits for a running submission, then holds it off until commit. */
export async function shareLockSignOff(tx: Executor, year: number): Promise<SignOffRow> {
  await ensureRow(tx, year);
  const [row] = await tx.select().from(assessmentSignOffs).where(eq(assessmentSignOffs.year, year)).for('share');
  return row!;
}

/** For submitting and deciding: waits for running writers, then holds them off until commit. */
export async function lockSignOff(tx: Executor, year: number): Promise<SignOffRow> {
  await ensureRow(tx, year);
  const [row] = await tx.select().from(assessmentSignOffs).where(eq(assessmentSignOffs.year, year)).for('update');
  return row!;
}

export const findSignOff = async (db: Executor, year: number): Promise<SignOffRow | undefined> =>
  (await db.select().from(assessmentSignOffs).where(eq(assessmentSignOffs.year, year)))[0];

export async function updateSignOff(tx: Executor, year: number, set: Partial<Omit<SignOffRow, 'year'>>): Promise<SignOffRow> {
  const [row] = await tx.update(assessmentSignOffs).set(set).where(eq(assessmentSignOffs.year, year)).returning();
  return row!;
}

