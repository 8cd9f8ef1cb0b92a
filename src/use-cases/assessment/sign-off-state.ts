// Reading the year's 核查程序 state and fingerprinting a result: shared by submit, approve and return.
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { findSignOff, type SignOffRow } from '../../db/repositories/sign-off-repository.ts';
import { assertPermission, canReadRegion } from '../../domain/access/index.ts';
import type { SignOffStatus } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { canonicalJson } from '../../domain/audit/hash-chain.ts';
import { presentAssessment } from '../../reports/assessment/presenters.ts';
import { checkYear } from './assessment-scope.ts';
import { scoreYear } from './score-year.ts';

export type { SignOffRow };

/** The annual result as the city sees it, and the SHA-256 of its canonical JSON. */
export async function fingerprint(db: Executor, actor: Actor, year: number) {
  const result = presentAssessment(await scoreYear(db, actor, year));
  const snapshot = JSON.parse(JSON.stringify(result)) as typeof result;
  return { snapshot, hash: createHash('sha256').update(canonicalJson(snapshot)).digest('hex') };
}

export const signOffStatus = (row: SignOffRow | undefined): SignOffStatus => (row?.status ?? 'open') as SignOffStatus;

/**
 * The state as `viewer` may see it: the ranking of the submitted snapshot is cut to the regions the
 * viewer reads (an officer sees their own row only, a region outside the assessment nothing).
 */
export function presentSignOff(year: number, row: SignOffRow | undefined, viewer: Actor) {
  const snapshot = row?.snapshot as ReturnType<typeof presentAssessment> | null | undefined;
  const status = signOffStatus(row);
  const ranking = snapshot?.ranking?.filter((r) => canReadRegion(viewer, String((r as { regionId?: unknown }).regionId))) ?? null;
  return {
    year,
    status,
    statusName: { open: '评分中', submitted: '已提交审定', approved: '已审定', returned: '已退回' }[status],
    snapshotHash: row?.snapshotHash ?? null,
    submittedBy: row?.submittedByName ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    decidedBy: row?.decidedByName ?? null,
    decidedAt: row?.decidedAt?.toISOString() ?? null,
    returnReason: row?.returnReason ?? null,
    ranking,
  };
}
export type SignOffView = ReturnType<typeof presentSignOff>;

export async function getSignOff(db: Executor, actor: Actor, year: number): Promise<SignOffView> {
  assertPermission(actor, 'assessment.read');
  checkYear(year);
  return presentSignOff(year, await findSignOff(db, year), actor);
}
