// 退回申请人 / 驳回上一节点 / 退回指定节点, with a reason.
import type { Db } from '../../db/client.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { returnSchema } from './application-input.ts';
import { reviewAction } from './review-action.ts';

export async function returnApplication(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'applications.review');
  const input = parseOrThrow(returnSchema, raw);
  const target = input.to === 'step' ? { to: 'step' as const, stepId: input.stepId! } : { to: input.to };
  return reviewAction(db, actor, id, input.version, { type: 'return', target, reason: input.reason }, `return_${input.to}`, input.reason);
}
