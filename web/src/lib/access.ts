// What the signed-in role may do, read from the domain's own permission table so the menu and
// buttons never disagree with the API (which enforces them, and the record-level checks, anyway).
// `allows` asks the domain's record-level checks (own region, state of the record) the same way.
import { type CheckName, type Checks, can as canOnRecord } from '../../../src/domain/access/checks.ts';
import { type Permission, roleHas } from '../../../src/domain/access/permissions.ts';
import type { Role, User } from '../api/types.ts';

export type { Permission };

export const can = (role: Role | undefined, permission: Permission): boolean => roleHas(role, permission);

/** Whether the record-level check lets this user act on this record (e.g. review a claim of their region). */
export function allows<K extends CheckName>(user: User, check: K, record: Checks[K]): boolean {
  return canOnRecord({ userId: user.id, name: user.username, role: user.role, regionId: user.regionId, enterpriseId: user.enterpriseId, organisationId: user.organisationId ?? null, ip: null }, check, record);
}
