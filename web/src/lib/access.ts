// What the signed-in role may do, read from the server's own rule table so the menu and buttons
// never disagree with the API (which enforces them regardless).
import { PERMISSIONS, type Permission } from '../../../src/server/access/rules.ts';
import type { Role } from '../api/types.ts';

export type { Permission };

export function can(role: Role | undefined, permission: Permission): boolean {
  if (!role) return false;
  const rule = PERMISSIONS[permission];
  return rule === 'public' || (rule as readonly Role[]).includes(role);
}
