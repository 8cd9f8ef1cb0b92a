// An officer withdraws a recorded fact (entered for the wrong year, or its evidence fell away).
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteEnterpriseFact, findEnterpriseFact } from '../../db/repositories/enterprise-facts-repository.ts';
import { versionConflict } from '../../db/repositories/versioned.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { loadEnterpriseFor } from '../enterprises/get-enterprise.ts';
import { presentEnterpriseFact } from './present-enterprise-fact.ts';

export async function removeEnterpriseFact(db: Db, actor: Actor, enterpriseId: string, factId: string, version: number) {
  assertPermission(actor, 'enterprises.facts.record');
  return db.transaction(async (tx) => {
    const e = await loadEnterpriseFor(tx, actor, enterpriseId, 'enterprise.read', {});
    const row = /^[0-9a-f-]{36}$/i.test(factId) ? await findEnterpriseFact(tx, factId) : undefined;
    if (!row || row.enterpriseId !== e.id) throw notFound('该项事实记录不存在', 'factId');
    const gone = await deleteEnterpriseFact(tx, row.id, version);
    if (!gone) throw versionConflict('该年度的此项事实', row.version, version);
    await appendAudit(tx, actor, { action: 'delete', entity: 'enterprise_fact', entityId: row.id, before: presentEnterpriseFact(row, policyLibrary().facts) });
    return { deleted: true };
  });
}
