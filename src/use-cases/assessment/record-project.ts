// A region records one project counted toward its targets (指标说明), with the evidence 核查内容
// requires; it counts in the year of its counted_on date.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findEnterpriseById, insertProject, type ProjectRow } from '../../db/repositories/assessment-records-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import type { CountCategory } from '../../domain/scoring/index.ts';
import { projectRecordSchema } from '../../domain/scoring/index.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertWritableRegion, requireTargets } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

export async function recordProject(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'assessment.record');
  const input = parseOrThrow(projectRecordSchema, raw);
  const year = Number(input.countedOn.slice(0, 4));
  const targets = await requireTargets(db, year);
  assertWritableRegion(actor, targets, input.regionId);
  return db.transaction(async (tx) => {
    await assertYearOpen(tx, year);
    if (input.enterpriseId) {
      const e = await findEnterpriseById(tx, input.enterpriseId);
      // One answer for "no such enterprise" and "another region's": the name must not leak.
      if (!e || e.regionId !== input.regionId) throw invalid('enterpriseId', '企业编号不存在或该企业不属于本项目的地区:请从本地区的企业档案中选择');
    }
    const row = await insertProject(tx, { ...input, year, enterpriseId: input.enterpriseId ?? null, subsidyLevel: input.subsidyLevel ?? null });
    await appendAudit(tx, actor, { action: 'create', entity: 'assessment_project', entityId: row.id, after: row });
    return presentProject(row);
  });
}

export function presentProject(row: ProjectRow) {
  return {
    id: row.id,
    year: row.year,
    regionId: row.regionId,
    category: row.category as CountCategory,
    title: row.title,
    enterpriseName: row.enterpriseName,
    enterpriseId: row.enterpriseId,
    countedOn: row.countedOn,
    subsidyLevel: row.subsidyLevel,
    evidence: row.evidence,
  };
}
