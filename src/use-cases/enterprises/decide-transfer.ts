// The city approves (the file moves to the requesting region) or rejects a transfer request.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { decideTransfer as decideTransferRow, findTransfer, moveEnterprise } from '../../db/repositories/enterprise-transfer-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { isUuid } from './get-enterprise.ts';
import { presentTransfer } from './transfer-presenter.ts';

export const transferDecisionSchema = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'decision 须为 approve(批准)或 reject(驳回)' }),
  note: z.string().trim().max(500, '处理意见不超过500字').optional(),
}).strict().superRefine((d, ctx) => {
  if (d.decision === 'reject' && (!d.note || d.note.length < 2)) ctx.addIssue({ code: 'custom', path: ['note'], message: '驳回须写明理由(2–500字)' });
});

export async function decideTransfer(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()) {
  assertPermission(actor, 'enterprises.transfers.decide');
  const input = parseOrThrow(transferDecisionSchema, raw);
  return db.transaction(async (tx) => {
    const before = isUuid(id) ? await findTransfer(tx, id) : undefined;
    if (!before) throw notFound('划转申请不存在', 'id');
    authorize(actor, 'transfer.decide', { status: before.status });
    const row = await decideTransferRow(tx, id, input.decision === 'approve' ? 'approved' : 'rejected', { userId: actor.userId, name: actor.displayName ?? actor.name }, input.note ?? null, now);
    if (!row) throw conflict('该划转申请已由他人处理,请刷新后查看结果', 'status');
    if (row.status === 'approved') await moveEnterprise(tx, row.enterpriseId, row.toRegionId, now);
    const e = await findEnterpriseById(tx, row.enterpriseId);
    await appendAudit(tx, actor, { action: input.decision, entity: 'enterprise_transfer', entityId: id, before, after: row });
    return presentTransfer(row, { uscc: e!.uscc, enterpriseName: e!.name });
  });
}
