// 核查程序: 考核办 (the finance/assessment role) approves (审定) the submitted result, or returns it
// with a reason so the city can correct and resubmit. Approval re-scores the year and refuses if
// the result no longer matches the submitted snapshot.
import type { Db, Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockSignOff, updateSignOff } from '../../db/repositories/sign-off-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { signOffTransition } from '../../domain/workflow/sign-off-chain.ts';
import type { WorkflowEvent } from '../../domain/workflow/kernel.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { checkYear } from './assessment-scope.ts';
import { fingerprint, presentSignOff, signOffStatus } from './sign-off-state.ts';

async function lockSubmitted(tx: Executor, actor: Actor, year: number, event: WorkflowEvent) {
  const row = await lockSignOff(tx, year);
  signOffTransition(signOffStatus(row), row.submittedBy, event, actor, year);
  return row;
}

export async function approveAssessment(db: Db, actor: Actor, year: number, now = new Date()) {
  assertPermission(actor, 'assessment.approve');
  checkYear(year);
  return db.transaction(async (tx) => {
    const row = await lockSubmitted(tx, actor, year, { type: 'approve' });
    // 考核办 reads every region, so this is the same whole-city result the city submitted.
    const { hash } = await fingerprint(tx, actor, year);
    if (hash !== row.snapshotHash) {
      throw conflict(`${year}年度的记录在提交后发生了变化,与提交的评分结果不一致:请退回,由市工信局重新提交`, 'year');
    }
    const after = await updateSignOff(tx, year, { status: 'approved', decidedBy: actor.userId, decidedByName: actor.displayName ?? actor.name, decidedAt: now });
    await appendAudit(tx, actor, { action: 'approve', entity: 'assessment_sign_off', entityId: String(year), before: { status: 'submitted' }, after: { status: 'approved', snapshotHash: hash } });
    return presentSignOff(year, after, actor);
  });
}

export async function returnAssessment(db: Db, actor: Actor, year: number, reason: string, now = new Date()) {
  assertPermission(actor, 'assessment.approve');
  checkYear(year);
  const text = reason.trim();
  if (text.length < 2 || text.length > 500) throw invalid('reason', '退回理由须为2–500字,写明需要更正的内容');
  return db.transaction(async (tx) => {
    await lockSubmitted(tx, actor, year, { type: 'return', target: { to: 'applicant' }, reason: text });
    const after = await updateSignOff(tx, year, { status: 'returned', decidedBy: actor.userId, decidedByName: actor.displayName ?? actor.name, decidedAt: now, returnReason: text });
    await appendAudit(tx, actor, { action: 'return', entity: 'assessment_sign_off', entityId: String(year), before: { status: 'submitted' }, after: { status: 'returned', reason: text } });
    return presentSignOff(year, after, actor);
  });
}
