// The 2024 self-assessment (《中小企业数字化水平评测指标(2024年版)》): the enterprise fills it in, or
// the provider fills it on site during a diagnosis; drafts are saved as they go (answers checked
// against the instrument's options, incomplete allowed) and scored on every save.
import type { Db, Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findDiagnosis, insertMaturity, maturityForDiagnoses, updateMaturity } from '../../db/repositories/diagnosis-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { scoreAssessment, validateAnswers } from '../../domain/maturity/score.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { getInstrument } from '../../io/instruments.ts';
import { z } from 'zod';
import { loadMaturityFor, presentMaturity } from './maturity-support.ts';

export const createMaturitySchema = z.object({
  instrumentId: z.literal('miit-sme-2024', { error: '在线评测使用 miit-sme-2024(2024年版);2022年版和 GB/T 39116 结果请按历史结果录入' }),
  source: z.enum(['self', 'diagnosis'], { error: 'source 须为 self(企业自评)或 diagnosis(诊断现场评测)' }),
  diagnosisId: z.string().uuid('diagnosisId 须为诊断编号(UUID)').optional(),
  answers: z.unknown().optional(),
}).strict();

export const updateMaturitySchema = z.object({ version: z.int('version 必填').positive(), answers: z.unknown() }).strict();

const EMPTY = { answers: {}, fields: {}, scenes: {} };

export async function createMaturity(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'maturity.assess');
  const input = parseOrThrow(createMaturitySchema, raw);
  const instrument = getInstrument('miit-sme-2024');
  const answers = validateAnswers(instrument, input.answers ?? EMPTY, { complete: false });
  return db.transaction(async (tx) => {
    let enterpriseId: string;
    let providerId: string | null = null;
    if (input.source === 'diagnosis') {
      if (!input.diagnosisId) throw invalid('diagnosisId', '诊断现场评测须指定诊断 diagnosisId');
      const d = await findDiagnosis(tx, input.diagnosisId);
      if (!d) throw notFound('诊断项目不存在', 'diagnosisId');
      authorize(actor, 'diagnosis.deliver', { regionId: d.regionId, enterpriseId: d.enterpriseId, providerId: d.providerId, supervisorId: d.supervisorId });
      if (!['contracted', 'on_site'].includes(d.status)) throw conflict('现场评测在签约后、提交报告前填写', 'status');
      if ((await maturityForDiagnoses(tx, [d.id])).length) throw conflict('该诊断已有现场评测,请修改原记录', 'diagnosisId');
      enterpriseId = d.enterpriseId;
      providerId = d.providerId;
    } else {
      if (input.diagnosisId) throw invalid('diagnosisId', '企业自评不关联诊断');
      if (!actor.enterpriseId) throw invalid('source', '企业自评由企业用户填写');
      enterpriseId = actor.enterpriseId;
    }
    authorize(actor, 'maturity.write', { enterpriseId, source: input.source, providerId });
    const e = await findEnterpriseById(tx, enterpriseId);
    if (!e) throw notFound('企业档案不存在', 'enterpriseId');
    const score = scoreAssessment(instrument, answers);
    const row = await insertMaturity(tx, {
      enterpriseId, instrumentId: instrument.id, source: input.source, diagnosisId: input.diagnosisId ?? null, status: 'draft',
      answers, totalMilli: score.totalMilli, level: score.level, result: score, createdBy: actor.displayName ?? actor.name,
    });
    await appendAudit(tx, actor, { action: 'create', entity: 'maturity', entityId: row.id, after: { enterpriseId, source: input.source, diagnosisId: input.diagnosisId ?? null } });
    return presentMaturity(row, true);
  });
}

/** Who wrote a result may change it while it is a draft. */
async function loadOwnDraft(tx: Executor, actor: Actor, id: string) {
  const row = await loadMaturityFor(tx, actor, id);
  const d = row.diagnosisId ? await findDiagnosis(tx, row.diagnosisId) : undefined;
  authorize(actor, 'maturity.write', { enterpriseId: row.enterpriseId, source: row.source, providerId: d?.providerId ?? null });
  if (row.status !== 'draft') throw conflict('评测已提交,不能修改;如需重新评测请新建一次', 'status');
  return row;
}

export async function updateMaturityDraft(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'maturity.assess');
  const input = parseOrThrow(updateMaturitySchema, raw);
  const instrument = getInstrument('miit-sme-2024');
  const answers = validateAnswers(instrument, input.answers, { complete: false });
  return db.transaction(async (tx) => {
    const row = await loadOwnDraft(tx, actor, id);
    const score = scoreAssessment(instrument, answers);
    const saved = await updateMaturity(tx, row.id, input.version, { answers, totalMilli: score.totalMilli, level: score.level, result: score });
    return presentMaturity(saved, true);
  });
}

export async function submitMaturity(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'maturity.assess');
  const input = parseOrThrow(z.object({ version: z.int('version 必填').positive() }).strict(), raw);
  const instrument = getInstrument('miit-sme-2024');
  return db.transaction(async (tx) => {
    const row = await loadOwnDraft(tx, actor, id);
    // Submission needs every item answered and every scene rated: the result is the file's record.
    const answers = validateAnswers(instrument, row.answers, { complete: true });
    const score = scoreAssessment(instrument, answers);
    const saved = await updateMaturity(tx, row.id, input.version, { status: 'submitted', answers, totalMilli: score.totalMilli, level: score.level, result: score, assessedOn: today });
    await appendAudit(tx, actor, { action: 'submit', entity: 'maturity', entityId: row.id, after: { totalMilli: score.totalMilli, level: score.level } });
    return presentMaturity(saved, true);
  });
}
