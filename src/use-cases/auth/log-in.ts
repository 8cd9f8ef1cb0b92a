// Sign-in with 等保 failure handling that holds under any parallelism. Every decision is one
// conditional statement in login-throttle-repository.ts; unknown and existing usernames walk the
// same path and get the same answers, so the form cannot be used to find account names.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { blockedUntil, claimAttempt, clearThrottle, countFailure, pruneThrottle, type ThrottleKey } from '../../db/repositories/login-throttle-repository.ts';
import { findUserByUsername, insertSession, pruneIdleSessions } from '../../db/repositories/user-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { dummyHash, verifyPassword } from '../../lib/password-hash.ts';
import { IDLE_TIMEOUT_MS, LOGIN_THROTTLE, type LoginThrottlePolicy } from './session-policy.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: string;
}

const badCredentials = () => new DomainError('UNAUTHENTICATED', '用户名或密码错误', 'password');

/**
 * The sign-in counters a password check is claimed against: the account from this address (the
 * lockout), the account from anywhere and the address across accounts (the delays). Changing one's
 * password checks the old one against the same counters, so a stolen session cannot guess faster.
 */
export function throttleKeys(username: string, ipOrNull: string | null): { pair: ThrottleKey; account: ThrottleKey; address: ThrottleKey } {
  const ip = ipOrNull ?? 'unknown';
  // JSON keys: unambiguous whatever characters a typed username holds.
  return {
    pair: { key: JSON.stringify(['pair', username, ip]), username, ip },
    account: { key: JSON.stringify(['account', username]), username, ip: null },
    address: { key: JSON.stringify(['address', ip]), username: null, ip },
  };
}

/** "Wait 3 分钟" in the words of the sign-in form, with the seconds for Retry-After. */
export function waitError(until: Date, now: Date, message: (wait: string) => string, field = 'username'): DomainError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
  return new DomainError('LOCKED', message(wait), field, { retryAfterSeconds: seconds });
}

let lastPrune = 0;

export async function logIn(
  db: Db, input: { username: string; password: string; ip: string | null; userAgent?: string | null }, now = new Date(), policy: LoginThrottlePolicy = LOGIN_THROTTLE,
): Promise<LoginResult> {
  const { pair, account, address } = throttleKeys(input.username, input.ip);
  const audit = (userId: string | null, result: string) =>
    db.transaction((tx) => appendAudit(tx, { userId, name: input.username, ip: input.ip }, { action: 'login', entity: 'session', entityId: userId, result }));

  if (now.getTime() - lastPrune > 3_600_000) {
    lastPrune = now.getTime();
    await pruneThrottle(db, now);
    await pruneIdleSessions(db, now, IDLE_TIMEOUT_MS);
  }

  // Slowed down (this account from anywhere, or this address across accounts): refuse before any
  // password check, and count nothing more.
  const slowed = await blockedUntil(db, [account.key, address.key], now);
  if (slowed) {
    await audit(null, 'throttled');
    throw waitError(slowed, now, (w) => `登录尝试过于频繁,请 ${w}后再试 (too many attempts, try again later)`);
  }
  // The lockout: this attempt is counted before the password is checked, by one atomic upsert
  // that refuses when the pair is locked — 40 parallel guesses get 5 checks, not 40.
  const claim = await claimAttempt(db, pair, now, policy.maxFailures, policy.lockMs, policy.windowMs);
  if (!claim.claimed) {
    await audit(null, 'locked');
    throw waitError(claim.blockedUntil, now, (w) => `连续登录失败次数过多,已锁定,请 ${w}后再试 (locked after repeated failures)`);
  }

  const user = await findUserByUsername(db, input.username);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !passwordOk) {
    await countFailure(db, account, now, policy.accountFreeFailures, policy.maxDelayMs, policy.windowMs);
    await countFailure(db, address, now, policy.addressFreeFailures, policy.maxDelayMs, policy.windowMs);
    const result = !user ? 'unknown_user' : user.disabled ? 'failed_disabled' : 'failed';
    if (claim.attempts >= policy.maxFailures) {
      await audit(user?.id ?? null, `${result}_locked`);
      throw new DomainError('LOCKED', `连续${policy.maxFailures}次登录失败,已锁定 ${Math.round(policy.lockMs / 60_000)} 分钟 (locked after ${policy.maxFailures} failures)`, 'password',
        { retryAfterSeconds: Math.round(policy.lockMs / 1000) });
    }
    await audit(user?.id ?? null, result);
    throw badCredentials();
  }

  await clearThrottle(db, [pair.key, account.key]);
  // Only the right password learns that the account is disabled.
  if (user.disabled) {
    await audit(user.id, 'disabled');
    throw new DomainError('UNAUTHENTICATED', '账号已停用,请联系管理员 (account disabled)', 'username');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await insertSession(tx, { id: hashToken(token), userId: user.id, csrfToken, ip: input.ip, userAgent: input.userAgent ?? null, createdAt: now, lastSeenAt: now });
    await appendAudit(tx, { userId: user.id, name: input.username, ip: input.ip }, { action: 'login', entity: 'session', entityId: user.id, result: 'ok' });
  });
  return { token, csrfToken, userId: user.id };
}
