import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { certificationsOf, replaceCertifications } from '../../db/repositories/enterprise-repository.ts';
import { enterprises } from '../../db/schema/enterprises.ts';
import type { Actor } from '../../domain/actor.ts';
import { ENTERPRISE_SELF_EDITABLE, enterpriseUpdateSchema } from '../../domain/enterprise/enterprise-input.ts';
import { conflict, forbidden } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertPermission, canWriteRegion } from '../../server/access/rules.ts';
import { presentEnterprise } from './enterprise-presenter.ts';
import { loadScopedEnterprise } from './get-enterprise.ts';

export async function updateEnterprise(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'enterprises.update');
  const input = parseOrThrow(enterpriseUpdateSchema, raw);
  if (actor.role === 'enterprise') {
    const locked = Object.keys(input).find((k) => !ENTERPRISE_SELF_EDITABLE.has(k));
    if (locked) throw forbidden(`企业用户不能修改 ${locked},请联系所在地区经办人`);
  }
  return db.transaction(async (tx) => {
    const before = await loadScopedEnterprise(tx, actor, id);
    if (input.regionId && input.regionId !== before.regionId && !canWriteRegion(actor, input.regionId)) {
      throw forbidden('不能把企业划转到本地区以外 (cannot move an enterprise out of your region)');
    }
    if (input.version !== undefined && input.version !== before.version) {
      throw conflict(`企业档案已被他人修改(当前版本 ${before.version},提交版本 ${input.version}),请刷新后重试`, 'version');
    }
    const certsBefore = (await certificationsOf(tx, [id])).get(id) ?? [];
    const { certifications, version: _v, ...fields } = input;
    const [row] = await tx.update(enterprises)
      .set({ ...fields, version: sql`${enterprises.version} + 1`, updatedAt: new Date() })
      .where(eq(enterprises.id, id)).returning();
    if (certifications) await replaceCertifications(tx, id, certifications);
    const certsAfter = (await certificationsOf(tx, [id])).get(id) ?? [];
    const view = presentEnterprise(row!, certsAfter);
    await appendAudit(tx, actor, { action: 'update', entity: 'enterprise', entityId: id, before: presentEnterprise(before, certsBefore), after: view });
    return view;
  });
}
