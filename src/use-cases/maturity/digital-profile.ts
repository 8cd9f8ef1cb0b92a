// The enterprise's 数字档案 in its 一企一档 (实施意见 二(五)): maturity results over time per
// instrument version (only one version's results are compared), the latest self-assessment beside
// the latest on-site one, its diagnoses with their reports, and the recommended next steps from the
// latest accepted report.
import { type Db, readAll } from '../../db/client.ts';
import { listDiagnoses, maturityOf } from '../../db/repositories/diagnosis-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import type { DiagnosisReport } from '../../domain/diagnosis/report.ts';
import { notFound } from '../../domain/errors.ts';
import { presentDiagnosis } from '../diagnoses/diagnosis-support.ts';
import { presentMaturity } from './maturity-support.ts';

export async function digitalProfile(db: Db, actor: Actor, enterpriseId: string) {
  assertPermission(actor, 'maturity.read');
  const e = /^[0-9a-f-]{36}$/i.test(enterpriseId) ? await findEnterpriseById(db, enterpriseId) : undefined;
  if (!e) throw notFound('企业档案不存在或不在您的管辖范围内', 'id');
  if (actor.role === 'provider') throw notFound('企业档案不存在或不在您的管辖范围内', 'id');
  authorize(actor, 'enterprise.read', { id: e.id, regionId: e.regionId });
  const [results, diagnoses] = await readAll(db, [() => maturityOf(db, e.id), () => listDiagnoses(db, { enterpriseId: e.id })]);
  const submitted = results.filter((m) => m.status === 'submitted');
  const latest = (source: string) => [...submitted].reverse().find((m) => m.instrumentId === 'miit-sme-2024' && m.source === source);
  const accepted = diagnoses.map((r) => r.d).filter((d) => d.status === 'accepted' || d.status === 'paid').sort((a, b) => (b.acceptedOn ?? '').localeCompare(a.acceptedOn ?? ''));
  const lastReport = accepted[0]?.report as (DiagnosisReport & { totalInvestmentFen: number }) | undefined;
  const byInstrument = new Map<string, ReturnType<typeof presentMaturity>[]>();
  for (const m of submitted) byInstrument.set(m.instrumentId, [...(byInstrument.get(m.instrumentId) ?? []), presentMaturity(m)]);
  return {
    enterprise: { id: e.id, name: e.name, uscc: e.uscc, regionId: e.regionId, industryCode: e.industryCode },
    timeline: [...byInstrument.entries()].map(([instrumentId, items]) => ({ instrumentId, items })),
    sideBySide: { self: latest('self') ? presentMaturity(latest('self')!) : null, diagnosis: latest('diagnosis') ? presentMaturity(latest('diagnosis')!) : null },
    drafts: results.filter((m) => m.status === 'draft' && (actor.role !== 'enterprise' || m.source === 'self')).map((m) => presentMaturity(m)),
    diagnoses: diagnoses.map((r) => presentDiagnosis(r.d, {
      enterpriseName: r.enterpriseName, uscc: r.uscc,
      providerName: r.providerName, supervisorName: r.supervisorName,
    })),
    nextSteps: lastReport ? { diagnosisNumber: accepted[0]!.number, acceptedOn: accepted[0]!.acceptedOn, recommendations: lastReport.recommendations, gaps: lastReport.gaps, totalInvestmentFen: lastReport.totalInvestmentFen } : null,
  };
}
