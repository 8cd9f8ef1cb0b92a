// Submission: refused for a policy not in force on the application date, for an applicant or
// project the measure excludes (the engine's failures name the fact), and while any evidence item
// is missing or waits for correction. The engine re-evaluates on the day of submission.
import type { Db } from '../../db/client.ts';
import { evidenceOf, lockApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { evaluateApplication } from '../../domain/applications/evaluate-application.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { decide } from '../../domain/workflow/kernel.ts';
import { supplierConflicts } from './supplier-conflicts.ts';
import { versionOnlySchema } from './application-input.ts';
import { applyDecision, chainOf, checklistOf, loadApplicationFor, policyMeasure, presentApplication, snapshotOf, stateOf, subjectOf } from './application-support.ts';

export async function submitApplication(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'applications.apply');
  const { version } = parseOrThrow(versionOnlySchema, raw);
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, id, 'application.read', {}, lockApplication);
    const { policy, measure } = policyMeasure(app.policyId, app.measureId);
    const evaluation = evaluateApplication(policy, measure, app.facts as Record<string, unknown>, today);
    if (evaluation.validity.status !== 'in_force') {
      throw new DomainError('INVALID', `${evaluation.validity.message},不能提交申报(${evaluation.validity.clause})`, 'policyId');
    }
    if (!evaluation.eligible) {
      const f = evaluation.failures[0];
      throw new DomainError('INVALID', f ? `不符合${f.clause}:${f.message}` : '不符合申报条件', f ? `facts.${f.fact}` : 'facts', evaluation.failures);
    }
    // 利益冲突: a supplier that diagnosed this enterprise must be explained before submission.
    const undeclared = (await supplierConflicts(tx, app)).find((c) => !c.note);
    if (undeclared) {
      throw invalid(`suppliers[${undeclared.index}].note`, `供应商“${undeclared.name}”曾为本企业提供诊断服务(${undeclared.diagnosisNumber}),须说明关联关系与定价方式(利益冲突申报)后再提交`);
    }
    const evidence = (await evidenceOf(tx, app.id)).filter((e) => !e.removed && e.stage === 'application');
    for (const item of checklistOf(policy, measure, 'application')) {
      const files = evidence.filter((e) => e.itemId === item.id);
      if (!files.length) throw invalid(`evidence.${item.id}`, `缺少材料“${item.label}”(依据:${item.basis}),请上传后再提交`);
      if (files.every((e) => e.status === 'needs_correction')) {
        throw invalid(`evidence.${item.id}`, `材料“${item.label}”需补正:${files.at(-1)!.reviewNote ?? ''},请上传补正后的文件`);
      }
    }
    const { chain } = await chainOf(tx, app);
    const decision = decide(chain, stateOf(app), { type: 'submit' }, actor, await subjectOf(tx, app, chain));
    const row = await applyDecision(tx, app, version, actor, decision, 'submit', {
      set: { evaluation, evaluatedOn: today, eligible: true, minFen: evaluation.min, maxFen: evaluation.max, payer: evaluation.payer, submittedAt: new Date(), submittedOn: today },
      snapshot: await snapshotOf(tx, app),
    });
    await appendAudit(tx, actor, { action: 'submit', entity: 'application', entityId: app.id, before: { status: app.status }, after: { status: row.status, amount: evaluation.amountText } });
    return presentApplication(row, { chain });
  });
}
