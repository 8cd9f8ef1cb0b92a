// 等保 2.0 三级 basics and ASVS V2/V3: sign-in failure handling and session lifetime.
import type { SessionLimits } from '../../db/repositories/user-repository.ts';

export const SESSION_COOKIE = 'zgsz_session';
/**
 * The session cookie's name: every place that sets, reads or clears it asks here. Behind HTTPS
 * (ZGSZ_SECURE_COOKIES=1) it carries the __Host- prefix, which browsers accept only with Secure,
 * Path=/ and no Domain, so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite it.
 */
export const sessionCookieName = (secureCookies: boolean): string => (secureCookies ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
export const CSRF_HEADER = 'x-csrf-token';
/** A session ends after 30 minutes without activity. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** …and, however active, this many hours after sign-in unless ZGSZ_SESSION_MAX_HOURS says otherwise. */
export const DEFAULT_SESSION_MAX_HOURS = 12;

/** The limits a session is resolved against; the absolute one comes from the configuration. */
export function sessionLimits(maxHours: number = DEFAULT_SESSION_MAX_HOURS): SessionLimits {
  // last_seen_at is written at most once a minute: the idle clock needs no finer precision.
  return { idleMs: IDLE_TIMEOUT_MS, maxMs: maxHours * 3_600_000, touchAfterMs: 60_000 };
}

export interface LoginThrottlePolicy {
  /** Failures of one account from one address that lock that pair (等保: 登录失败处理). */
  maxFailures: number;
  lockMs: number;
  /** Failures of one account from any address before each further one costs a growing delay. */
  accountFreeFailures: number;
  /** Failures from one address across accounts before each further one costs a growing delay. */
  addressFreeFailures: number;
  maxDelayMs: number;
  /** Counts older than this start again. */
  windowMs: number;
}

/**
 * Five failures lock the account for 15 minutes — from the address they came from. Locking it for
 * everyone would let five anonymous guesses shut any administrator out; an attacker spread over
 * many addresses is slowed instead by the per-account delays, one hammering many accounts by the
 * per-address delays.
 */
export const LOGIN_THROTTLE: LoginThrottlePolicy = {
  maxFailures: 5,
  lockMs: 15 * 60_000,
  accountFreeFailures: 10,
  addressFreeFailures: 30,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
};
