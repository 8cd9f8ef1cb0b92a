// 确认验收: the enterprise accepts the report and rates the provider (满意度 1–5, as Xiamen's 评测验收
// asks of enterprises — research §1.5, CONFIRMED). From then on the diagnosis counts in its region's
// 数字画像 figure if its three documents are on file.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockDiagnosis, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { acceptSchema } from './diagnosis-input.ts';
import { diagnosisDetail, loadDiagnosisFor, recordStep } from './diagnosis-support.ts';

export async function acceptDiagnosis(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'diagnoses.accept');
  const input = parseOrThrow(acceptSchema, raw);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.accept', lockDiagnosis);
    const to = nextStatus(d.status, 'accept');
    const row = await updateDiagnosis(tx, d.id, input.version, { status: to, satisfaction: input.satisfaction, acceptanceNote: input.note ?? null, acceptedOn: today });
    await recordStep(tx, actor, d, 'accept', to, `企业确认验收,满意度 ${input.satisfaction}/5${input.note ? `。意见:${input.note}` : ''}`);
    await appendAudit(tx, actor, { action: 'accept', entity: 'diagnosis', entityId: d.id, after: { satisfaction: input.satisfaction } });
    return diagnosisDetail(tx, row);
  });
}
