import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteUserSessions, findUserByUsername, updateUser } from '../../db/repositories/user-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { presentUser } from './user-presenter.ts';

/** Disabling also ends the user's open sessions at once. */
export async function setUserDisabled(db: Db, actor: Actor, username: string, disabled: boolean) {
  assertPermission(actor, 'users.manage');
  return db.transaction(async (tx) => {
    const before = await findUserByUsername(tx, username);
    if (!before) throw notFound(`用户 ${username} 不存在`, 'username');
    const after = (await updateUser(tx, before.id, { disabled }))!;
    if (disabled) await deleteUserSessions(tx, before.id);
    await appendAudit(tx, actor, { action: disabled ? 'disable' : 'enable', entity: 'user', entityId: before.id, before: presentUser(before), after: presentUser(after) });
    return presentUser(after);
  });
}
