import type { Executor } from '../../db/client.ts';
import { listEventRows } from '../../db/repositories/assessment-records-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentEvent } from './record-event.ts';
import { recordFilter } from './record-filter.ts';

/** The year's 加分/减分 events; an officer sees their own region's. */
export async function listEvents(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const f = recordFilter(actor, year, { regionId });
  return f ? (await listEventRows(db, f)).map(presentEvent) : [];
}
