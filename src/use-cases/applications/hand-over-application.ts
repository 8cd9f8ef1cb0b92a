// 转办: the reviewer of the current step hands it to a colleague of the same role (and region),
// with a reason; from then on only that colleague may act on the step.
import type { Db } from '../../db/client.ts';
import { findUserByUsername } from '../../db/repositories/user-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { handoverSchema } from './application-input.ts';
import { reviewAction } from './review-action.ts';

export async function handOverApplication(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'applications.review');
  const input = parseOrThrow(handoverSchema, raw);
  const user = await findUserByUsername(db, input.to);
  if (!user || user.disabled) throw invalid('to', `没有在用的账号 ${input.to}`);
  return reviewAction(db, actor, id, input.version, {
    type: 'handover', reason: input.reason, to: { userId: user.id, username: user.username, role: user.role, regionId: user.regionId },
  }, 'handover', input.reason);
}
