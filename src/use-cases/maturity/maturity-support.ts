// Shared by the maturity use cases: loading a result with its access check and presenting it.
import type { Executor } from '../../db/client.ts';
import { findDiagnosis, findMaturity, type MaturityRow } from '../../db/repositories/diagnosis-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { formatPoints } from '../../domain/maturity/score.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadMaturityFor(db: Executor, actor: Actor, id: string): Promise<MaturityRow> {
  const row = UUID.test(id) ? await findMaturity(db, id) : undefined;
  if (!row) throw notFound('评测结果不存在', 'id');
  const e = await findEnterpriseById(db, row.enterpriseId);
  const d = row.diagnosisId ? await findDiagnosis(db, row.diagnosisId) : undefined;
  authorize(actor, 'maturity.read', { enterpriseId: row.enterpriseId, regionId: e?.regionId ?? '', providerId: d?.providerId ?? null });
  return row;
}

export const SOURCE_LABELS: Record<string, string> = { self: '企业自评', diagnosis: '诊断现场评测', legacy: '历史结果' };

export function presentMaturity(m: MaturityRow, withAnswers = false) {
  return {
    id: m.id, enterpriseId: m.enterpriseId, instrumentId: m.instrumentId, source: m.source, sourceLabel: SOURCE_LABELS[m.source] ?? m.source,
    diagnosisId: m.diagnosisId, status: m.status, totalMilli: m.totalMilli, total: m.totalMilli === null ? null : formatPoints(m.totalMilli),
    level: m.level, assessedOn: m.assessedOn, createdBy: m.createdBy, version: m.version,
    result: m.result as unknown,
    ...(withAnswers && { answers: m.answers as unknown }),
  };
}
