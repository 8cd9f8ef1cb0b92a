import type { UserRow } from '../../db/repositories/user-repository.ts';

/** What leaves the server about a user: never the hash. `locked`: a sign-in lock is running. */
export function presentUser(u: UserRow, locked = false) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    regionId: u.regionId,
    enterpriseId: u.enterpriseId,
    organisationId: u.organisationId,
    departmentId: u.departmentId,
    disabled: u.disabled,
    locked,
    createdAt: u.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof presentUser>;
