// The region's officer (or the city) confirms a pending claim against the 认定文件, or rejects it
// with a reason. One conditional UPDATE decides, so two reviewers cannot both act on one claim; a
// confirmation changes the file, so its version is bumped.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { bumpEnterpriseVersion, decideCertificationClaim, findCertification } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { claimReviewSchema } from '../../domain/enterprise/enterprise-input.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { presentClaim } from './enterprise-presenter.ts';
import { isUuid, loadEnterpriseFor } from './get-enterprise.ts';

export async function reviewCertificationClaim(db: Db, actor: Actor, enterpriseId: string, claimId: string, raw: unknown, now = new Date()) {
  assertPermission(actor, 'enterprises.certifications.review');
  const input = parseOrThrow(claimReviewSchema, raw);
  return db.transaction(async (tx) => {
    const e = await loadEnterpriseFor(tx, actor, enterpriseId, 'enterprise.read', {});
    const claim = isUuid(claimId) ? await findCertification(tx, e.id, claimId) : undefined;
    if (!claim) throw notFound('认定申请不存在', 'claimId');
    authorize(actor, 'certification.review', { id: e.id, regionId: e.regionId, status: claim.status });
    const decided = await decideCertificationClaim(tx, claim.id, input.decision === 'confirm' ? 'confirmed' : 'rejected', { userId: actor.userId, name: actor.displayName ?? actor.name }, input.note ?? null, now);
    if (!decided) throw conflict('该认定申请已由他人核实,请刷新后查看结果', 'status');
    if (decided.status === 'confirmed') await bumpEnterpriseVersion(tx, e.id, now);
    const view = presentClaim(decided);
    await appendAudit(tx, actor, { action: input.decision, entity: 'certification', entityId: claim.id, before: presentClaim(claim), after: view });
    return view;
  });
}
