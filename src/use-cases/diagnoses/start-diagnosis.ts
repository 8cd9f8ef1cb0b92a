// 进场: the provider starts the on-site diagnosis (on or after signing).
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockDiagnosis, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { startSchema } from './diagnosis-input.ts';
import { diagnosisDetail, loadDiagnosisFor, recordStep } from './diagnosis-support.ts';

export async function startDiagnosis(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'diagnoses.deliver');
  const input = parseOrThrow(startSchema, raw);
  if (input.onSiteFrom > today) throw invalid('onSiteFrom', `进场日期 ${input.onSiteFrom} 晚于今天(${today})`);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.deliver', lockDiagnosis);
    const to = nextStatus(d.status, 'start');
    if (d.contractedOn && input.onSiteFrom < d.contractedOn) throw invalid('onSiteFrom', `进场日期不能早于签约日期 ${d.contractedOn}`);
    const row = await updateDiagnosis(tx, d.id, input.version, { status: to, onSiteFrom: input.onSiteFrom });
    await recordStep(tx, actor, d, 'start', to, `${input.onSiteFrom} 进场开展现场诊断`);
    await appendAudit(tx, actor, { action: 'start', entity: 'diagnosis', entityId: d.id, after: { onSiteFrom: input.onSiteFrom } });
    return diagnosisDetail(tx, row);
  });
}
