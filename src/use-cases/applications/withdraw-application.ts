// 撤回: the applicant before the first reviewer acts, or a reviewer their own approval before the
// next step has acted (the kernel tells which).
import type { Db } from '../../db/client.ts';
import { hasPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { forbidden } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { versionOnlySchema } from './application-input.ts';
import { reviewAction } from './review-action.ts';

export async function withdrawApplication(db: Db, actor: Actor, id: string, raw: unknown) {
  if (!hasPermission(actor, 'applications.apply') && !hasPermission(actor, 'applications.review')) throw forbidden();
  const { version } = parseOrThrow(versionOnlySchema, raw);
  return reviewAction(db, actor, id, version, { type: 'withdraw' }, 'withdraw');
}
