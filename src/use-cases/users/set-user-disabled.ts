import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteUserSessions, findUserByUsername, lockEnabledAccounts, updateUser } from '../../db/repositories/user-repository.ts';
import { assertPermission, ROLES, roleHas } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, DomainError, invalid, notFound } from '../../domain/errors.ts';
import { presentUser } from './user-presenter.ts';

/** The roles that manage accounts: the system must always keep one enabled account holding one. */
const ADMIN_ROLES = ROLES.filter((r) => roleHas(r, 'users.manage'));

/**
 * Disabling also ends the user's open sessions at once. An administrator cannot disable their own
 * account, and nobody can disable the last enabled administrator (no one could then manage
 * accounts but through the command line).
 */
export async function setUserDisabled(db: Db, actor: Actor, username: string, disabled: boolean) {
  assertPermission(actor, 'users.manage');
  return db.transaction(async (tx) => {
    const before = await findUserByUsername(tx, username);
    if (!before) throw notFound(`用户 ${username} 不存在`, 'username');
    if (disabled && before.id === actor.userId) throw invalid('username', '不能停用自己的账号:请由另一位管理员操作');
    if (disabled && !before.disabled && (ADMIN_ROLES as readonly string[]).includes(before.role)) {
      // Locked until commit: two administrators disabling each other decide one after the other.
      const enabledAdmins = await lockEnabledAccounts(tx, ADMIN_ROLES);
      // The actor's own account may have been disabled since their request was let in.
      if (actor.userId && !enabledAdmins.includes(actor.userId)) throw new DomainError('UNAUTHENTICATED', '您的账号已被停用 (account disabled)');
      if (!enabledAdmins.some((id) => id !== before.id)) {
        throw conflict('不能停用最后一个启用的管理员账号:请先新建或启用另一位市级管理员', 'username');
      }
    }
    const after = (await updateUser(tx, before.id, { disabled }))!;
    if (disabled) await deleteUserSessions(tx, before.id);
    await appendAudit(tx, actor, { action: disabled ? 'disable' : 'enable', entity: 'user', entityId: before.id, before: presentUser(before), after: presentUser(after) });
    return presentUser(after);
  });
}
