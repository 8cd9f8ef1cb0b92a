// 可享政策: the measures of the policies in force in the enterprise's own city that its file already
// qualifies it for, those it nearly qualifies for with what is missing, and how to claim each. Read
// by the enterprise itself, its region's officer and the city (the record decides, as for the file).
import { type Executor, readAll } from '../../db/client.ts';
import { listDiagnoses } from '../../db/repositories/diagnosis-repository.ts';
import { certificationsAndClaimsOf } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { findingsFromFile, FACTS_FROM_FILE } from '../../domain/enterprise/file-entitlements.ts';
import { fileFacts } from '../../domain/policy/file-match.ts';
import { recordedFactsOf } from '../../db/repositories/enterprise-facts-repository.ts';
import { regionById } from '../../domain/regions.ts';
import { evidenceChecklists, policyLibrary } from '../../io/policy-library.ts';
import { cityOfPolicy } from '../applications/application-support.ts';
import { loadEnterpriseFor } from './get-enterprise.ts';

const DIAGNOSIS_TOPIC = 'diagnosis';

export async function findEntitlements(db: Executor, actor: Actor, enterpriseId: string, today: string) {
  assertPermission(actor, 'enterprises.read');
  const e = await loadEnterpriseFor(db, actor, enterpriseId, 'enterprise.read', {});
  const year = Number(today.slice(0, 4));
  const [{ confirmed: certs, claims }, diagnosisRows, recorded] = await readAll(db, [
    () => certificationsAndClaimsOf(db, e.id), () => listDiagnoses(db, { enterpriseId: e.id, year }), () => recordedFactsOf(db, [e.id], year),
  ]);
  const confirmed = certs.map((c) => ({ kind: c.kind, level: c.level, title: c.title, year: c.year }));
  const city = regionById(e.regionId)?.city ?? null;
  const diagnoses = diagnosisRows.map(({ d }) => ({ scope: d.scope as 'chain' | 'factory' | 'workshop', status: d.status, supervised: d.supervisorId !== null }));
  const file = { legalForm: e.legalForm as 'independent' | 'branch', certifications: confirmed, diagnoses };
  const policies = [...policyLibrary().policies.values()].filter((p) => cityOfPolicy(p) === city);
  const results = policies.map((policy) => {
    // The same reading of the file as 免申即享 over the file: its fields, certifications and diagnoses,
    // and the facts the region recorded for the year with their evidence (enterprise_facts).
    const { facts } = fileFacts(policy, { id: e.id, uscc: e.uscc, name: e.name, regionId: e.regionId, file, recorded: recorded.get(e.id) ?? [] }, year);
    const findings = findingsFromFile(policy, facts, today);
    const evidence = evidenceChecklists(policy);
    return {
      policyId: policy.id,
      shortTitle: policy.shortTitle,
      title: policy.document.title,
      number: policy.document.number,
      city: policy.city,
      validity: findings.validity,
      facts,
      measures: findings.measures.map((m) => {
        const measure = policy.money.find((x) => x.id === m.id)!;
        return {
          ...m,
          failures: [...m.failures],
          missing: [...m.missing],
          // A diagnosis subsidy is paid through the diagnosis service (政府采购), not by an application.
          claim: m.topic === DIAGNOSIS_TOPIC ? 'diagnosis' as const : 'application' as const,
          evidence: evidence.forMeasure(measure).map((i) => ({ id: i.id, label: i.label, basis: i.basis })),
        };
      }),
    };
  });
  const inForce = results.filter((r) => r.validity.status === 'in_force');
  return {
    enterprise: { id: e.id, name: e.name, uscc: e.uscc, regionId: e.regionId, legalForm: e.legalForm as 'independent' | 'branch' },
    date: today,
    year,
    /** The facts the file decides (the rest a measure reads is for the enterprise to show). */
    factsFromFile: [...FACTS_FROM_FILE],
    /** Certifications waiting for the region's review: not counted until confirmed. */
    pendingClaims: claims.filter((c) => c.status === 'pending').length,
    policies: inForce,
    /** The city's texts not in force on the date (named so the page can say why nothing is listed). */
    otherPolicies: results.filter((r) => r.validity.status !== 'in_force').map((r) => ({ policyId: r.policyId, shortTitle: r.shortTitle, number: r.number, validity: r.validity })),
  };
}
export type EntitlementsView = Awaited<ReturnType<typeof findEntitlements>>;
