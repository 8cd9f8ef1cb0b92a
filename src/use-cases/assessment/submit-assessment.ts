// 核查程序: 市工信局 submits the year's scored result for 审定. The result is fixed as a snapshot with
// its hash, and the year's records freeze until 考核办 approves or returns it.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockSignOff, updateSignOff } from '../../db/repositories/sign-off-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { signOffTransition } from '../../domain/workflow/sign-off-chain.ts';
import type { Actor } from '../../domain/actor.ts';
import { checkYear } from './assessment-scope.ts';
import { fingerprint, presentSignOff, signOffStatus } from './sign-off-state.ts';

export async function submitAssessment(db: Db, actor: Actor, year: number, now = new Date()) {
  assertPermission(actor, 'assessment.submit');
  checkYear(year);
  return db.transaction(async (tx) => {
    // The update lock waits for the year's running writers and keeps new ones out until commit,
    // so the snapshot below is exactly what the records say.
    const before = await lockSignOff(tx, year);
    signOffTransition(signOffStatus(before), before.submittedBy, { type: 'submit' }, actor, year);
    const { snapshot, hash } = await fingerprint(tx, actor, year);
    const row = await updateSignOff(tx, year, {
      status: 'submitted', snapshot, snapshotHash: hash, submittedBy: actor.userId, submittedByName: actor.displayName ?? actor.name,
      submittedAt: now, decidedBy: null, decidedByName: null, decidedAt: null, returnReason: null,
    });
    await appendAudit(tx, actor, {
      action: 'submit', entity: 'assessment_sign_off', entityId: String(year),
      before: { status: before.status, snapshotHash: before.snapshotHash }, after: { status: 'submitted', snapshotHash: hash },
    });
    return presentSignOff(year, row, actor);
  });
}
