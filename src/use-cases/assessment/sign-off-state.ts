// Reading the year's 核查程序 state and fingerprinting a result: shared by submit, approve and return.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assessmentSignOffs } from '../../db/schema/assessment-sign-off.ts';
import type { Actor } from '../../domain/actor.ts';
import { canonicalJson } from '../../domain/audit/hash-chain.ts';
import { presentAssessment } from '../../reports/assessment/presenters.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { checkYear } from './assessment-scope.ts';
import { scoreYear } from './score-year.ts';

export type SignOffRow = typeof assessmentSignOffs.$inferSelect;

export async function lockSignOff(tx: Executor, year: number): Promise<SignOffRow | undefined> {
  const [row] = await tx.select().from(assessmentSignOffs).where(eq(assessmentSignOffs.year, year)).for('update');
  return row;
}

/** The annual result as the city sees it, and the SHA-256 of its canonical JSON. */
export async function fingerprint(db: Executor, actor: Actor, year: number) {
  const result = presentAssessment(await scoreYear(db, actor, year));
  const snapshot = JSON.parse(JSON.stringify(result)) as typeof result;
  return { snapshot, hash: createHash('sha256').update(canonicalJson(snapshot)).digest('hex') };
}

export function presentSignOff(year: number, row: SignOffRow | undefined) {
  const snapshot = row?.snapshot as ReturnType<typeof presentAssessment> | null | undefined;
  return {
    year,
    status: (row?.status ?? 'open') as 'open' | 'submitted' | 'approved' | 'returned',
    statusName: { open: '评分中', submitted: '已提交审定', approved: '已审定', returned: '已退回' }[row?.status ?? 'open']!,
    snapshotHash: row?.snapshotHash ?? null,
    submittedBy: row?.submittedByName ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    decidedBy: row?.decidedByName ?? null,
    decidedAt: row?.decidedAt?.toISOString() ?? null,
    returnReason: row?.returnReason ?? null,
    ranking: snapshot?.ranking ?? null,
  };
}
export type SignOffView = ReturnType<typeof presentSignOff>;

export async function getSignOff(db: Executor, actor: Actor, year: number): Promise<SignOffView> {
  assertPermission(actor, 'assessment.read');
  checkYear(year);
  const [row] = await db.select().from(assessmentSignOffs).where(eq(assessmentSignOffs.year, year));
  return presentSignOff(year, row);
}
