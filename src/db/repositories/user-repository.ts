import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { departments, regions, sessions, users } from '../schema/core.ts';
import { enterprises } from '../schema/enterprises.ts';

export type UserRow = typeof users.$inferSelect;

export const findUserByUsername = async (db: Executor, username: string) =>
  (await db.select().from(users).where(eq(users.username, username)))[0];

export const findUserById = async (db: Executor, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)))[0];

export const listUsers = (db: Executor) => db.select().from(users).orderBy(asc(users.username));

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

export async function findSession(db: Executor, id: string) {
  const rows = await db.select({ session: sessions, user: users }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id));
  return rows[0];
}

export const insertSession = (db: Executor, values: typeof sessions.$inferInsert) => db.insert(sessions).values(values);

export const deleteSession = (db: Executor, id: string) => db.delete(sessions).where(eq(sessions.id, id));
export const deleteUserSessions = (db: Executor, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));

export const touchSession = (db: Executor, id: string, now: Date) =>
  db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
