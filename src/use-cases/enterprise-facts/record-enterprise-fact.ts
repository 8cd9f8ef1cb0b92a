// An officer records (or corrects) one fact of an enterprise's year with what it rests on. The
// value is checked against the fact dictionary (type, unit, bounds) and stored in the engine's form
// (money in fen); the change is audited in the same transaction.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { saveEnterpriseFact } from '../../db/repositories/enterprise-facts-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { storedFactValue } from '../../domain/policy/file-match.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { loadEnterpriseFor } from '../enterprises/get-enterprise.ts';
import { recordFactSchema } from './enterprise-facts-input.ts';
import { presentEnterpriseFact } from './present-enterprise-fact.ts';

export async function recordEnterpriseFact(db: Db, actor: Actor, enterpriseId: string, raw: unknown) {
  assertPermission(actor, 'enterprises.facts.record');
  const input = parseOrThrow(recordFactSchema, raw);
  const schema = policyLibrary().facts;
  const value = storedFactValue(schema, input.fact, input.value);
  return db.transaction(async (tx) => {
    const e = await loadEnterpriseFor(tx, actor, enterpriseId, 'enterprise.read', {});
    const { row, before } = await saveEnterpriseFact(tx, {
      enterpriseId: e.id, year: input.year, fact: input.fact, value, evidence: input.evidence,
      recordedBy: actor.userId, recordedByName: actor.displayName ?? actor.name,
    }, input.version);
    const view = presentEnterpriseFact(row, schema);
    await appendAudit(tx, actor, {
      action: before ? 'update' : 'create', entity: 'enterprise_fact', entityId: row.id,
      ...(before && { before: presentEnterpriseFact(before, schema) }), after: { ...view, enterprise: e.name },
    });
    return view;
  });
}
