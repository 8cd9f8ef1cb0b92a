// The city sets (or replaces) a year's target table, all rows at once: a bad row changes nothing.
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { loadTargets, replaceTargets } from '../../db/repositories/assessment-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import type { TargetTable } from '../../domain/scoring/index.ts';
import { parsePercentBasisPoints, validateTargetTable } from '../../domain/scoring/index.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { checkYear } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

const positive = (label: string) => z.int(`${label}目标须为正整数`).min(1, `${label}目标须为正整数`);
export const targetTableSchema = z.strictObject({
  reference: z.string().trim().max(200, '依据不超过200字').optional(),
  regions: z
    .array(
      z.strictObject({
        regionId: z.string({ error: '地区必填' }).trim().min(1, '地区必填'),
        retrofit: positive('智能化改造项目'),
        cloud: positive('“上云用数”项目'),
        portrait: positive('“数字画像”诊断项目'),
        benchmark: positive('“数字标杆”创建项目'),
        coveragePercent: z.union([z.number(), z.string()], { error: '覆盖率目标须为百分数,如 40' }),
      }),
    )
    .min(1, '目标表至少需要一个地区'),
});

/** Checks regions (known, not the city itself, each once) and builds the table. */
export function toTargetTable(year: number, raw: unknown): TargetTable {
  const input = parseOrThrow(targetTableSchema, raw);
  return validateTargetTable({
    year: checkYear(year),
    ...(input.reference ? { reference: input.reference } : {}),
    regions: input.regions.map((r, i) => {
      const region = regionById(r.regionId);
      if (!region || region.level === 'city') throw invalid(`regions.${i}.regionId`, `未知地区 ${r.regionId}:须为县(市、区)或功能区的编号,如 yz-baoying`);
      return {
        regionId: r.regionId,
        regionName: region.name,
        retrofit: r.retrofit,
        cloud: r.cloud,
        portrait: r.portrait,
        benchmark: r.benchmark,
        coverageBasisPoints: parsePercentBasisPoints(r.coveragePercent, `regions.${i}.coveragePercent`),
      };
    }),
  });
}

export async function saveTargetTable(db: Db | Executor, actor: Actor, table: TargetTable) {
  return db.transaction(async (tx) => {
    await assertYearOpen(tx, table.year);
    const before = await loadTargets(tx, table.year);
    await replaceTargets(tx, table);
    await appendAudit(tx, actor, {
      action: 'update',
      entity: 'assessment_targets',
      entityId: String(table.year),
      before: before?.source === 'database' ? before : null,
      after: table,
    });
    return { year: table.year, source: 'database' as const, reference: table.reference ?? null, regions: table.regions.map((r) => ({ ...r, coveragePercent: r.coverageBasisPoints / 100 })) };
  });
}

export async function setTargets(db: Db, actor: Actor, year: number, raw: unknown) {
  assertPermission(actor, 'assessment.targets');
  return saveTargetTable(db, actor, toTargetTable(year, raw));
}
