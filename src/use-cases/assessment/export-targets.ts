import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../domain/actor.ts';
import { targetsWorkbookBuffer } from '../../reports/assessment/targets-workbook.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { canRead, requireTargets, assertAssessedReader } from './assessment-scope.ts';

/** The year's target table as .xlsx in the text's layout (an officer gets their own row). */
export async function exportTargets(db: Executor, actor: Actor, year: number): Promise<Buffer> {
  assertPermission(actor, 'assessment.read');
  const t = await requireTargets(db, year);
  assertAssessedReader(actor, t);
  return targetsWorkbookBuffer({ ...t, regions: t.regions.filter((r) => canRead(actor, r.regionId)) });
}
