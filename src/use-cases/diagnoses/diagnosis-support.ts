// Shared by the diagnosis use cases: the policy of a city, loading a diagnosis with the access
// check, recording a step in its history and presenting it.
import { type Executor, readAll } from '../../db/client.ts';
import {
  checkpointsOf, diagnosisEventsOf, documentsOf, findDiagnosis, insertDiagnosisEvent, maturityForDiagnoses, type DiagnosisRow,
} from '../../db/repositories/diagnosis-repository.ts';
import { ledgerOf } from '../../db/repositories/fund-repository.ts';
import { findServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { authorize, type Checks } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { CHECKPOINTS, STATUS_LABELS, type DiagnosisStatus } from '../../domain/diagnosis/lifecycle.ts';
import { SCOPE_LABELS, type DiagnosisScope } from '../../domain/diagnosis/terms.ts';
import { notFound } from '../../domain/errors.ts';
import type { Policy } from '../../domain/policy/types.ts';
import { policyLibrary } from '../../io/policy-library.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each city's policy text that pays for diagnoses. */
export const CITY_POLICY: Record<string, string> = { yangzhou: 'yangzhou-2022-20', suzhou: 'suzhou-2020' };
export const CITY_PREFIX: Record<string, string> = { yangzhou: 'YZ', suzhou: 'SZ' };
export const CITY_NAMES: Record<string, string> = { yangzhou: '扬州市', suzhou: '苏州市' };

export function cityPolicy(city: string): Policy {
  const policy = policyLibrary().policies.get(CITY_POLICY[city] ?? '');
  if (!policy) throw notFound(`没有 ${city} 的政策文本`, 'city');
  return policy;
}

export const refOf = (d: DiagnosisRow) => ({ regionId: d.regionId, enterpriseId: d.enterpriseId, providerId: d.providerId, supervisorId: d.supervisorId });

/** The diagnosis if the access layer lets `actor` do `check` to it; NOT_FOUND for ids out of scope. */
export async function loadDiagnosisFor<K extends 'diagnosis.read' | 'diagnosis.deliver' | 'diagnosis.supervise' | 'diagnosis.accept'>(
  db: Executor, actor: Actor, id: string, check: K, load: (db: Executor, id: string) => Promise<DiagnosisRow | undefined> = findDiagnosis,
): Promise<DiagnosisRow> {
  if (!UUID.test(id)) throw notFound('诊断项目不存在', 'id');
  const row = await load(db, id);
  if (!row) throw notFound('诊断项目不存在', 'id');
  authorize(actor, check, refOf(row) as Checks[K]);
  return row;
}

export async function recordStep(tx: Executor, actor: Actor, d: DiagnosisRow, action: string, to: string, summary: string): Promise<void> {
  await insertDiagnosisEvent(tx, {
    diagnosisId: d.id, actorName: actor.displayName ?? actor.name, actorRole: actor.role, action, fromStatus: d.status, toStatus: to, summary,
  });
}

export function presentDiagnosis(d: DiagnosisRow, extra: { enterpriseName: string; uscc?: string; providerName?: string | null; supervisorName?: string | null }) {
  return {
    id: d.id, number: d.number, city: d.city, regionId: d.regionId, enterpriseId: d.enterpriseId, enterpriseName: extra.enterpriseName, uscc: extra.uscc ?? null,
    year: d.year, scope: d.scope, scopeLabel: SCOPE_LABELS[d.scope as DiagnosisScope], funding: d.funding, policyId: d.policyId, measureId: d.measureId,
    status: d.status, statusLabel: STATUS_LABELS[d.status as DiagnosisStatus], need: d.need, requestedBy: d.requestedBy,
    providerId: d.providerId, providerName: extra.providerName ?? null, supervisorId: d.supervisorId, supervisorName: extra.supervisorName ?? null,
    dispatchReason: d.dispatchReason, dueOn: d.dueOn, feeFen: d.feeFen, subsidyFen: d.subsidyFen,
    supervisionFeeFen: d.supervisionFeeFen, supervisionSubsidyFen: d.supervisionSubsidyFen, contractedOn: d.contractedOn, onSiteFrom: d.onSiteFrom,
    report: d.report as unknown, reportedOn: d.reportedOn, maturityId: d.maturityId, satisfaction: d.satisfaction, acceptanceNote: d.acceptanceNote,
    acceptedOn: d.acceptedOn, paymentStopped: d.paymentStopped, paymentStopReason: d.paymentStopReason,
    providerPaidFen: d.providerPaidFen, supervisorPaidFen: d.supervisorPaidFen, cancelReason: d.cancelReason, version: d.version,
  };
}
export type DiagnosisView = ReturnType<typeof presentDiagnosis>;

/** One diagnosis with its names, documents, checkpoints, money and history. */
export async function diagnosisDetail(db: Executor, d: DiagnosisRow) {
  const [e, provider, supervisor, documents, checkpoints, events, ledger, maturity] = await readAll(db, [
    () => findEnterpriseById(db, d.enterpriseId),
    async () => (d.providerId ? findServiceOrg(db, d.providerId) : undefined),
    async () => (d.supervisorId ? findServiceOrg(db, d.supervisorId) : undefined),
    () => documentsOf(db, d.id), () => checkpointsOf(db, d.id), () => diagnosisEventsOf(db, d.id), () => ledgerOf(db, { diagnosisId: d.id }), () => maturityForDiagnoses(db, [d.id]),
  ]);
  const kinds = new Set(documents.map((x) => x.kind));
  return {
    ...presentDiagnosis(d, { enterpriseName: e?.name ?? '', uscc: e?.uscc ?? '', providerName: provider?.name ?? null, supervisorName: supervisor?.name ?? null }),
    documents: documents.map((x) => ({ id: x.id, kind: x.kind, fileName: x.fileName, sha256: x.sha256, uploadedBy: x.uploadedBy, uploadedAt: x.uploadedAt.toISOString() })),
    // The on-site assessment, draft or submitted (the provider continues its draft from here).
    onSiteMaturity: maturity[0] ? { id: maturity[0].id, status: maturity[0].status, version: maturity[0].version } : null,
    // 附件2 核查内容 1: a 数字画像 counts only with all three on file.
    portraitEvidence: { agreement: kinds.has('agreement'), contract: kinds.has('contract'), report: kinds.has('report') },
    checkpoints: checkpoints.map((c) => ({
      id: c.id, code: c.code, name: CHECKPOINTS.find((k) => k.code === c.code)?.name ?? c.code, heldAt: c.heldAt.toISOString(), place: c.place,
      finding: c.finding, note: c.note, documentId: c.documentId, recordedBy: c.recordedBy,
    })),
    ledger: ledger.map((l) => ({ id: l.id, kind: l.kind, payee: l.payee, amountFen: l.amountFen, paidOn: l.paidOn, voucher: l.voucher, clause: l.clause, note: l.note, actorName: l.actorName, at: l.at.toISOString() })),
    history: events.map((h) => ({ at: h.at.toISOString(), actorName: h.actorName, actorRole: h.actorRole, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, summary: h.summary })),
  };
}
