import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findEnterpriseByUscc, insertEnterprise, replaceConfirmedCertifications } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, authorize, can } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { enterpriseCreateSchema } from '../../domain/enterprise/enterprise-input.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { presentEnterprise } from './enterprise-presenter.ts';

export async function createEnterprise(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'enterprises.create');
  const input = parseOrThrow(enterpriseCreateSchema, raw);
  authorize(actor, 'enterprise.create', { regionId: input.regionId });
  const { certifications, ...fields } = input;
  const created = await db.transaction(async (tx) => {
    const row = await insertEnterprise(tx, fields);
    if (!row) return null;
    await replaceConfirmedCertifications(tx, row.id, certifications);
    const view = presentEnterprise(row, certifications);
    await appendAudit(tx, actor, { action: 'create', entity: 'enterprise', entityId: row.id, after: view });
    return view;
  });
  if (created) return created;
  throw await duplicateUscc(db, actor, input.uscc);
}

/**
 * The USCC is filed already. Someone who may read that file is pointed to it; anyone else gets a
 * neutral answer that names neither the enterprise nor its region, and the way to a transfer.
 */
async function duplicateUscc(db: Db, actor: Actor, uscc: string): Promise<DomainError> {
  const existing = await findEnterpriseByUscc(db, uscc);
  if (existing && can(actor, 'enterprise.read', existing)) {
    return new DomainError('CONFLICT', `统一社会信用代码 ${uscc} 已建档,请在企业档案中打开并修改`, 'uscc', { enterpriseId: existing.id });
  }
  return new DomainError('CONFLICT', `统一社会信用代码 ${uscc} 已有企业档案,不在本地区管辖范围内,不能重复建档;如该企业应由本地区管理,请提交划转申请`, 'uscc', { transferable: true });
}
