// The 附件2 assessment API as the console reads it: the shapes of targets, records, tracking,
// forecasts and bulletins, and the two answers that are not failures — a year without targets
// (400 on `year`) and a reader whose region the year does not score (403 notAssessed).
import { type QueryClient, useQueries } from '@tanstack/react-query';
import type { EvidenceKind } from '../../../src/domain/scoring/record-input.ts';
import { ApiError, api } from './client.ts';
import type { Assessment } from './types.ts';

export type { EvidenceKind };

export interface TargetRow {
  regionId: string; regionName: string; retrofit: number; cloud: number; portrait: number; benchmark: number;
  coverageBasisPoints: number; coveragePercent: number;
}
export interface Targets { year: number; source: 'database' | 'built-in'; reference: string | null; regions: TargetRow[] }

export interface Evidence { kind: EvidenceKind; title: string; reference?: string }
export interface ProjectRecord {
  id: string; year: number; regionId: string; category: CountCategory; title: string; enterpriseName: string; enterpriseId: string | null;
  countedOn: string; subsidyLevel: string | null; evidence: Evidence[];
}
export interface CoverageRecord { year: number; regionId: string; month: number; covered: number; total: number; evidence: Evidence[] }
export interface WorkItemRecord { year: number; regionId: string; item: string; done: boolean; completedOn: string | null; note: string | null; evidence: Evidence[] }
export interface ActivityRecord {
  id: string; year: number; regionId: string; date: string; type: string; level: string; hostedByLocalGovernment: boolean; title: string; evidence: Evidence[];
}
export interface EventRecord {
  id: string; year: number; regionId: string; date: string; direction: 'bonus' | 'deduction'; kind: string | null; level: string | null;
  subject: string | null; issuer: string | null; title: string; evidence: Evidence[];
}

export type CountCategory = 'retrofit' | 'cloud' | 'portrait' | 'benchmark';
export type Category = CountCategory | 'coverage';
export const COUNT_CATEGORIES: readonly CountCategory[] = ['retrofit', 'cloud', 'portrait', 'benchmark'];
export const CATEGORIES: readonly Category[] = [...COUNT_CATEGORIES, 'coverage'];

export interface TrackingCell { target: number; actual: number; rate: string; behindSchedule: boolean; projected?: string; forecastStatus?: string }
export interface TrackingRow { regionId: string; regionName: string; cells: Record<Category, TrackingCell>; behindCount?: number }
export interface Tracking { year: number; month: number; timeProgress: string; rows: TrackingRow[]; cityTotal: TrackingRow }

export type ForecastStatus = 'on-track' | 'below-target' | 'below-half';
export interface Forecast {
  regionId: string; regionName: string; category: Category; target: number; actual: number; rate: string; projected: string; projectedRate: string;
  status: ForecastStatus; statusName: string; remaining: number; perMonthNeeded: number; explanation: string;
}

export interface BulletinFinding { regionId: string; regionName: string; rank: number; reasons: string[]; actions: string[] }
export interface Bulletin {
  year: number; quarter: number; title: string; summary: string;
  assessment: Assessment;
  findings: BulletinFinding[]; lagging: string[]; tracking: Tracking;
}

/** The year has no target table yet (the API refuses to score or record it, naming `year`). */
export const isNoTargets = (e: unknown): boolean => e instanceof ApiError && e.status === 400 && e.field === 'year';
/** 403 with details.notAssessed: the reader's region is not among the year's scored regions. */
export function notAssessed(e: unknown): ApiError | null {
  return e instanceof ApiError && e.status === 403 && (e.details as { notAssessed?: unknown } | undefined)?.notAssessed === true ? e : null;
}

export type YearState =
  | { year: number; state: 'loading' }
  | { year: number; state: 'targets'; targets: Targets }
  | { year: number; state: 'none' }
  | { year: number; state: 'not-assessed'; error: ApiError }
  | { year: number; state: 'error'; error: unknown; retry: () => void };

/** Each offered year's target table, asked once per year: it says which years can be scored at all. */
export function useYearTargets(years: number[]): YearState[] {
  const results = useQueries({
    queries: years.map((year) => ({
      // Not under ['assessment']: saving a record refreshes what is derived from records, never the
      // year list (a year without targets asked again would pass through "loading" and replace the
      // page, and the form on it, with a skeleton). The city's own saves put the table in place.
      queryKey: targetsKey(year),
      queryFn: () => api.get<Targets>(`/assessment/${year}/targets`),
      staleTime: 10 * 60_000,
      refetchOnWindowFocus: false,
      // A year without targets and a region outside the assessment are answers, not failures.
      retry: (count: number, e: unknown) => !isNoTargets(e) && !notAssessed(e) && count < 2,
    })),
  });
  return results.map((r, i) => settle(years[i]!, r));
}

/**
 * After the city saved a year's table: the answer is the table, so it is put in place rather than
 * asked again (a refetch would pass through "loading" and replace the page under it); everything
 * derived from the targets is asked again.
 */
export async function targetsSaved(queryClient: QueryClient, year: number, targets: Targets) {
  queryClient.setQueryData(targetsKey(year), targets);
  await queryClient.invalidateQueries({ queryKey: ['assessment'] });
}

const targetsKey = (year: number) => ['assessment-targets', year];

function settle(year: number, r: { data?: Targets | undefined; isError: boolean; error: unknown; refetch: () => unknown }): YearState {
  if (r.data) return { year, state: 'targets', targets: r.data };
  if (r.isError) {
    if (isNoTargets(r.error)) return { year, state: 'none' };
    const outside = notAssessed(r.error);
    if (outside) return { year, state: 'not-assessed', error: outside };
    return { year, state: 'error', error: r.error, retry: () => void r.refetch() };
  }
  return { year, state: 'loading' };
}

/** The year-end projection of a count as a whole number of projects (12.5 projected → 12: the pace does not yet reach 13). */
export const wholeProjected = (projected: string | undefined): string => {
  if (projected === undefined || projected === '') return '—';
  const n = Number(projected);
  return Number.isFinite(n) ? String(Math.floor(n)) : projected;
};
