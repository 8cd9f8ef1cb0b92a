// 当年规上企业实施"智改数转"项目情况汇总表 (核查内容 of 覆盖率): the region's covered and total 规上
// enterprises as of a month; a later summary for the same month replaces the earlier one.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { upsertCoverage } from '../../db/repositories/assessment-records-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { coverageReportSchema } from '../../domain/scoring/index.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { assertWritableRegion, requireTargets } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

export async function recordCoverage(db: Db, actor: Actor, year: number, raw: unknown) {
  assertPermission(actor, 'assessment.record');
  const input = parseOrThrow(coverageReportSchema, raw);
  const targets = await requireTargets(db, year);
  assertWritableRegion(actor, targets, input.regionId);
  return db.transaction(async (tx) => {
    await assertYearOpen(tx, year);
    const values = { year, ...input, updatedAt: new Date() };
    const row = await upsertCoverage(tx, values);
    await appendAudit(tx, actor, { action: 'upsert', entity: 'assessment_coverage', entityId: `${year}/${input.regionId}/${input.month}`, after: row });
    return { year, regionId: row.regionId, month: row.month, covered: row.covered, total: row.total, evidence: row.evidence };
  });
}
