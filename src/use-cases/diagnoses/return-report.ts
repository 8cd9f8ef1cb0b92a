// The enterprise returns a report that does not reflect its situation; the provider corrects it.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockDiagnosis, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { returnSchema } from './diagnosis-input.ts';
import { diagnosisDetail, loadDiagnosisFor, recordStep } from './diagnosis-support.ts';

export async function returnReport(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'diagnoses.accept');
  const input = parseOrThrow(returnSchema, raw);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.accept', lockDiagnosis);
    const to = nextStatus(d.status, 'return');
    const row = await updateDiagnosis(tx, d.id, input.version, { status: to });
    await recordStep(tx, actor, d, 'return', to, `企业退回报告。理由:${input.reason}`);
    await appendAudit(tx, actor, { action: 'return', entity: 'diagnosis', entityId: d.id, after: { reason: input.reason } });
    return diagnosisDetail(tx, row);
  });
}
