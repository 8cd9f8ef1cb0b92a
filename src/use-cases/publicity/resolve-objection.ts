// Deciding an objection: upheld (the application is then returned or rejected on its own step) or
// dismissed, with the reason. Decided once: a second decision is refused.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findObjection, resolveObjection as resolveRow } from '../../db/repositories/publicity-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { loadApplicationFor } from '../applications/application-support.ts';
import { presentObjection } from './publicity-presenter.ts';

export const resolveSchema = z.object({
  decision: z.enum(['upheld', 'dismissed'], { error: 'decision 须为 upheld(异议成立)或 dismissed(异议不成立)' }),
  resolution: z.string({ error: '处理意见必填' }).trim().min(4, '处理意见须为4–1000字').max(1000, '处理意见须为4–1000字'),
}).strict();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveObjection(db: Db, actor: Actor, objectionId: string, raw: unknown) {
  assertPermission(actor, 'publicity.manage');
  const input = parseOrThrow(resolveSchema, raw);
  return db.transaction(async (tx) => {
    const o = UUID.test(objectionId) ? await findObjection(tx, objectionId) : undefined;
    if (!o) throw notFound('异议不存在', 'id');
    await loadApplicationFor(tx, actor, o.applicationId, 'application.read', {});
    const row = await resolveRow(tx, o.id, input.decision, input.resolution, actor.displayName ?? actor.name, new Date());
    if (!row) throw conflict('该异议已处理', 'status');
    await appendAudit(tx, actor, { action: input.decision, entity: 'objection', entityId: o.id, after: { resolution: input.resolution } });
    return presentObjection(row);
  });
}
