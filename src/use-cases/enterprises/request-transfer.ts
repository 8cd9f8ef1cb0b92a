// An officer asks the city to move an enterprise filed elsewhere into their region (found when its
// USCC could not be filed again). The answer names neither the enterprise nor where it is filed.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findEnterpriseByUscc } from '../../db/repositories/enterprise-repository.ts';
import { insertTransfer } from '../../db/repositories/enterprise-transfer-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { usccSchema } from '../../domain/enterprise/enterprise-input.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { presentTransfer } from './transfer-presenter.ts';

export const transferRequestSchema = z.object({
  uscc: usccSchema,
  reason: z.string({ error: '划转理由必填' }).trim().min(4, '划转理由须为4–500字,写明企业注册地或经营地变更等依据').max(500, '划转理由不超过500字'),
}).strict();

export async function requestTransfer(db: Db, actor: Actor, raw: unknown, now = new Date()) {
  assertPermission(actor, 'enterprises.transfers.request');
  const input = parseOrThrow(transferRequestSchema, raw);
  return db.transaction(async (tx) => {
    const e = await findEnterpriseByUscc(tx, input.uscc);
    if (!e) throw notFound(`统一社会信用代码 ${input.uscc} 尚未建档,可直接新建企业档案`, 'uscc');
    authorize(actor, 'transfer.request', { toRegionId: actor.regionId ?? '', enterpriseRegionId: e.regionId });
    const row = await insertTransfer(tx, {
      enterpriseId: e.id, fromRegionId: e.regionId, toRegionId: actor.regionId!, reason: input.reason,
      requestedBy: actor.userId, requestedByName: actor.displayName ?? actor.name, requestedAt: now,
    });
    if (!row) throw conflict('该企业已有待市工信局处理的划转申请,请等待处理结果', 'uscc');
    await appendAudit(tx, actor, { action: 'request', entity: 'enterprise_transfer', entityId: row.id, after: row });
    return presentTransfer(row, { uscc: e.uscc, enterpriseName: null });
  });
}
