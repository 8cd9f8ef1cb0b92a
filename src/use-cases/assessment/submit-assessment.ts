// 核查程序: 市工信局 submits the year's scored result for 审定. The result is fixed as a snapshot with
// its hash, and the year's records freeze until 考核办 approves or returns it.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assessmentSignOffs } from '../../db/schema/assessment-sign-off.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict } from '../../domain/errors.ts';
import { assertPermission } from '../../server/access/rules.ts';
import { checkYear } from './assessment-scope.ts';
import { fingerprint, lockSignOff, presentSignOff } from './sign-off-state.ts';

export async function submitAssessment(db: Db, actor: Actor, year: number) {
  assertPermission(actor, 'assessment.submit');
  checkYear(year);
  return db.transaction(async (tx) => {
    const before = await lockSignOff(tx, year);
    if (before && before.status !== 'returned') {
      throw conflict(`${year}年度考核结果${before.status === 'approved' ? '已经审定' : '已提交,等待审定'},不能重复提交`, 'year');
    }
    const { snapshot, hash } = await fingerprint(tx, actor, year);
    const values = {
      year, status: 'submitted', snapshot, snapshotHash: hash, submittedBy: actor.userId, submittedByName: actor.name,
      submittedAt: new Date(), decidedBy: null, decidedByName: null, decidedAt: null, returnReason: null,
    };
    const [row] = await tx.insert(assessmentSignOffs).values(values)
      .onConflictDoUpdate({ target: assessmentSignOffs.year, set: values }).returning();
    await appendAudit(tx, actor, { action: 'submit', entity: 'assessment_sign_off', entityId: String(year), before: before ? presentSignOff(year, before) : null, after: { status: 'submitted', snapshotHash: hash } });
    return presentSignOff(year, row);
  });
}
