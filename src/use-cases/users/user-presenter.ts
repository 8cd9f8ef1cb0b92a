import type { UserRow } from '../../db/repositories/user-repository.ts';

/** What leaves the server about a user: never the hash or the lockout counters. */
export function presentUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    regionId: u.regionId,
    enterpriseId: u.enterpriseId,
    disabled: u.disabled,
    locked: u.lockedUntil !== null && u.lockedUntil > new Date(),
    createdAt: u.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof presentUser>;
