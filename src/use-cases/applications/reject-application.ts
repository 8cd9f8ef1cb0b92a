// 不予支持: the reviewer ends the application with a reason.
import type { Db } from '../../db/client.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { rejectSchema } from './application-input.ts';
import { reviewAction } from './review-action.ts';

export async function rejectApplication(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'applications.review');
  const input = parseOrThrow(rejectSchema, raw);
  return reviewAction(db, actor, id, input.version, { type: 'reject', reason: input.reason }, 'reject', input.reason);
}
