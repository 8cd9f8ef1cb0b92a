import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { sessions, users } from '../schema/core.ts';

export type UserRow = typeof users.$inferSelect;

export const findUserByUsername = async (db: Executor, username: string) =>
  (await db.select().from(users).where(eq(users.username, username)))[0];

export const findUserById = async (db: Executor, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)))[0];

export const listUsers = (db: Executor) => db.select().from(users).orderBy(asc(users.username));

export async function findSession(db: Executor, id: string) {
  const rows = await db.select({ session: sessions, user: users }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id));
  return rows[0];
}

export const deleteSession = (db: Executor, id: string) => db.delete(sessions).where(eq(sessions.id, id));
export const deleteUserSessions = (db: Executor, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));

export const touchSession = (db: Executor, id: string, now: Date) =>
  db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
