// The facts recorded in an enterprise's file, by year. Officers of its region, the city, and the
// enterprise itself read them.
import type { Executor } from '../../db/client.ts';
import { factsOfEnterprise } from '../../db/repositories/enterprise-facts-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { loadEnterpriseFor } from '../enterprises/get-enterprise.ts';
import { presentEnterpriseFact } from './present-enterprise-fact.ts';

export async function listEnterpriseFacts(db: Executor, actor: Actor, enterpriseId: string) {
  assertPermission(actor, 'enterprises.read');
  const e = await loadEnterpriseFor(db, actor, enterpriseId, 'enterprise.read', {});
  const schema = policyLibrary().facts;
  return (await factsOfEnterprise(db, e.id)).map((r) => presentEnterpriseFact(r, schema));
}
