// Closes the 公示 periods that have ended and moves their applications on to approval. Run by a
// timer on every instance and before reads of 公示: the close is one conditional UPDATE, so each
// batch is closed exactly once whichever instance gets there first.
import type { Db } from '../../db/client.ts';
import { lockApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { batchApplications, closeDueBatches } from '../../db/repositories/publicity-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { decide } from '../../domain/workflow/kernel.ts';
import { closeDueAdmissions } from '../providers/admission-step.ts';
import { applyDecision, chainOf, stateOf, subjectOf } from '../applications/application-support.ts';

const SYSTEM: Actor = { userId: null, name: 'system', displayName: '系统(公示期满)', role: 'city_admin', regionId: null, enterpriseId: null, ip: null };

export async function closePublicityPeriods(db: Db, today: string): Promise<number> {
  // Provider-pool admissions have their own 公示 (one organisation each); they close on the same timer.
  const admissions = await closeDueAdmissions(db, today, SYSTEM);
  return admissions + await db.transaction(async (tx) => {
    const closed = await closeDueBatches(tx, today, new Date());
    for (const batch of closed) {
      for (const { application } of await batchApplications(tx, batch.id)) {
        const app = (await lockApplication(tx, application.id))!;
        if (app.status !== 'in_publicity') continue; // pulled out during 公示 (returned or rejected)
        const { chain } = await chainOf(tx, app);
        const decision = decide(chain, stateOf(app), { type: 'publicity_close' }, SYSTEM, await subjectOf(tx, app, chain));
        await applyDecision(tx, app, app.version, SYSTEM, decision, 'publicity_close');
      }
      await appendAudit(tx, SYSTEM, { action: 'close', entity: 'publicity_batch', entityId: batch.id, after: { endsOn: batch.endsOn } });
    }
    return closed.length;
  });
}
