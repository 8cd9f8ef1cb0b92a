// One application as its reader may see it: the engine's explanation, the evidence checklist with
// each file's review status and any file reused elsewhere (比对查重), the history with every returned
// version, the 公示 and objections, the money; and, for whoever may act now, what they may do and
// — before 批准 — the fund left, the enterprise's yearly cap left and the effect on the region's
// 附件2 targets.
import { type Executor, readAll } from '../../db/client.ts';
import { duplicateFiles, evidenceOf, eventsOf } from '../../db/repositories/application-repository.ts';
import { loadTargets } from '../../db/repositories/assessment-repository.ts';
import { countProjects } from '../../db/repositories/assessment-records-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { fundFor, ledgerOf, yearlyCapUsed } from '../../db/repositories/fund-repository.ts';
import { batchOfApplication, objectionsOf } from '../../db/repositories/publicity-repository.ts';
import { assertPermission, can, hasPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { isApplicantSide, stepRefusal } from '../../domain/workflow/kernel.ts';
import { presentBatch, presentObjection } from '../publicity/publicity-presenter.ts';
import { supplierConflicts } from './supplier-conflicts.ts';
import { chainOf, checklistOf, evaluationOf, loadApplicationFor, policyMeasure, presentApplication, stateOf, subjectOf } from './application-support.ts';

export async function getApplication(db: Executor, actor: Actor, id: string) {
  assertPermission(actor, 'applications.read');
  const app = await loadApplicationFor(db, actor, id, 'application.read', {});
  const { policy, measure } = policyMeasure(app.policyId, app.measureId);
  const [e, { chain }, files, events, dups, objections, batch, ledger, subject] = await readAll(db, [
    () => findEnterpriseById(db, app.enterpriseId), () => chainOf(db, app), () => evidenceOf(db, app.id), () => eventsOf(db, app.id), () => duplicateFiles(db, app.id),
    () => objectionsOf(db, app.id), () => batchOfApplication(db, app.id), () => ledgerOf(db, { applicationId: app.id }), () => subjectOf(db, app),
  ]);
  const evaluation = evaluationOf(app);
  const conflicts = await supplierConflicts(db, app);
  const state = stateOf(app);
  const reviewing = app.status === 'in_review' || app.status === 'in_publicity';
  const step = reviewing ? chain.steps[app.stepIndex] : undefined;
  const canAct = !!step && step.kind !== 'publicity' && stepRefusal(chain, state, actor, subject) === null;
  const applicant = isApplicantSide(actor, subject);
  const evidenceItem = (stage: 'application' | 'acceptance') => checklistOf(policy, measure, stage).map((item) => ({
    ...item,
    stage,
    files: files.filter((f) => f.itemId === item.id && f.stage === stage && !f.removed).map((f) => ({
      id: f.id, fileName: f.fileName, sha256: f.sha256, status: f.status as 'pending' | 'accepted' | 'needs_correction', reviewNote: f.reviewNote,
      reviewedBy: f.reviewedBy, uploadedBy: f.uploadedBy, uploadedAt: f.uploadedAt.toISOString(),
      duplicates: dups.filter((d) => d.sha256 === f.sha256).map((d) => ({ applicationId: d.other_id, number: d.other_number, enterpriseName: d.other_enterprise, year: d.other_year, measureId: d.other_measure })),
    })),
  }));

  let preview = null;
  if (canAct && step?.kind === 'approval') {
    const parts = [];
    for (const level of ['city', 'county'] as const) {
      if ((level === 'city' && app.payer === 'county') || (level === 'county' && app.payer === 'city')) continue;
      const fund = await fundFor(db, { city: app.city, year: app.year, level, regionId: level === 'county' ? app.regionId : null, measureKey: `${app.policyId}/${app.measureId}` });
      parts.push({ level, fundId: fund?.id ?? null, fundName: fund?.name ?? null, budgetFen: fund?.budgetFen ?? null, remainingFen: fund ? fund.budgetFen - fund.committedFen : null });
    }
    const caps = [];
    for (const cap of evaluation.yearlyCaps) {
      const used = await yearlyCapUsed(db, app.enterpriseId, cap.key, app.year);
      caps.push({ key: cap.key, capFen: cap.capFen, text: cap.text, usedFen: used, remainingFen: cap.capFen - used });
    }
    let targetEffect = null;
    if (measure.topic === 'smart_retrofit') {
      const targets = await loadTargets(db, app.year);
      const row = targets?.regions.find((r) => r.regionId === app.regionId);
      if (row) {
        const done = await countProjects(db, app.year, app.regionId, 'retrofit');
        targetEffect = { category: 'retrofit', target: row.retrofit, done, after: done + 1, note: '拨付后计入智能化改造项目(附件2 指标说明1:当年度获得县(市、区)及以上奖补资金)' };
      }
    }
    preview = { funds: parts, yearlyCaps: caps, targetEffect, openObjections: subject.openObjections };
  }
  return {
    application: presentApplication(app, { enterpriseName: e?.name ?? '', uscc: e?.uscc ?? '', chain }),
    evaluation: { steps: evaluation.steps, failures: evaluation.failures, parameters: evaluation.parameters, validity: evaluation.validity, quote: evaluation.quote, payerLabel: evaluation.payerLabel, date: evaluation.date, yearlyCaps: evaluation.yearlyCaps },
    facts: app.facts,
    suppliers: app.suppliers,
    // A supplier who diagnosed this enterprise (诊改 conflict of interest), shown to everyone who reads the application.
    conflicts: conflicts.map(({ index: _i, ...c }) => c),
    chain: { steps: chain.steps.map((s, i) => ({ ...s, index: i, done: i < app.stepIndex || app.status === 'approved' })), publicity: chain.publicity },
    evidence: [...evidenceItem('application'), ...(app.status === 'approved' ? evidenceItem('acceptance') : [])],
    history: events.map((ev) => ({
      at: ev.at.toISOString(), actorName: ev.actorName, actorRole: ev.actorRole, action: ev.action, stepName: ev.stepName, opinion: ev.opinion,
      fromStatus: ev.fromStatus, toStatus: ev.toStatus, summary: ev.summary, snapshot: ev.snapshot,
    })),
    publicity: batch ? presentBatch(batch) : null,
    objections: hasPermission(actor, 'publicity.manage') || applicant ? objections.map(presentObjection) : objections.map((o) => ({ ...presentObjection(o), phone: '' })),
    ledger: ledger.map((l) => ({ id: l.id, kind: l.kind, amountFen: l.amountFen, paidOn: l.paidOn, voucher: l.voucher, purpose: l.purpose, note: l.note, actorName: l.actorName, at: l.at.toISOString() })),
    actions: {
      edit: can(actor, 'application.edit', { enterpriseId: app.enterpriseId, regionId: app.regionId, status: app.status }),
      submit: applicant && (app.status === 'draft' || app.status === 'returned'),
      withdraw: (applicant && (state.applicants.includes(actor.userId ?? '') || actor.role === 'enterprise') && app.status === 'in_review' && app.stepIndex === 0 && !(state.approvedBy[step?.id ?? ''] ?? []).length)
        || (reviewing && !!actor.userId && app.stepIndex > 0 && Object.values(state.approvedBy).some((u) => u.includes(actor.userId!)) && !(state.approvedBy[step?.id ?? ''] ?? []).length),
      review: canAct,
      approveWithAmount: canAct && step?.kind === 'approval',
      accept: can(actor, 'application.accept', { regionId: app.regionId, status: app.status, acceptance: app.acceptance }) && hasPermission(actor, 'applications.accept'),
      disburse: hasPermission(actor, 'funds.disburse') && app.status === 'approved' && app.acceptance !== 'failed',
      reclaim: hasPermission(actor, 'funds.disburse') && app.acceptance === 'failed' && app.disbursedFen > app.reclaimedFen,
    },
    preview,
  };
}
