import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { clearAccountThrottle } from '../../db/repositories/login-throttle-repository.ts';
import { deleteUserSessions, findUserByUsername, updateUser } from '../../db/repositories/user-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { type PasswordRules, passwordProblem } from '../../domain/auth/password-rules.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { commonPasswords } from '../../io/common-passwords.ts';
import { hashPassword } from '../../lib/password-hash.ts';

/** An administrator sets a new password; the account's sign-in locks are lifted and open sessions end. */
export async function resetPassword(db: Db, actor: Actor, username: string, password: string, rules: PasswordRules): Promise<void> {
  assertPermission(actor, 'users.manage');
  const problem = passwordProblem(password, rules, { username, common: commonPasswords() });
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await findUserByUsername(tx, username);
    if (!user) throw notFound(`用户 ${username} 不存在`, 'username');
    await updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
    await clearAccountThrottle(tx, username);
    await deleteUserSessions(tx, user.id);
    await appendAudit(tx, actor, { action: 'reset_password', entity: 'user', entityId: user.id });
  });
}
