// An enterprise submits a certification or title it holds (两化融合 3A, 五星级上云, a demonstration
// title) with what it rests on. It stays pending — counted nowhere — until its region's officer
// confirms it against the 认定文件.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { insertCertificationClaim } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { certificationClaimSchema } from '../../domain/enterprise/enterprise-input.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { presentClaim } from './enterprise-presenter.ts';
import { loadEnterpriseFor } from './get-enterprise.ts';

export async function submitCertificationClaim(db: Db, actor: Actor, enterpriseId: string, raw: unknown, now = new Date()) {
  assertPermission(actor, 'enterprises.certifications.claim');
  const input = parseOrThrow(certificationClaimSchema, raw);
  return db.transaction(async (tx) => {
    const e = await loadEnterpriseFor(tx, actor, enterpriseId, 'certification.claim', {});
    const row = await insertCertificationClaim(tx, e.id, input, { userId: actor.userId, name: actor.displayName ?? actor.name }, now);
    const view = presentClaim(row);
    await appendAudit(tx, actor, { action: 'claim', entity: 'certification', entityId: row.id, after: view });
    return view;
  });
}
