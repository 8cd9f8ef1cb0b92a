// 等保 2.0 三级 basics: lock an account for 15 minutes after 5 consecutive failed logins, end a
// session after 30 minutes without activity.
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const SESSION_COOKIE = 'zgsz_session';
export const CSRF_HEADER = 'x-csrf-token';
