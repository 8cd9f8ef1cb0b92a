// Shared filter of the record lists: the year, the actor's region scope, an optional region.
import type { RecordFilter } from '../../db/repositories/assessment-records-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { checkYear, readableRegion } from './assessment-scope.ts';

/** null when the actor may see no region at all. */
export function recordFilter(actor: Actor, year: number, filter: { regionId?: string | undefined; category?: string | undefined } = {}): RecordFilter | null {
  const scope = readableRegion(actor);
  if (scope === 'none') return null;
  return { year: checkYear(year), scopeRegionId: scope, ...filter };
}
