// Shared filter of the record lists: the year, the actor's region scope, an optional region.
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../domain/actor.ts';
import { checkYear, readableRegion } from './assessment-scope.ts';

/** null when the actor may see no region at all. */
export function recordConditions(actor: Actor, year: number, table: { year: PgColumn; regionId: PgColumn }, regionId?: string): SQL | undefined | null {
  const scope = readableRegion(actor);
  const conds: (SQL | undefined)[] = [eq(table.year, checkYear(year))];
  if (scope === 'none') return null;
  if (scope) conds.push(eq(table.regionId, scope));
  if (regionId) conds.push(eq(table.regionId, regionId));
  return and(...conds);
}
