// Applications placed directly at the approval step (reviewed, 公示 closed), for the concurrency
// test and the approval benchmark: the path there is tested elsewhere; these measure 批准 alone.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { insertChainVersion } from '../../src/db/repositories/application-repository.ts';
import { applicationFacts, evaluateApplication } from '../../src/domain/applications/evaluate-application.ts';
import { findMeasure, findPolicy } from '../../src/domain/policy/find.ts';
import { DEFAULT_CHAIN } from '../../src/domain/workflow/chain.ts';
import { policyLibrary } from '../../src/io/policy-library.ts';

export async function applicationsAtApproval(db: Db, opts: { count: number; enterpriseIds: string[]; regionOf: (id: string) => string; investment: string; year?: number }): Promise<string[]> {
  const year = opts.year ?? 2023;
  const policy = findPolicy(policyLibrary(), 'yangzhou-2022-20');
  const measure = findMeasure(policy, 'smart-retrofit');
  const facts = applicationFacts(policy, measure, { 'projects.annual_investment': opts.investment }, { legalForm: 'independent', certifications: [] }, year);
  const evaluation = evaluateApplication(policy, measure, facts, `${year}-06-01`);
  const chain = await insertChainVersion(db, { policyId: policy.id, measureId: measure.id, year, definition: DEFAULT_CHAIN, createdBy: 'test' });
  // Reviewed by people other than whoever approves next (four-eyes holds).
  const workflow = {
    status: 'in_review', step: 3, handovers: {}, applicants: [randomUUID()],
    approvedBy: { 'county-review': [randomUUID()], 'city-review': [randomUUID()] },
    actors: { 'county-review': [randomUUID()], 'city-review': [randomUUID()] },
  };
  const ids: string[] = [];
  const rows = Array.from({ length: opts.count }, (_, i) => {
    const id = randomUUID();
    ids.push(id);
    const enterpriseId = opts.enterpriseIds[i % opts.enterpriseIds.length]!;
    return {
      id, number: `YZ-${year}-T${String(i).padStart(7, '0')}-${id.slice(0, 4)}`, enterprise_id: enterpriseId, region_id: opts.regionOf(enterpriseId),
      city: 'yangzhou', policy_id: policy.id, measure_id: measure.id, year, title: measure.title, status: 'in_review', step_index: 3,
      workflow, chain_id: chain.id, facts, evaluation, evaluated_on: `${year}-06-01`, eligible: true, min_fen: evaluation.min, max_fen: evaluation.max,
      payer: evaluation.payer, disbursed_fen: 0, reclaimed_fen: 0, advance_fen: 0, acceptance: 'none', version: 1,
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await db.execute(sql`insert into applications (id, number, enterprise_id, region_id, city, policy_id, measure_id, year, title, status, step_index,
        workflow, chain_id, facts, evaluation, evaluated_on, eligible, min_fen, max_fen, payer, disbursed_fen, reclaimed_fen, advance_fen, acceptance, version, created_at, updated_at)
      select id, number, enterprise_id, region_id, city, policy_id, measure_id, year, title, status, step_index,
        workflow, chain_id, facts, evaluation, evaluated_on, eligible, min_fen, max_fen, payer, disbursed_fen, reclaimed_fen, advance_fen, acceptance, version, created_at, updated_at
      from json_populate_recordset(null::applications, ${JSON.stringify(rows.slice(i, i + 1000))}::json)`);
  }
  return ids;
}
