// Older results kept in the file as the research advises (maturity-models.md §1.2, §2.4): a 2022
// 评测 as its total score and level only (the 2022 item table was not found), a GB/T 39116 (CMMM)
// result as its level and scores by 能力域 (the standard's weights are unconfirmed, so no aggregate
// is computed). Recorded by the enterprise's region officer or the city from the report.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { insertMaturity } from '../../db/repositories/diagnosis-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, canWriteRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { isIsoDate } from '../../domain/policy/dates.ts';
import { level2022, validateCmmmResult } from '../../domain/maturity/score.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { getInstrument } from '../../io/instruments.ts';
import { z } from 'zod';
import { presentMaturity } from './maturity-support.ts';

export const legacySchema = z.object({
  enterpriseId: z.string().uuid('enterpriseId 须为企业编号(UUID)'),
  instrumentId: z.enum(['miit-sme-2022', 'gbt39116-2020'], { error: 'instrumentId 须为 miit-sme-2022(2022年版总分)或 gbt39116-2020(CMMM 等级与能力域得分)' }),
  assessedOn: z.string({ error: '评测日期必填' }).refine(isIsoDate, '评测日期须为 YYYY-MM-DD'),
  totalScore: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, '总分须为0–100、最多两位小数,如 "65.5"').optional(),
  cmmm: z.unknown().optional(),
}).strict();

export async function recordLegacyMaturity(db: Db, actor: Actor, raw: unknown, today: string) {
  assertPermission(actor, 'maturity.record');
  const input = parseOrThrow(legacySchema, raw);
  if (input.assessedOn > today) throw invalid('assessedOn', `评测日期晚于今天(${today})`);
  let totalMilli: number | null = null;
  let level: number;
  let result: unknown;
  if (input.instrumentId === 'miit-sme-2022') {
    if (!input.totalScore) throw invalid('totalScore', '2022年版结果须填写总分 totalScore');
    const [int, frac = ''] = input.totalScore.split('.');
    const hundredths = Number(int) * 100 + Number(frac.padEnd(2, '0'));
    level = level2022(getInstrument('miit-sme-2022'), hundredths);
    totalMilli = hundredths * 10;
    result = { totalScore: input.totalScore, level };
  } else {
    if (input.totalScore) throw invalid('totalScore', 'CMMM 结果没有总分,只录入等级与各能力域得分(cmmm)');
    const cmmm = validateCmmmResult(getInstrument('gbt39116-2020'), input.cmmm);
    level = cmmm.level;
    result = cmmm;
  }
  return db.transaction(async (tx) => {
    const e = await findEnterpriseById(tx, input.enterpriseId);
    if (!e) throw notFound('企业档案不存在', 'enterpriseId');
    if (!canWriteRegion(actor, e.regionId)) throw new DomainError('NOT_FOUND', '企业档案不存在或不在您的管辖范围内', 'enterpriseId');
    const row = await insertMaturity(tx, {
      enterpriseId: e.id, instrumentId: input.instrumentId, source: 'legacy', status: 'submitted', totalMilli, level, result, assessedOn: input.assessedOn,
      createdBy: actor.displayName ?? actor.name,
    });
    await appendAudit(tx, actor, { action: 'create', entity: 'maturity', entityId: row.id, after: { enterpriseId: e.id, instrumentId: input.instrumentId, level } });
    return presentMaturity(row);
  });
}
