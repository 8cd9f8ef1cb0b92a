// What every diagnosis page shares: the API's shapes (src/use-cases/diagnoses/diagnosis-support.ts
// presentDiagnosis and diagnosisDetail), the status, scope and finding labels, the query keys and
// the refresh after a change, and the small checks the pages ask before showing a button (the API
// runs the same record-level checks from src/domain/access/checks.ts and has the last word).
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { App, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { CHECKPOINTS, DIAGNOSIS_STATUSES, type DiagnosisStatus } from '../../../../src/domain/diagnosis/lifecycle.ts';
import type { REPORT_AREAS as DOMAIN_REPORT_AREAS } from '../../../../src/domain/diagnosis/report.ts';
import { ApiError, api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { allows, can } from '../../lib/access.ts';
import { type MessageKey, type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';

export { CHECKPOINTS, DIAGNOSIS_STATUSES, type DiagnosisStatus };

export type City = 'yangzhou' | 'suzhou';
export type Scope = 'chain' | 'factory' | 'workshop';
export type Funding = 'city' | 'county';
export type Finding = 'ok' | 'issue' | 'stop';
export type Priority = 'high' | 'medium' | 'low';
export type DocumentKind = 'agreement' | 'contract' | 'report' | 'checkpoint';
export type Payee = 'provider' | 'supervisor';

/**
 * The scopes each city's text pays for (src/domain/diagnosis/terms.ts scopesOf): 扬州 附件1 二(四)
 * 重点产业链、工厂、车间; 苏州 (五) 工厂、车间 only. The API refuses any other with the clause.
 */
export const CITY_SCOPES: Record<City, Scope[]> = { yangzhou: ['chain', 'factory', 'workshop'], suzhou: ['factory', 'workshop'] };
export const SCOPES: Scope[] = ['chain', 'factory', 'workshop'];

/**
 * The business areas of a report's gaps and recommendations — the domain's REPORT_AREAS, repeated
 * here so the report schema (and zod with it) stays out of the browser bundle; the two lists are
 * checked equal at compile time.
 */
export const REPORT_AREAS = ['产品生命周期数字化', '生产执行数字化', '供应链数字化', '管理决策数字化', '数字化基础', '数字化管理', '数字化成效'] as const;
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _areasMatchDomain: SameUnion<(typeof REPORT_AREAS)[number], (typeof DOMAIN_REPORT_AREAS)[number]> = true;
export type ReportArea = (typeof REPORT_AREAS)[number];
const AREA_KEYS: Record<ReportArea, MessageKey> = {
  产品生命周期数字化: 'diag.area.lifecycle', 生产执行数字化: 'diag.area.production', 供应链数字化: 'diag.area.supplyChain',
  管理决策数字化: 'diag.area.decision', 数字化基础: 'diag.area.foundation', 数字化管理: 'diag.area.management', 数字化成效: 'diag.area.results',
};
export const areaLabel = (area: string, t: Translate) => (area in AREA_KEYS ? t(AREA_KEYS[area as ReportArea]) : area);

export const checkpointName = (code: string, t: Translate) =>
  (CHECKPOINTS.some((c) => c.code === code) ? t(`diag.cp.${code as (typeof CHECKPOINTS)[number]['code']}`) : code);

// ---- shapes of the API's answers ----

export interface ReportView {
  summary: string;
  gaps: { area: string; finding: string }[];
  recommendations: { title: string; area: string; investmentFen: number; priority: Priority }[];
  expectedEffect: string;
  totalInvestmentFen: number;
  maturity: { id: string; instrumentId: string; totalMilli: number | null; level: number | null; assessedOn: string | null };
}

export interface Diagnosis {
  id: string; number: string; city: City; regionId: string; enterpriseId: string; enterpriseName: string; uscc: string | null;
  year: number; scope: Scope; scopeLabel: string; funding: Funding; policyId: string; measureId: string;
  status: DiagnosisStatus; statusLabel: string; need: string; requestedBy: string;
  providerId: string | null; providerName: string | null; supervisorId: string | null; supervisorName: string | null;
  dispatchReason: string | null; dueOn: string | null; feeFen: number | null; subsidyFen: number | null;
  supervisionFeeFen: number | null; supervisionSubsidyFen: number | null; contractedOn: string | null; onSiteFrom: string | null;
  report: ReportView | null; reportedOn: string | null; maturityId: string | null;
  onSiteMaturity?: { id: string; status: 'draft' | 'submitted'; version: number } | null; satisfaction: number | null; acceptanceNote: string | null;
  acceptedOn: string | null; paymentStopped: boolean; paymentStopReason: string | null;
  providerPaidFen: number; supervisorPaidFen: number; cancelReason: string | null; version: number;
}

export interface DiagnosisDocument { id: string; kind: DocumentKind; fileName: string; sha256: string; uploadedBy: string; uploadedAt: string }
export interface Checkpoint { id: string; code: string; name: string; heldAt: string; place: string; finding: Finding; note: string; documentId: string | null; recordedBy: string }
export interface DiagnosisLedger {
  id: number; kind: 'commit' | 'release' | 'disburse' | 'reclaim' | 'budget'; payee: Payee | null; amountFen: number; paidOn: string | null; voucher: string | null;
  clause: string | null; note: string | null; actorName: string; at: string;
}
export interface DiagnosisEvent { at: string; actorName: string; actorRole: string; action: string; fromStatus: string; toStatus: string; summary: string }

export interface DiagnosisDetail extends Diagnosis {
  documents: DiagnosisDocument[];
  portraitEvidence: { agreement: boolean; contract: boolean; report: boolean };
  checkpoints: Checkpoint[];
  ledger: DiagnosisLedger[];
  history: DiagnosisEvent[];
}

export interface Candidate {
  id: string; kind: 'provider' | 'supervisor'; name: string; uscc: string; standing: string; standingLabel: string;
  load: number; capacity: number; industryMatch: boolean; satisfaction: string | null; eligible: boolean; reasons: string[];
}

export interface Quota { city: City; regionId: string | null; year: number; scope: Scope; quota: number; used: number; remaining: number; clause: string | null }

// ---- tags ----

const STATUS_COLOR: Record<DiagnosisStatus, string> = {
  requested: 'default', dispatched: 'processing', contracted: 'blue', on_site: 'geekblue', reported: 'gold', accepted: 'cyan', paid: 'success', cancelled: 'error',
};

export function DiagnosisStatusTag({ status }: { status: DiagnosisStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]} data-testid="diagnosis-status">{t(`diag.status.${status}`)}</Tag>;
}

export function FindingTag({ finding }: { finding: Finding }) {
  const { t } = useI18n();
  return <Tag color={FINDING_COLOR[finding]}>{t(`diag.finding.${finding}`)}</Tag>;
}
export const FINDING_COLOR: Record<Finding, string> = { ok: 'green', issue: 'orange', stop: 'red' };
/** The same colours as text (the checkpoint form's choices, the timeline's notes). */
export const FINDING_HEX: Record<Finding, string> = { ok: '#2f9e6e', issue: '#ad6800', stop: '#cf1322' };

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return <Tag color={priority === 'high' ? 'red' : priority === 'medium' ? 'gold' : 'default'}>{t(`diag.priority.${priority}`)}</Tag>;
}

export function FundingTag({ funding }: { funding: Funding }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t(`diag.fundingHelp.${funding}`)}>
      <Tag color={funding === 'city' ? 'blue' : 'cyan'}>{t(`diag.funding.${funding}`)}</Tag>
    </Tooltip>
  );
}

