import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.ts';
import { departments, regions, sessions, users } from '../schema/core.ts';
import { reportVersions } from '../schema/report-cache.ts';
import { enterprises } from '../schema/enterprises.ts';

export type UserRow = typeof users.$inferSelect;

export const findUserByUsername = async (db: Executor, username: string) =>
  (await db.select().from(users).where(eq(users.username, username)))[0];

export const findUserById = async (db: Executor, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)))[0];

export const listUsers = (db: Executor) => db.select().from(users).orderBy(asc(users.username));

export const hasAnyUser = async (db: Executor) => (await db.select({ id: users.id }).from(users).limit(1)).length > 0;

/** Inserts unless the username is taken (a concurrent creation included): no row back then. */
export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing({ target: users.username }).returning();
  return row;
}

export async function updateUser(db: Executor, id: string, set: Partial<Pick<UserRow, 'passwordHash' | 'passwordChangedAt' | 'disabled'>>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(set).where(eq(users.id, id)).returning();
  return row;
}

export const regionExists = async (db: Executor, id: string) => (await db.select({ id: regions.id }).from(regions).where(eq(regions.id, id))).length > 0;
export const enterpriseExists = async (db: Executor, id: string) => (await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, id))).length > 0;
export const departmentExists = async (db: Executor, id: string) => (await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id))).length > 0;

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
  /** last_seen_at is written only when older than this (the idle clock needs no finer precision). */
  touchAfterMs: number;
}

/** `now` minus `ms`, as a timestamptz the database compares with. */
const before = (now: Date, ms: number) => sql`${now.toISOString()}::timestamptz - make_interval(secs => ${ms / 1000})`;

export interface LiveSession {
  csrfToken: string;
  /** report_versions as this statement saw them (every area's version; see use-cases/report-cache.ts). */
  reportVersions: Map<string, number>;
  user: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'regionId' | 'enterpriseId' | 'organisationId' | 'departmentId'>;
}

/**
 * The one statement that resolves a session: it is live only if its user is enabled, it was seen
 * within the idle timeout and opened within the absolute lifetime, all judged by the database at
 * `now`. In the same statement a live session's last-seen time is moved on (at most once a
 * minute) and a dead one is deleted, so no later step can revive what this one refused.
 */
export async function resolveLiveSession(db: Executor, id: string, now: Date, limits: SessionLimits): Promise<LiveSession | undefined> {
  // Data-modifying WITH clauses run to completion whether or not the final select reads them.
  const rows = await queryRows<LiveSession['user'] & { csrfToken: string; reportVersions: Record<string, number | string> | null }>(db, sql`
    with live as (
      select s.id, s.csrf_token, u.id as user_id, u.username, u.display_name, u.role, u.region_id, u.enterprise_id,
        u.organisation_id, u.department_id
      from ${sessions} s join ${users} u on u.id = s.user_id
      where s.id = ${id} and not u.disabled and s.last_seen_at > ${before(now, limits.idleMs)} and s.created_at > ${before(now, limits.maxMs)}
    ), touched as (
      update ${sessions} set last_seen_at = ${now.toISOString()}::timestamptz
      where id in (select id from live) and last_seen_at < ${before(now, limits.touchAfterMs)}
    ), ended as (
      delete from ${sessions} where id = ${id} and id not in (select id from live)
    )
    select csrf_token as "csrfToken", user_id as "id", username, display_name as "displayName", role, region_id as "regionId",
      enterprise_id as "enterpriseId", organisation_id as "organisationId", department_id as "departmentId",
      (select json_object_agg(area, version) from ${reportVersions}) as "reportVersions"
    from live`);
  const row = rows[0];
  if (!row) return undefined;
  const { csrfToken, reportVersions: versions, ...user } = row;
  return { csrfToken, user, reportVersions: new Map(Object.entries(versions ?? {}).map(([area, v]) => [area, Number(v)])) };
}

export const insertSession = (db: Executor, values: typeof sessions.$inferInsert) => db.insert(sessions).values(values);

/** A user's own sessions, newest first. Expired ones are left out (they are pruned at sign-in). */
export function listUserSessions(db: Executor, userId: string, now: Date, limits: Pick<SessionLimits, 'idleMs' | 'maxMs'>) {
  return db.select({ id: sessions.id, ip: sessions.ip, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId),
      sql`${sessions.lastSeenAt} > ${before(now, limits.idleMs)}`, sql`${sessions.createdAt} > ${before(now, limits.maxMs)}`))
    .orderBy(desc(sessions.createdAt));
}

export const deleteSession = (db: Executor, id: string) => db.delete(sessions).where(eq(sessions.id, id));
export const deleteUserSessions = (db: Executor, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));

/** Ends one session of this user only: another user's session id deletes nothing (false). */
export async function deleteOwnSession(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.userId, userId))).returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every session of the user but `keep`; returns how many ended. */
export async function deleteOtherSessions(db: Executor, userId: string, keep: string): Promise<number> {
  const rows = await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keep))).returning({ id: sessions.id });
  return rows.length;
}

/**
 * Deletes sessions idle past the timeout: nobody can use them any more. (One past the absolute
 * lifetime but still in use is refused and deleted by the next request it makes, and is idle soon.)
 */
export async function pruneIdleSessions(db: Executor, now: Date, idleMs: number): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.lastSeenAt} <= ${before(now, idleMs)}`);
}

/**
 * Sets a new password only if the stored hash is still the one the old password was checked
 * against: of two concurrent changes, the second finds the hash moved on and changes nothing.
 */
export async function replacePasswordHash(db: Executor, userId: string, expectedHash: string, passwordHash: string, at: Date): Promise<boolean> {
  const rows = await db.update(users).set({ passwordHash, passwordChangedAt: at })
    .where(and(eq(users.id, userId), eq(users.passwordHash, expectedHash))).returning({ id: users.id });
  return rows.length > 0;
}

/**
 * Locks the enabled accounts of the given (administrator) roles, in id order so that concurrent
 * callers queue rather than deadlock, and returns their ids as committed now. Two administrators
 * disabling each other therefore decide one after the other: the second sees the first's change.
 */
export async function lockEnabledAccounts(db: Executor, roles: readonly string[]): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users)
    .where(and(inArray(users.role, [...roles]), eq(users.disabled, false)))
    .orderBy(asc(users.id)).for('update');
  return rows.map((r) => r.id);
}
