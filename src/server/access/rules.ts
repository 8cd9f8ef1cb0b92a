// Every permission and the roles holding it: the one place authorization is declared. Routes name
// a permission (deny by default: a route without one is refused at start-up); use cases apply the
// data scope below, so the CLI and the API share the same rules.
import type { Actor, Role } from '../../domain/actor.ts';
import { forbidden } from '../../domain/errors.ts';

const CITY: Role[] = ['city_admin', 'city_reviewer'];
const ALL: Role[] = ['city_admin', 'city_reviewer', 'region_officer', 'enterprise', 'provider', 'supervisor', 'finance'];

export const PERMISSIONS = {
  /** Open to anyone, signed in or not. */
  'public': 'public',
  /** Any signed-in user. */
  'session': ALL,
  'regions.read': ALL,
  'enterprises.read': [...CITY, 'region_officer', 'enterprise', 'supervisor', 'finance'],
  'enterprises.create': ['city_admin', 'region_officer'],
  'enterprises.update': ['city_admin', 'region_officer', 'enterprise'],
  'enterprises.import': ['city_admin', 'region_officer'],
  'enterprises.export': [...CITY, 'region_officer', 'finance'],
  'users.read': ['city_admin'],
  'users.manage': ['city_admin'],
  'audit.read': ['city_admin', 'supervisor'],
  'audit.verify': ['city_admin', 'supervisor'],
  // 附件2 assessment: officers record and read their own region; the city sets targets and
  // readings, records deductions (减分项 are imposed by the city) and sees every region.
  'assessment.read': [...CITY, 'region_officer', 'finance'],
  'assessment.record': ['city_admin', 'region_officer'],
  'assessment.deduct': ['city_admin'],
  'assessment.targets': ['city_admin'],
  // 核查程序: the city submits the scored year; 考核办 (finance/assessment) approves or returns it.
  'assessment.submit': ['city_admin'],
  'assessment.approve': ['finance'],
  // Policy library and entitlement engine: reading the texts and evaluating one case are open to
  // every signed-in user; population batches and what-ifs (budget impact) to the offices.
  'policies.read': ALL,
  'policies.evaluate': ALL,
  'policies.batch': [...CITY, 'region_officer', 'finance'],
} as const satisfies Record<string, readonly Role[] | 'public'>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(name: unknown): name is Permission {
  return typeof name === 'string' && Object.hasOwn(PERMISSIONS, name);
}

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  const rule = PERMISSIONS[permission];
  if (rule === 'public') return true;
  return actor !== null && (rule as readonly Role[]).includes(actor.role);
}

export function assertPermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw forbidden();
}

/** Roles that see every region of both cities. */
const CITY_WIDE: ReadonlySet<Role> = new Set(['city_admin', 'city_reviewer', 'supervisor', 'finance']);

/**
 * The rows an actor may see: everything, one region, one enterprise, or nothing. List queries add
 * this as a filter, single-record reads and writes check it.
 */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'region'; regionId: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'none' };

export function dataScope(actor: Actor): DataScope {
  if (CITY_WIDE.has(actor.role)) return { kind: 'all' };
  if (actor.role === 'region_officer' && actor.regionId) return { kind: 'region', regionId: actor.regionId };
  if (actor.role === 'enterprise' && actor.enterpriseId) return { kind: 'enterprise', enterpriseId: actor.enterpriseId };
  return { kind: 'none' };
}

export function inScope(actor: Actor, record: { regionId: string; enterpriseId?: string | null }): boolean {
  const scope = dataScope(actor);
  switch (scope.kind) {
    case 'all': return true;
    case 'region': return record.regionId === scope.regionId;
    case 'enterprise': return record.enterpriseId === scope.enterpriseId;
    case 'none': return false;
  }
}

/** Regions an actor may write records for: the city roles any region, an officer only their own. */
export function canWriteRegion(actor: Actor, regionId: string): boolean {
  if (actor.role === 'city_admin') return true;
  return actor.role === 'region_officer' && actor.regionId === regionId;
}
