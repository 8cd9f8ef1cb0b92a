// 核查程序: 考核办 (the finance/assessment role) approves (审定) the submitted result, or returns it
// with a reason so the city can correct and resubmit. Approval re-scores the year and refuses if
// the result no longer matches the submitted snapshot.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assessmentSignOffs } from '../../db/schema/assessment-sign-off.ts';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { checkYear } from './assessment-scope.ts';
import { fingerprint, lockSignOff, presentSignOff } from './sign-off-state.ts';

async function lockSubmitted(tx: Parameters<Parameters<Db['transaction']>[0]>[0], year: number) {
  const row = await lockSignOff(tx, year);
  if (!row || row.status !== 'submitted') {
    const state = !row ? '尚未提交' : row.status === 'approved' ? '已经审定' : '已退回,尚未重新提交';
    throw conflict(`${year}年度考核结果${state},没有待审定的结果`, 'year');
  }
  return row;
}

export async function approveAssessment(db: Db, actor: Actor, year: number) {
  assertPermission(actor, 'assessment.approve');
  checkYear(year);
  return db.transaction(async (tx) => {
    const row = await lockSubmitted(tx, year);
    const { hash } = await fingerprint(tx, actor, year);
    if (hash !== row.snapshotHash) {
      throw conflict(`${year}年度的记录在提交后发生了变化,与提交的评分结果不一致:请退回,由市工信局重新提交`, 'year');
    }
    const [after] = await tx.update(assessmentSignOffs)
      .set({ status: 'approved', decidedBy: actor.userId, decidedByName: actor.name, decidedAt: new Date() })
      .where(eq(assessmentSignOffs.year, year)).returning();
    await appendAudit(tx, actor, { action: 'approve', entity: 'assessment_sign_off', entityId: String(year), before: { status: 'submitted' }, after: { status: 'approved', snapshotHash: hash } });
    return presentSignOff(year, after);
  });
}

export async function returnAssessment(db: Db, actor: Actor, year: number, reason: string) {
  assertPermission(actor, 'assessment.approve');
  checkYear(year);
  const text = reason.trim();
  if (text.length < 2 || text.length > 500) throw invalid('reason', '退回理由须为2–500字,写明需要更正的内容');
  return db.transaction(async (tx) => {
    await lockSubmitted(tx, year);
    const [after] = await tx.update(assessmentSignOffs)
      .set({ status: 'returned', decidedBy: actor.userId, decidedByName: actor.name, decidedAt: new Date(), returnReason: text })
      .where(eq(assessmentSignOffs.year, year)).returning();
    await appendAudit(tx, actor, { action: 'return', entity: 'assessment_sign_off', entityId: String(year), before: { status: 'submitted' }, after: { status: 'returned', reason: text } });
    return presentSignOff(year, after);
  });
}
