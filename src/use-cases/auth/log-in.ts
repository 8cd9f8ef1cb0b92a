import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findUserByUsername } from '../../db/repositories/user-repository.ts';
import { sessions, users } from '../../db/schema/core.ts';
import { DomainError } from '../../domain/errors.ts';
import { dummyHash, verifyPassword } from '../../lib/password-hash.ts';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from './session-policy.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: string;
}

/**
 * Checks the password, applies the lockout and opens a session. Every attempt, good or bad, is
 * written to the audit log with its IP. The same message is given for an unknown user and a wrong
 * password so the form cannot be used to find account names.
 */
export async function logIn(db: Db, input: { username: string; password: string; ip: string | null }, now = new Date()): Promise<LoginResult> {
  const user = await findUserByUsername(db, input.username);
  const who = { userId: user?.id ?? null, name: input.username, ip: input.ip };
  const fail = async (result: string, error: DomainError) => {
    await db.transaction((tx) => appendAudit(tx, who, { action: 'login', entity: 'session', entityId: user?.id ?? null, result }));
    throw error;
  };
  const badCredentials = new DomainError('UNAUTHENTICATED', '用户名或密码错误 (wrong username or password)', 'password');

  if (!user) {
    await verifyPassword(input.password, await dummyHash());
    return fail('unknown_user', badCredentials);
  }
  if (user.disabled) return fail('disabled', new DomainError('UNAUTHENTICATED', '账号已停用,请联系管理员 (account disabled)', 'username'));
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    return fail('locked', new DomainError('LOCKED', `连续登录失败次数过多,账号已锁定,请 ${minutes} 分钟后再试 (account locked)`, 'username'));
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    // The increment is done in SQL so concurrent failures cannot undercount.
    const failures = user.lockedUntil && user.lockedUntil <= now ? 1 : user.failedLogins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await db.update(users).set({
      failedLogins: lock ? 0 : sql`case when ${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now} then 1 else ${users.failedLogins} + 1 end`,
      lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS) : null,
    }).where(eq(users.id, user.id));
    return fail(lock ? 'failed_locked' : 'failed', lock
      ? new DomainError('LOCKED', `连续${MAX_FAILED_LOGINS}次登录失败,账号锁定15分钟 (account locked for 15 minutes)`, 'password')
      : badCredentials);
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({ id: hashToken(token), userId: user.id, csrfToken, ip: input.ip, createdAt: now, lastSeenAt: now });
    await appendAudit(tx, who, { action: 'login', entity: 'session', entityId: user.id, result: 'ok' });
  });
  return { token, csrfToken, userId: user.id };
}
