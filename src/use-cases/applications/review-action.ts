// One reviewer action other than approval (return, reject, withdraw, hand over) on the kernel:
// lock the application, decide, write state and history in one transaction.
import type { Db } from '../../db/client.ts';
import { lockApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { decide, type WorkflowEvent } from '../../domain/workflow/kernel.ts';
import { applyDecision, chainOf, loadApplicationFor, presentApplication, snapshotOf, stateOf, subjectOf } from './application-support.ts';

export async function reviewAction(db: Db, actor: Actor, id: string, version: number, event: WorkflowEvent, action: string, opinion?: string) {
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, id, 'application.read', {}, lockApplication);
    const { chain } = await chainOf(tx, app);
    const decision = decide(chain, stateOf(app), event, actor, await subjectOf(tx, app, chain));
    const row = await applyDecision(tx, app, version, actor, decision, action, {
      opinion,
      // A return keeps the facts and evidence as they were, so the returned version stays readable.
      ...(event.type === 'return' ? { snapshot: await snapshotOf(tx, app) } : {}),
    });
    await appendAudit(tx, actor, { action, entity: 'application', entityId: app.id, before: { status: app.status, step: app.stepIndex }, after: { status: row.status, step: row.stepIndex, summary: decision.summary } });
    return presentApplication(row, { chain });
  });
}
