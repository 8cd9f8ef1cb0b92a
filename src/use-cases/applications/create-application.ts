// An enterprise (or its region's officer on its behalf) opens an application under one measure.
// The facts come from the form and the enterprise file; the engine's answer for the measure is
// stored with the parameters it used, and the application is pinned to the review chain in force.
import type { Db } from '../../db/client.ts';
import { currentChain, insertApplication, insertChainVersion, insertEvent, nextApplicationNumber } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { certificationsOf } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { applicationFacts, evaluateApplication } from '../../domain/applications/evaluate-application.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { DEFAULT_CHAIN } from '../../domain/workflow/chain.ts';
import { INITIAL_STATE, isApplicantSide } from '../../domain/workflow/kernel.ts';
import { loadEnterpriseFor } from '../enterprises/get-enterprise.ts';
import { createApplicationSchema } from './application-input.ts';
import { checkSuppliers } from './supplier-conflicts.ts';
import { CITY_PREFIX, cityOfPolicy, policyMeasure, presentApplication } from './application-support.ts';

export async function createApplication(db: Db, actor: Actor, raw: unknown, today: string) {
  assertPermission(actor, 'applications.apply');
  const input = parseOrThrow(createApplicationSchema, raw);
  const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw invalid('enterpriseId', '代企业申报须指定 enterpriseId');
  const { policy, measure } = policyMeasure(input.policyId, input.measureId);
  const suppliers = checkSuppliers(input.suppliers ?? []);
  const year = Number(today.slice(0, 4));
  return db.transaction(async (tx) => {
    const e = await loadEnterpriseFor(tx, actor, enterpriseId, 'enterprise.read', {});
    if (!isApplicantSide(actor, { regionId: e.regionId, enterpriseId: e.id, openObjections: 0 })) {
      throw new DomainError('FORBIDDEN', '只有企业本身或其所在地区经办人可以申报', 'enterpriseId');
    }
    const city = cityOfPolicy(policy);
    if (regionById(e.regionId)?.city !== city) throw invalid('policyId', `${e.name}在${regionById(e.regionId)?.name ?? e.regionId}建档,不属于${policy.city},不能申报${policy.shortTitle}`);
    const certs = (await certificationsOf(tx, [e.id])).get(e.id) ?? [];
    const facts = applicationFacts(policy, measure, input.facts, { legalForm: e.legalForm as 'independent' | 'branch', certifications: certs }, year);
    const evaluation = evaluateApplication(policy, measure, facts, today);
    const chain = (await currentChain(tx, policy.id, measure.id, year))
      ?? (await insertChainVersion(tx, { policyId: policy.id, measureId: null, year, definition: DEFAULT_CHAIN, createdBy: 'system' }));
    const row = await insertApplication(tx, {
      number: await nextApplicationNumber(tx, CITY_PREFIX[city] ?? 'ZG', year),
      enterpriseId: e.id, regionId: e.regionId, city, policyId: policy.id, measureId: measure.id, year,
      title: measure.title, status: 'draft', stepIndex: 0,
      workflow: { ...INITIAL_STATE, applicants: actor.userId ? [actor.userId] : [] },
      chainId: chain.id, facts, suppliers, evaluation, evaluatedOn: today, eligible: evaluation.eligible,
      minFen: evaluation.min, maxFen: evaluation.max, payer: evaluation.payer, preparedBy: actor.userId,
    });
    await insertEvent(tx, {
      applicationId: row.id, actorId: actor.userId, actorName: actor.displayName ?? actor.name, actorRole: actor.role, action: 'create',
      fromStatus: 'draft', toStatus: 'draft', summary: `填报申请(测算 ${evaluation.amountText})`, snapshot: { facts },
    });
    const view = presentApplication(row, { enterpriseName: e.name, uscc: e.uscc });
    await appendAudit(tx, actor, { action: 'create', entity: 'application', entityId: row.id, after: view });
    return view;
  });
}
