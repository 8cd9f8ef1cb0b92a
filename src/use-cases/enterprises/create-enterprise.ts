import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findEnterpriseByUscc, replaceCertifications } from '../../db/repositories/enterprise-repository.ts';
import { enterprises } from '../../db/schema/enterprises.ts';
import type { Actor } from '../../domain/actor.ts';
import { enterpriseCreateSchema } from '../../domain/enterprise/enterprise-input.ts';
import { conflict, forbidden } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertPermission, canWriteRegion } from '../../server/access/rules.ts';
import { presentEnterprise } from './enterprise-presenter.ts';

export async function createEnterprise(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'enterprises.create');
  const input = parseOrThrow(enterpriseCreateSchema, raw);
  if (!canWriteRegion(actor, input.regionId)) throw forbidden('只能在本地区建档 (you may only file enterprises in your own region)');
  return db.transaction(async (tx) => {
    if (await findEnterpriseByUscc(tx, input.uscc)) throw conflict(`统一社会信用代码 ${input.uscc} 已建档`, 'uscc');
    const { certifications, ...fields } = input;
    const [row] = await tx.insert(enterprises).values(fields).returning();
    await replaceCertifications(tx, row!.id, certifications);
    const view = presentEnterprise(row!, certifications.map((c) => ({ ...c, id: '', enterpriseId: row!.id })));
    await appendAudit(tx, actor, { action: 'create', entity: 'enterprise', entityId: row!.id, after: view });
    return view;
  });
}
