// Failed sign-in counters. Each decision is one statement on one row, so no number of parallel
// attempts can slip past a limit: the row lock of the upsert orders them.
import { and, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { loginThrottle } from '../schema/core.ts';

export interface ThrottleKey {
  key: string;
  username: string | null;
  ip: string | null;
}

/**
 * Claims one attempt on a hard-locked key (an account from one address): counts it before the
 * password is checked, unless the key is locked. The attempt that reaches `max` sets the lock, so
 * of any burst exactly `max` attempts get their password checked. A lapsed lock or an old window
 * starts the count again.
 */
export async function claimAttempt(db: Executor, k: ThrottleKey, now: Date, max: number, lockMs: number, windowMs: number):
  Promise<{ claimed: true; attempts: number } | { claimed: false; blockedUntil: Date }> {
  const lockEnd = new Date(now.getTime() + lockMs);
  const windowStart = new Date(now.getTime() - windowMs);
  const restart = sql`(${loginThrottle.blockedUntil} is not null and ${loginThrottle.blockedUntil} <= ${now}) or ${loginThrottle.windowStartedAt} < ${windowStart}`;
  const next = sql`case when ${restart} then 1 else ${loginThrottle.failures} + 1 end`;
  const rows = await db.insert(loginThrottle)
    .values({ ...k, failures: 1, windowStartedAt: now, blockedUntil: max <= 1 ? lockEnd : null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: next,
        windowStartedAt: sql`case when ${restart} then ${now} else ${loginThrottle.windowStartedAt} end`,
        blockedUntil: sql`case when ${next} >= ${max} then ${lockEnd}::timestamptz else null end`,
      },
      setWhere: sql`${loginThrottle.blockedUntil} is null or ${loginThrottle.blockedUntil} <= ${now}`,
    })
    .returning({ failures: loginThrottle.failures });
  if (rows[0]) return { claimed: true, attempts: rows[0].failures };
  const [row] = await db.select({ blockedUntil: loginThrottle.blockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, k.key));
  return { claimed: false, blockedUntil: row?.blockedUntil ?? lockEnd };
}

/**
 * Counts a failure on a soft key (an account from anywhere, an address across accounts). The first
 * `free` failures in the window cost nothing; each one after blocks the key for a delay that
 * doubles with every further failure (1 s, 2 s, 4 s …), up to `maxDelayMs` (ASVS 2.2.1).
 */
export async function countFailure(db: Executor, k: ThrottleKey, now: Date, free: number, maxDelayMs: number, windowMs: number): Promise<void> {
  const windowStart = new Date(now.getTime() - windowMs);
  const restart = sql`${loginThrottle.windowStartedAt} < ${windowStart}`;
  const next = sql`case when ${restart} then 1 else ${loginThrottle.failures} + 1 end`;
  await db.insert(loginThrottle)
    .values({ ...k, failures: 1, windowStartedAt: now, blockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: next,
        windowStartedAt: sql`case when ${restart} then ${now} else ${loginThrottle.windowStartedAt} end`,
        blockedUntil: sql`case when ${next} > ${free}
          then ${now}::timestamptz + least(power(2, least(${next} - ${free} - 1, 30)) * interval '1 second', ${maxDelayMs} * interval '1 millisecond')
          else null end`,
      },
    });
}

/** The latest end of a block among `keys` that is still running, if any. */
export async function blockedUntil(db: Executor, keys: string[], now: Date): Promise<Date | null> {
  const [row] = await db.select({ until: sql<string | null>`max(${loginThrottle.blockedUntil})` }).from(loginThrottle)
    .where(and(inArray(loginThrottle.key, keys), gt(loginThrottle.blockedUntil, now)));
  return row?.until ? new Date(row.until) : null;
}

export const clearThrottle = (db: Executor, keys: string[]) => db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));

/** Lifts every lock and count of an account (an administrator reset its password). */
export const clearAccountThrottle = (db: Executor, username: string) => db.delete(loginThrottle).where(eq(loginThrottle.username, username));

/** Usernames with a block running now (shown as 已锁定 in the account list). */
export async function blockedUsernames(db: Executor, now: Date): Promise<Set<string>> {
  const rows = await db.selectDistinct({ username: loginThrottle.username }).from(loginThrottle)
    .where(and(isNotNull(loginThrottle.username), gt(loginThrottle.blockedUntil, now)));
  return new Set(rows.map((r) => r.username!));
}

/** Counters nobody has touched for a day are of no use to any rule. */
export const pruneThrottle = (db: Executor, now: Date) =>
  db.delete(loginThrottle).where(sql`${loginThrottle.windowStartedAt} < ${new Date(now.getTime() - 86_400_000)} and (${loginThrottle.blockedUntil} is null or ${loginThrottle.blockedUntil} < ${now})`);
