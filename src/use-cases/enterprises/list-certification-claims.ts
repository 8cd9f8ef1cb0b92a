import type { Executor } from '../../db/client.ts';
import { pendingClaims, scopeCondition } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentClaim } from './enterprise-presenter.ts';

/** The reviewer's queue: pending claims of the enterprises in the reviewer's scope. */
export async function listCertificationClaims(db: Executor, actor: Actor) {
  assertPermission(actor, 'enterprises.certifications.review');
  const rows = await pendingClaims(db, scopeCondition(dataScope(actor)));
  return rows.map((r) => ({ ...presentClaim(r.claim), enterpriseName: r.enterpriseName, uscc: r.uscc, regionId: r.regionId }));
}
