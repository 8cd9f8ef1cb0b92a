// Which rows an actor may see at all: everything, one region, one enterprise, or nothing. List
// queries turn this into a filter; single records are checked with inScope.
import type { Actor } from '../actor.ts';
import type { Role } from './roles.ts';

/** Roles that see every region of both cities. */
const CITY_WIDE: ReadonlySet<Role> = new Set(['city_admin', 'city_reviewer', 'supervisor', 'finance']);

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

/** The one region an actor's region-level data is limited to: null for all regions, 'none' for none. */
export function readableRegion(actor: Actor): string | null | 'none' {
  const scope = dataScope(actor);
  if (scope.kind === 'all') return null;
  if (scope.kind === 'region') return scope.regionId;
  return 'none';
}

/** Region-level records (targets, assessment figures): city-wide roles all, an officer their own. */
export function canReadRegion(actor: Actor, regionId: string): boolean {
  const r = readableRegion(actor);
  return r === null || r === regionId;
}

/** Regions an actor may write records for: the city admin any region, an officer only their own. */
export function canWriteRegion(actor: Actor, regionId: string): boolean {
  if (actor.role === 'city_admin') return true;
  return actor.role === 'region_officer' && actor.regionId === regionId;
}
