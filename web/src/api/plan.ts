// The 实施意见's ten actions as the API presents them (src/use-cases/plan/*): the goal tree, the
// 月度跟踪调度表, overdue reports, the 季度督查通报 and one indicator's history; the query keys and the
// refresh after a report. Figures arrive both as stored integers (value: a count, hundredths of a
// percent, or 分) and as the text the officer reads (display: 8400、65.5%、3000万元).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export type IndicatorUnit = 'count' | 'percent' | 'money';
export type IndicatorKind = 'yearly' | 'cumulative' | 'level';
export type Light = 'green' | 'amber' | 'red' | 'none';
export type ReportState = 'on-time' | 'late' | 'overdue' | 'pending';
export type Agreement = 'agrees' | 'differs' | 'below-records';
export type Compare = 'exact' | 'at-least';

export interface Unavailable { available: false; city: string; reason: string }

export interface GoalView { year: number; value: number; display: string; stated: boolean }

export interface PlanIndicator {
  id: string; name: string; unit: IndicatorUnit; kind: IndicatorKind; since: number | null; perRegion: boolean;
  quote: string; reading: string | null; clause: string; reporter: string | null; reporterName: string | null;
  coResponsible: string[]; records: { source: string; compare: Compare } | null; goals: GoalView[];
}

export interface PlanAction {
  id: string; clause: string; title: string; responsibility: string; departments: string[]; regions: boolean; indicators: PlanIndicator[];
}

export interface PlanTree {
  available: true; city: string; id: string; document: string; title: string; firstYear: number; lastYear: number;
  settings: { reportDueDay: number; amberPercent: number; interimPace: 'linear' | 'none' };
  departments: { id: string; name: string; fullName: string }[];
  /** The indicators this account reports (a department its own, a region the per-region ones, the city all). */
  mine: string[];
  actions: PlanAction[];
}

export interface CurrentReport {
  id: string; value: number; display: string; revision: number; note: string | null; reportedByName: string; onBehalf?: boolean; reportedOn: string;
  firstReportedOn: string; departmentName: string | null; evidenceCount: number;
}

export interface DispatchRow {
  indicatorId: string; actionId: string; name: string; unit: IndicatorUnit; kind: IndicatorKind;
  /** '' for a city-wide indicator, else the region of a per-region row. */
  regionId: string; regionName: string | null; reporter: string | null; reporterName: string | null;
  goal: { value: number; display: string; stated: boolean } | null;
  latest: { month: number; value: number; display: string } | null;
  projected: number | null; projectedDisplay: string | null;
  /** latest ÷ goal in hundredths of a percent (8750 = 87.50%). */
  completion: number | null;
  light: Light; met: boolean | null;
  series: { month: number; value: number; display: string }[];
  report: { state: ReportState; due: string; current: CurrentReport | null };
  records: { value: number; display: string; agreement: Agreement | null; compare: Compare } | null;
}

export interface DispatchSummary {
  green: number; amber: number; red: number; none: number; onTime: number; late: number; overdue: number; pending: number; disagreements: number;
}

export interface DispatchTable {
  available: true; city: string; document: string; year: number; month: number; today: string;
  summary: DispatchSummary;
  actions: { id: string; clause: string; title: string; rows: DispatchRow[] }[];
}

export interface OverdueItem {
  indicatorId: string; name: string; regionId: string; regionName: string | null; reporter: string; reporterName: string; year: number; month: number; due: string;
}
export interface Overdue { available: true; city: string; today: string; count: number; items: OverdueItem[] }

export interface Bulletin {
  available: true; city: string; year: number; quarter: number; throughMonth: number;
  header: { issuer: string; title: string; basis: string; date: string };
  summary: { indicators: number; green: number; amber: number; red: number; none: number };
  actions: { id: string; clause: string; title: string; green: number; amber: number; red: number; none: number }[];
  lagging: DispatchRow[];
  discipline: { id: string; unit: string; late: string[]; missing: string[] }[];
  disagreements: DispatchRow[];
}

export interface Revision {
  id: string; year: number; month: number; revision: number; value: number; display: string; note: string | null;
  departmentName: string | null; reportedByName: string; onBehalf?: boolean; reportedOn: string; createdAt: string;
  evidence: { sha256: string; fileName: string }[];
}

export interface IndicatorHistory {
  indicatorId: string; name: string; unit: IndicatorUnit; kind: IndicatorKind; regionId: string; quote: string; clause: string;
  reporterName: string | null; goals: GoalView[];
  series: { year: number; month: number; value: number; display: string; revision: number }[];
  revisions: Revision[];
}

export interface ReportBody {
  indicatorId: string; regionId?: string; year: number; month: number; value: string;
  note?: string; evidence?: { sha256: string; fileName: string }[]; replaces?: number;
}

export interface UploadedEvidence { sha256: string; fileName: string; mime: string; size: number }

/** A period the dispatch table reads; undefined lets the API choose (the last month whose report falls due). */
export interface Period { year?: number; month?: number }

const STALE = 30_000;

export const usePlan = () => useQuery({ queryKey: ['plan', 'tree'], queryFn: () => api.get<PlanTree | Unavailable>('/plan'), staleTime: 5 * 60_000 });

export const useDispatch = (p: Period, enabled = true) => useQuery({
  queryKey: ['plan', 'dispatch', p.year ?? null, p.month ?? null], enabled, staleTime: STALE,
  queryFn: () => api.get<DispatchTable | Unavailable>('/plan/dispatch', { year: p.year, month: p.month }),
});

export const useOverdue = () => useQuery({ queryKey: ['plan', 'overdue'], queryFn: () => api.get<Overdue | Unavailable>('/plan/overdue'), staleTime: STALE });

export const useBulletin = (year: number, quarter: number, enabled = true) => useQuery({
  queryKey: ['plan', 'bulletin', year, quarter], enabled, staleTime: STALE,
  queryFn: () => api.get<Bulletin | Unavailable>('/plan/bulletin', { year, quarter }),
});

export const useIndicatorHistory = (id: string | null, regionId: string, enabled = true) => useQuery({
  queryKey: ['plan', 'indicator', id, regionId], enabled: enabled && !!id, staleTime: STALE,
  queryFn: () => api.get<IndicatorHistory>(`/plan/indicators/${encodeURIComponent(id!)}`, { regionId: regionId || undefined }),
});

/** Everything a report changes: the dispatch rows, the overdue list, the bulletin and the indicator's history. */
export const refreshPlan = (qc: QueryClient) => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'plan' && q.queryKey[1] !== 'tree' });

export const evidenceUrl = (reportId: string, sha256: string) => `/api/v1/plan/reports/${encodeURIComponent(reportId)}/evidence/${encodeURIComponent(sha256)}`;
