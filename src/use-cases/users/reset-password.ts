import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteUserSessions, findUserByUsername } from '../../db/repositories/user-repository.ts';
import { users } from '../../db/schema/core.ts';
import type { Actor } from '../../domain/actor.ts';
import { type PasswordRules, passwordProblem } from '../../domain/auth/password-rules.ts';
import { notFound, invalid } from '../../domain/errors.ts';
import { hashPassword } from '../../lib/password-hash.ts';
import { assertPermission } from '../../server/access/rules.ts';

/** An administrator sets a new password; the lockout is lifted and open sessions end. */
export async function resetPassword(db: Db, actor: Actor, username: string, password: string, rules: PasswordRules): Promise<void> {
  assertPermission(actor, 'users.manage');
  const problem = passwordProblem(password, rules);
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await findUserByUsername(tx, username);
    if (!user) throw notFound(`用户 ${username} 不存在`, 'username');
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id);
    await appendAudit(tx, actor, { action: 'reset_password', entity: 'user', entityId: user.id });
  });
}
