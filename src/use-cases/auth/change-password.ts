// A user changes their own password (等保 8.1.4.1, ASVS 2.1.5/2.1.6): the old password is required
// and checked against the sign-in counters, so a session left open or stolen neither takes the
// account over nor guesses the password faster than the sign-in form would allow.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { blockedUntil, claimAttempt, clearThrottle, countFailure } from '../../db/repositories/login-throttle-repository.ts';
import { deleteOtherSessions, findUserById, replacePasswordHash } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { type PasswordRules, passwordProblem } from '../../domain/auth/password-rules.ts';
import { conflict, DomainError, invalid, notFound } from '../../domain/errors.ts';
import { commonPasswords } from '../../io/common-passwords.ts';
import { hashPassword, verifyPassword } from '../../lib/password-hash.ts';
import { throttleKeys, waitError } from './log-in.ts';
import { LOGIN_THROTTLE, type LoginThrottlePolicy } from './session-policy.ts';

export interface ChangePasswordInput {
  oldPassword: string;
  newPassword: string;
}

/** Sets the user's new password and ends every other session of theirs; the current one stays. */
export async function changePassword(
  db: Db, actor: Actor, currentSessionId: string, input: ChangePasswordInput, rules: PasswordRules,
  now = new Date(), policy: LoginThrottlePolicy = LOGIN_THROTTLE,
): Promise<{ endedSessions: number }> {
  if (!actor.userId) throw invalid('oldPassword', '命令行没有登录账号:请用 zgsz user reset-password 重置密码');
  const problem = passwordProblem(input.newPassword, rules, { username: actor.name, common: commonPasswords() });
  if (problem) throw invalid('newPassword', `新${problem}`);
  if (input.newPassword.normalize('NFKC') === input.oldPassword.normalize('NFKC')) throw invalid('newPassword', '新密码不能与原密码相同');

  const audit = (result: string) =>
    db.transaction((tx) => appendAudit(tx, actor, { action: 'change_password', entity: 'user', entityId: actor.userId, result }));
  const { pair, account, address } = throttleKeys(actor.name, actor.ip);
  const slowed = await blockedUntil(db, [account.key, address.key], now);
  if (slowed) {
    await audit('throttled');
    throw waitError(slowed, now, (w) => `密码核验尝试过于频繁,请 ${w}后再试 (too many attempts)`, 'oldPassword');
  }
  const claim = await claimAttempt(db, pair, now, policy.maxFailures, policy.lockMs, policy.windowMs);
  if (!claim.claimed) {
    await audit('locked');
    throw waitError(claim.blockedUntil, now, (w) => `连续密码错误次数过多,已锁定,请 ${w}后再试 (locked after repeated failures)`, 'oldPassword');
  }

  const user = await findUserById(db, actor.userId);
  if (!user) throw notFound('账号不存在', 'username');
  if (!(await verifyPassword(input.oldPassword, user.passwordHash))) {
    await countFailure(db, account, now, policy.accountFreeFailures, policy.maxDelayMs, policy.windowMs);
    await countFailure(db, address, now, policy.addressFreeFailures, policy.maxDelayMs, policy.windowMs);
    if (claim.attempts >= policy.maxFailures) {
      await audit('failed_locked');
      throw new DomainError('LOCKED', `连续${policy.maxFailures}次原密码错误,已锁定 ${Math.round(policy.lockMs / 60_000)} 分钟(登录同样锁定)`, 'oldPassword',
        { retryAfterSeconds: Math.round(policy.lockMs / 1000) });
    }
    await audit('failed');
    // 400, not 401: the session is fine, only the old password is wrong.
    throw invalid('oldPassword', '原密码不正确');
  }
  await clearThrottle(db, [pair.key, account.key]);

  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    // Two changes racing with the same old password: the first wins, the second changes nothing.
    if (!(await replacePasswordHash(tx, user.id, user.passwordHash, passwordHash, now))) {
      throw conflict('密码刚刚已被修改,请用新密码重新操作', 'oldPassword');
    }
    const endedSessions = await deleteOtherSessions(tx, user.id, currentSessionId);
    await appendAudit(tx, actor, { action: 'change_password', entity: 'user', entityId: user.id, result: 'ok', after: { endedSessions } });
    return { endedSessions };
  });
}
