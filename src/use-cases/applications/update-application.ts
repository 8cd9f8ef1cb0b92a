// The applicant changes the figures of a draft or returned application; the engine re-evaluates.
import type { Db } from '../../db/client.ts';
import { insertEvent, lockApplication, updateApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { certificationsOf, findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { applicationFacts, evaluateApplication } from '../../domain/applications/evaluate-application.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { versionConflict } from '../../db/repositories/versioned.ts';
import { updateApplicationSchema } from './application-input.ts';
import { checkSuppliers } from './supplier-conflicts.ts';
import { loadApplicationFor, policyMeasure, presentApplication } from './application-support.ts';

export async function updateApplicationFacts(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'applications.apply');
  const input = parseOrThrow(updateApplicationSchema, raw);
  const suppliers = input.suppliers === undefined ? undefined : checkSuppliers(input.suppliers);
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, id, 'application.read', {}, lockApplication);
    await loadApplicationFor(tx, actor, id, 'application.edit', { status: app.status });
    if (app.version !== input.version) throw versionConflict('申请', app.version, input.version);
    const { policy, measure } = policyMeasure(app.policyId, app.measureId);
    const e = (await findEnterpriseById(tx, app.enterpriseId))!;
    const certs = (await certificationsOf(tx, [e.id])).get(e.id) ?? [];
    const facts = applicationFacts(policy, measure, input.facts, { legalForm: e.legalForm as 'independent' | 'branch', certifications: certs }, app.year);
    const evaluation = evaluateApplication(policy, measure, facts, today);
    const row = (await updateApplication(tx, app.id, app.version, {
      facts, ...(suppliers && { suppliers }), evaluation, evaluatedOn: today, eligible: evaluation.eligible, minFen: evaluation.min, maxFen: evaluation.max, payer: evaluation.payer,
    }))!;
    await insertEvent(tx, {
      applicationId: app.id, actorId: actor.userId, actorName: actor.displayName ?? actor.name, actorRole: actor.role, action: 'update',
      fromStatus: app.status, toStatus: app.status, summary: `修改申报数据(测算 ${evaluation.amountText})`, snapshot: { facts },
    });
    const view = presentApplication(row, { enterpriseName: e.name, uscc: e.uscc });
    await appendAudit(tx, actor, { action: 'update', entity: 'application', entityId: app.id, before: { facts: app.facts }, after: { facts } });
    return view;
  });
}
