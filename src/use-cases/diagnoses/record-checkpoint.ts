// 全过程监理 (扬州 附件1 二(四), 苏州 (五)): the supervisor records each checkpoint with its time and
// place, a finding and optionally its evidence. A 'stop' finding stops payment until the supervisor
// lifts it with a reason.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findDiagnosisDocument, insertCheckpoint, lockDiagnosis, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { CHECKPOINTS } from '../../domain/diagnosis/lifecycle.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { checkpointSchema, resumeSchema } from './diagnosis-input.ts';
import { diagnosisDetail, loadDiagnosisFor, recordStep } from './diagnosis-support.ts';

export async function recordCheckpoint(db: Db, actor: Actor, id: string, raw: unknown, now: Date) {
  assertPermission(actor, 'diagnoses.supervise');
  const input = parseOrThrow(checkpointSchema, raw);
  if (new Date(input.heldAt).getTime() > now.getTime() + 5 * 60_000) throw invalid('heldAt', '检查时间不能晚于现在');
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.supervise', lockDiagnosis);
    if (['requested', 'paid', 'cancelled'].includes(d.status)) throw conflict('该诊断不在监理期间(派单后至支付前)', 'status');
    if (input.documentId && !(await findDiagnosisDocument(tx, d.id, input.documentId))) throw invalid('documentId', '检查材料须为本诊断已上传的文件');
    await insertCheckpoint(tx, {
      diagnosisId: d.id, code: input.code, heldAt: new Date(input.heldAt), place: input.place, finding: input.finding, note: input.note,
      documentId: input.documentId ?? null, recordedBy: actor.displayName ?? actor.name,
    });
    const name = CHECKPOINTS.find((c) => c.code === input.code)!.name;
    let row = d;
    if (input.finding === 'stop') row = await updateDiagnosis(tx, d.id, d.version, { paymentStopped: true, paymentStopReason: input.note });
    await recordStep(tx, actor, d, 'checkpoint', d.status, `监理 ${input.code} ${name}(${input.place}):${{ ok: '符合', issue: '发现问题', stop: '停止支付' }[input.finding]}。${input.note}`);
    await appendAudit(tx, actor, { action: 'checkpoint', entity: 'diagnosis', entityId: d.id, after: { code: input.code, finding: input.finding } });
    return diagnosisDetail(tx, row);
  });
}

export async function resumePayment(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'diagnoses.supervise');
  const input = parseOrThrow(resumeSchema, raw);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.supervise', lockDiagnosis);
    if (!d.paymentStopped) throw conflict('该诊断未停止支付', 'paymentStopped');
    const row = await updateDiagnosis(tx, d.id, input.version, { paymentStopped: false, paymentStopReason: null });
    await recordStep(tx, actor, d, 'resume', d.status, `监理恢复支付。理由:${input.reason}`);
    await appendAudit(tx, actor, { action: 'resume_payment', entity: 'diagnosis', entityId: d.id, after: { reason: input.reason } });
    return diagnosisDetail(tx, row);
  });
}
