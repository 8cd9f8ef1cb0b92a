// What an applicant must give for one measure: the facts the engine reads (those the enterprise
// file decides are marked and filled from it), the evidence checklist, and the review chain the
// application would follow.
import type { Executor } from '../../db/client.ts';
import { currentChain } from '../../db/repositories/application-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { measureFields } from '../../domain/applications/evaluate-application.ts';
import { DEFAULT_CHAIN } from '../../domain/workflow/chain.ts';
import { checklistOf, policyMeasure } from './application-support.ts';

export async function applicationForm(db: Executor, actor: Actor, policyId: string, measureId: string, today: string) {
  assertPermission(actor, 'applications.read');
  const { policy, measure } = policyMeasure(policyId, measureId);
  const year = Number(today.slice(0, 4));
  const chain = await currentChain(db, policy.id, measure.id, year);
  return {
    policyId: policy.id,
    measureId: measure.id,
    title: measure.title,
    clause: measure.clause,
    quote: measure.quote,
    payer: measure.payer ?? 'city',
    forEach: measure.forEach ?? null,
    validity: policy.validity,
    year,
    fields: measureFields(policy, measure),
    evidence: checklistOf(policy, measure, 'application'),
    acceptanceEvidence: checklistOf(policy, measure, 'acceptance'),
    chain: chain ? chain.definition : DEFAULT_CHAIN,
  };
}
