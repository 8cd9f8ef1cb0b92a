// A region records one project counted toward its targets (指标说明), with the evidence 核查内容
// requires; it counts in the year of its counted_on date.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { assessmentProjects } from '../../db/schema/assessment.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import type { CountCategory } from '../../domain/scoring/index.ts';
import { projectRecordSchema } from '../../domain/scoring/index.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertPermission } from '../../server/access/rules.ts';
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
      if (!e) throw invalid('enterpriseId', `企业 ${input.enterpriseId} 不存在`);
      if (e.regionId !== input.regionId) throw invalid('enterpriseId', `企业“${e.name}”不属于该地区`);
    }
    const [row] = await tx
      .insert(assessmentProjects)
      .values({ ...input, year, enterpriseId: input.enterpriseId ?? null, subsidyLevel: input.subsidyLevel ?? null })
      .returning();
    await appendAudit(tx, actor, { action: 'create', entity: 'assessment_project', entityId: row!.id, after: row });
    return presentProject(row!);
  });
}

export function presentProject(row: typeof assessmentProjects.$inferSelect) {
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
