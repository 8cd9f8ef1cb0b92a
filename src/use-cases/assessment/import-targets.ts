// Imports a year's target table from .xlsx in the layout of the text's table (see
// src/reports/assessment/targets-workbook.ts); the whole table is replaced or nothing is.
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../domain/actor.ts';
import { REGIONS } from '../../domain/regions.ts';
import { parseTargetsWorkbook } from '../../reports/assessment/targets-workbook.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { checkYear } from './assessment-scope.ts';
import { saveTargetTable } from './set-targets.ts';
import { throwIfAborted, type UploadLimits } from '../../io/upload-limits.ts';

export async function importTargets(db: Db, actor: Actor, year: number, file: Buffer, options: { limits?: UploadLimits; signal?: AbortSignal } = {}) {
  assertPermission(actor, 'assessment.targets');
  const names = REGIONS.filter((r) => r.level !== 'city').map((r) => ({ id: r.id, name: r.name }));
  const table = await parseTargetsWorkbook(file, checkYear(year), names, options);
  throwIfAborted(options.signal);
  return saveTargetTable(db, actor, table);
}