export const scopeLabel = (scope: Scope, t: Translate) => t(`diag.scope.${scope}`);

/** Past the due date and still not reported: the deadline is missed. */
export const OPEN_WORK: DiagnosisStatus[] = ['dispatched', 'contracted', 'on_site'];
export const isOverdue = (d: Pick<Diagnosis, 'dueOn' | 'status'>, today: string) => !!d.dueOn && d.dueOn < today && OPEN_WORK.includes(d.status);

/** Points from integer thousandths, exactly: 51400 → "51.4". */
export function formatMilli(milli: number | null | undefined): string {
  if (milli === null || milli === undefined) return '—';
  const abs = Math.abs(milli);
  const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${milli < 0 ? '-' : ''}${Math.trunc(abs / 1000)}${frac ? `.${frac}` : ''}`;
}

/** YYYY-MM-DD plus n calendar days (date arithmetic on the calendar, not on money). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// ---- who may do what (the API checks again) ----

const refOf = (d: Diagnosis) => ({ regionId: d.regionId, enterpriseId: d.enterpriseId, providerId: d.providerId, supervisorId: d.supervisorId });
const CANCELLABLE: DiagnosisStatus[] = ['requested', 'dispatched', 'contracted', 'on_site', 'reported'];
const SUPERVISED: DiagnosisStatus[] = ['dispatched', 'contracted', 'on_site', 'reported', 'accepted'];

export interface Abilities {
  /** 派单 with the funding this user may dispatch on (a region: its own quota), or null. */
  dispatchFunding: Funding | null;
  cancel: boolean;
  withdraw: boolean;
  deliver: boolean;
  supervise: boolean;
  accept: boolean;
  pay: boolean;
}

export function abilities(user: User, d: Diagnosis): Abilities {
  const ref = refOf(d);
  let dispatchFunding: Funding | null = null;
  if (d.status === 'requested' && can(user.role, 'diagnoses.dispatch')) {
    if (allows(user, 'diagnosis.dispatch', { ...ref, funding: d.funding })) dispatchFunding = d.funding;
    else if (allows(user, 'diagnosis.dispatch', { ...ref, funding: 'county' })) dispatchFunding = 'county';
  }
  const ownRequest = user.role === 'enterprise' && user.enterpriseId === d.enterpriseId && d.status === 'requested';
  return {
    dispatchFunding,
    cancel: !ownRequest && CANCELLABLE.includes(d.status) && can(user.role, 'diagnoses.dispatch') && allows(user, 'diagnosis.dispatch', { ...ref, funding: d.funding }),
    withdraw: ownRequest,
    deliver: can(user.role, 'diagnoses.deliver') && allows(user, 'diagnosis.deliver', ref),
    supervise: can(user.role, 'diagnoses.supervise') && allows(user, 'diagnosis.supervise', ref) && SUPERVISED.includes(d.status),
    accept: can(user.role, 'diagnoses.accept') && allows(user, 'diagnosis.accept', ref) && d.status === 'reported',
    pay: can(user.role, 'diagnoses.pay') && d.status === 'accepted',
  };
}

// ---- queries ----

export const diagnosisKey = (id: string) => ['diagnosis', id] as const;
export const fetchDiagnosis = (id: string) => api.get<DiagnosisDetail>(`/diagnoses/${encodeURIComponent(id)}`);

/** After any change: the diagnosis, every list and figure, funds and the digital profiles. */
export async function refreshDiagnoses(queryClient: QueryClient, id?: string, detail?: DiagnosisDetail) {
  if (id && detail) queryClient.setQueryData(diagnosisKey(id), detail);
  await Promise.all([
    id ? queryClient.invalidateQueries({ queryKey: diagnosisKey(id) }) : null,
    queryClient.invalidateQueries({ queryKey: ['diagnoses'] }),
    queryClient.invalidateQueries({ queryKey: ['funds'] }),
    queryClient.invalidateQueries({ queryKey: ['digital-profile'] }),
  ]);
}

/**
 * Runs one write on a diagnosis: the API's answer (the new detail) replaces the page's data and the
 * lists refresh; a refusal is kept for the form to show. A version conflict reloads the diagnosis so
 * the reader sees what changed.
 */
export function useDiagnosisWrite(id: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<DiagnosisDetail | unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const out = await fn();
      message.success(done);
      await refreshDiagnoses(queryClient, id, isDetail(out) ? out : undefined);
      return true;
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409) await refreshDiagnoses(queryClient, id);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}

const isDetail = (x: unknown): x is DiagnosisDetail => typeof x === 'object' && x !== null && 'history' in x && 'documents' in x;

/** The on-site assessment a provider started in this browser (SelfAssessmentPage remembers it; the API links it only with the report). */
export function rememberedOnSite(diagnosisId: string): string | null {
  try { return localStorage.getItem(`zgsz.maturity.diagnosis.${diagnosisId}`); } catch { return null; }
}
