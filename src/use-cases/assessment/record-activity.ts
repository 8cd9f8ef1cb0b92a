// A 推进活动 record (附件2 二(二)): type, date, level, whether the region's government hosted it, and
// its evidence (文件、新闻报道、图片视频). The activity item of 五个一 is decided from these.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { type ActivityRow, insertActivity } from '../../db/repositories/assessment-records-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { ActivityType, Level } from '../../domain/scoring/index.ts';
import { activitySchema } from '../../domain/scoring/index.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { assertWritableRegion, requireTargets } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

export async function recordActivity(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'assessment.record');
  const input = parseOrThrow(activitySchema, raw);
  const year = Number(input.date.slice(0, 4));
  const targets = await requireTargets(db, year);
  assertWritableRegion(actor, targets, input.regionId);
  return db.transaction(async (tx) => {
    await assertYearOpen(tx, year);
    const row = await insertActivity(tx, { ...input, year });
    await appendAudit(tx, actor, { action: 'create', entity: 'assessment_activity', entityId: row.id, after: row });
    return presentActivity(row);
  });
}

export const presentActivity = (row: ActivityRow) => ({
  id: row.id,
  year: row.year,
  regionId: row.regionId,
  date: row.date,
  type: row.type as ActivityType,
  level: row.level as Level,
  hostedByLocalGovernment: row.hostedByLocalGovernment,
  title: row.title,
  evidence: row.evidence,
});
