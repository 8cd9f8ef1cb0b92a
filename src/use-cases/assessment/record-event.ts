// 加分项 / 减分项 (附件2 二(三)): a bonus item a region reports with its approval documents, or a
// deduction the city records ("未及时完成省、市相关工作").
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { type EventRow, insertEvent } from '../../db/repositories/assessment-records-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { BonusKind } from '../../domain/scoring/index.ts';
import { eventSchema } from '../../domain/scoring/index.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { assertWritableRegion, requireTargets } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

export async function recordEvent(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'assessment.record');
  const input = parseOrThrow(eventSchema, raw);
  if (input.direction === 'deduction') assertPermission(actor, 'assessment.deduct');
  const year = Number(input.date.slice(0, 4));
  const targets = await requireTargets(db, year);
  assertWritableRegion(actor, targets, input.regionId);
  const values =
    input.direction === 'bonus'
      ? { year, regionId: input.regionId, date: input.date, direction: 'bonus', kind: input.kind, level: input.level, subject: input.subject, issuer: null, title: input.title, evidence: input.evidence }
      : { year, regionId: input.regionId, date: input.date, direction: 'deduction', kind: null, level: null, subject: null, issuer: input.issuer, title: input.title, evidence: input.evidence };
  return db.transaction(async (tx) => {
    await assertYearOpen(tx, year);
    const row = await insertEvent(tx, values);
    await appendAudit(tx, actor, { action: 'create', entity: 'assessment_event', entityId: row.id, after: row });
    return presentEvent(row);
  });
}

export const presentEvent = (row: EventRow) => ({
  id: row.id,
  year: row.year,
  regionId: row.regionId,
  date: row.date,
  direction: row.direction as 'bonus' | 'deduction',
  kind: row.kind as BonusKind | null,
  level: row.level,
  subject: row.subject,
  issuer: row.issuer,
  title: row.title,
  evidence: row.evidence,
});
