// 取消: whoever may dispatch the diagnosis may cancel it before the report is accepted, with a
// reason. The quota place and any commitment go back (the ledger records the release).
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockDiagnosis, releaseQuota, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { appendLedger, ledgerOf, releaseFunds } from '../../db/repositories/fund-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { conflict } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { cancelSchema } from './diagnosis-input.ts';
import { diagnosisDetail, loadDiagnosisFor, recordStep, refOf } from './diagnosis-support.ts';

export async function cancelDiagnosis(db: Db, actor: Actor, id: string, raw: unknown) {
  const input = parseOrThrow(cancelSchema, raw);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.read', lockDiagnosis);
    // The enterprise may withdraw its own request before dispatch; afterwards the dispatcher cancels.
    const ownRequest = actor.role === 'enterprise' && actor.enterpriseId === d.enterpriseId && d.status === 'requested';
    if (!ownRequest) {
      assertPermission(actor, 'diagnoses.dispatch');
      authorize(actor, 'diagnosis.dispatch', { ...refOf(d), funding: d.funding });
    }
    const to = nextStatus(d.status, 'cancel');
    if (d.status !== 'requested') await releaseQuota(tx, { city: d.city, regionId: d.funding === 'city' ? null : d.regionId, year: d.year, scope: d.scope });
    for (const c of await ledgerOf(tx, { diagnosisId: d.id, kind: 'commit' })) {
      if (!(await releaseFunds(tx, c.fundId, c.amountFen))) throw conflict('资金承诺已部分拨付,不能释放', 'fund');
      await appendLedger(tx, { fundId: c.fundId, diagnosisId: d.id, payee: c.payee, kind: 'release', amountFen: c.amountFen, clause: c.clause, note: `${d.number} 取消:${input.reason}`, actorName: actor.displayName ?? actor.name });
    }
    const row = await updateDiagnosis(tx, d.id, input.version, { status: to, cancelReason: input.reason });
    await recordStep(tx, actor, d, 'cancel', to, `取消。理由:${input.reason}`);
    await appendAudit(tx, actor, { action: 'cancel', entity: 'diagnosis', entityId: d.id, after: { reason: input.reason } });
    return diagnosisDetail(tx, row);
  });
}
