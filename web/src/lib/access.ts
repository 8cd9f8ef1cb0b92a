// What the signed-in role may do, read from the domain's own permission table so the menu and
// buttons never disagree with the API (which enforces them, and the record-level checks, anyway).
import { type Permission, roleHas } from '../../../src/domain/access/permissions.ts';
import type { Role } from '../api/types.ts';

export type { Permission };

export const can = (role: Role | undefined, permission: Permission): boolean => roleHas(role, permission);
