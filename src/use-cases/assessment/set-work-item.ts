// 五个一 (附件2 二(二)): a region marks one of its four recorded items done (with evidence) or not.
// The fifth, 举办一系列推进活动, is not set here: it is checked from the activity records.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { upsertWorkItem, type WorkItemRow } from '../../db/repositories/assessment-records-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { workItemIdSchema, workItemSchema } from '../../domain/scoring/index.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { invalid } from '../../domain/errors.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { assertWritableRegion, requireTargets } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

export async function setWorkItem(db: Db, actor: Actor, year: number, regionId: string, item: string, raw: unknown) {
  assertPermission(actor, 'assessment.record');
  const id = parseOrThrow(workItemIdSchema, item, 'item');
  const input = parseOrThrow(workItemSchema, raw);
  assertCompletedInYear(year, input.completedOn);
  const targets = await requireTargets(db, year);
  assertWritableRegion(actor, targets, regionId);
  return db.transaction(async (tx) => {
    await assertYearOpen(tx, year);
    const values = { year, regionId, item: id, done: input.done, completedOn: input.completedOn ?? null, note: input.note ?? null, evidence: input.evidence, updatedAt: new Date() };
    const row = await upsertWorkItem(tx, values);
    await appendAudit(tx, actor, { action: 'upsert', entity: 'assessment_work_item', entityId: `${year}/${regionId}/${id}`, after: row });
    return presentWorkItem(row);
  });
}

/**
 * 附件2 二(二) scores the year's 五个一 work. An item finished late in the year before (a 专班
 * formed in December for the coming year's work) still stands; a date after the year, or years
 * before it (a 2031 item completed on 1900-01-01), is a typing error.
 */
function assertCompletedInYear(year: number, completedOn: string | undefined) {
  if (completedOn === undefined) return;
  const y = Number(completedOn.slice(0, 4));
  if (y < year - 1 || y > year) {
    throw invalid('completedOn', `完成日期 ${completedOn} 不在 ${year - 1}–${year} 年内:“五个一”事项按 ${year} 年度考核(附件2 二(二))`);
  }
}

export const presentWorkItem = (row: WorkItemRow) => ({
  year: row.year,
  regionId: row.regionId,
  item: row.item,
  done: row.done,
  completedOn: row.completedOn,
  note: row.note,
  evidence: row.evidence,
});
