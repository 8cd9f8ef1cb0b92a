// Population batch (免申即享) and what-if over an uploaded CSV/XLSX list, run as a job: the answers'
// shapes and the upload that queues it. Amounts are integer 分 (fen), as everywhere in the policy API.
import { api, request } from './client.ts';
import type { MoneyRange, ParameterUse, Validity } from './types.ts';

export const CSV_MIME = 'text/csv';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface BatchMeasure {
  id: string; title: string; clause: string; payer: 'city' | 'county' | 'shared'; payerLabel: string; eligible: number; min: number; max: number | null;
  quota?: { value: number; exceeded: boolean; minWithinQuota: number; maxWithinQuota: number | null };
}
export interface BatchRegion { region: string; enterprises: number; entitled: number; min: number; max: number | null }
export interface BatchMatch { id: string; name?: string; region?: string; measures: { id: string; clause: string; min: number; max: number | null }[] }
export interface BatchReport {
  policy: { id: string; title: string; city: string }; label: string; date: string; validity: Validity;
  warnings: string[]; overrides: ParameterUse[]; enterprises: number; entitled: number;
  measures: BatchMeasure[]; byPayer: { city: MoneyRange; county: MoneyRange; shared: MoneyRange };
  byRegion: BatchRegion[]; total: MoneyRange; matches?: BatchMatch[];
}
export interface Delta { base: number; scenario: number; delta: number }
export interface DeltaNullable { base: number | null; scenario: number | null; delta: number | null }
export interface WhatIfReport {
  base: BatchReport; scenario: BatchReport;
  measures: { id: string; title: string; clause: string; eligible: Delta; min: Delta; max: DeltaNullable }[];
  total: { min: Delta; max: DeltaNullable };
}

/** The content type the upload endpoints expect, from the file's name (or its own type). */
export function uploadType(file: File): string {
  if (/\.xlsx$/i.test(file.name) || file.type === XLSX_MIME) return XLSX_MIME;
  return CSV_MIME;
}

/** `?date=…&override=a=1&override=b=2`: override repeats, which the client's Query cannot express. */
function uploadQuery(date: string, overrides: string[], matchesLimit?: number): string {
  const q = new URLSearchParams({ date });
  for (const o of overrides) q.append('override', o);
  if (matchesLimit !== undefined) q.set('matchesLimit', String(matchesLimit));
  return `?${q.toString()}`;
}

const base = (policyId: string) => `/policies/${encodeURIComponent(policyId)}`;

/** A batch queued as a job: its state, and (asked for once done) the report and the what-if. */
export interface BatchJob {
  id: string; status: 'queued' | 'running' | 'done' | 'failed';
  policyId: string; date: string; overrides: Record<string, string>; fileName: string | null; bytes: number; format: 'csv' | 'xlsx';
  progress: { done: number; total: number }; attempt: number;
  error: { code: string; message: string; field?: string } | null;
  createdByName: string; createdAt: string; finishedAt: string | null;
  summary: { enterprises: number; entitled: number; total: MoneyRange } | null;
  result?: { report: BatchReport; whatIf: WhatIfReport | null } | null;
}

/** One upload, one job: the report under the text's parameters and, with overrides, the what-if. */
export const queueBatchJob = (policyId: string, file: File, date: string, overrides: string[], matchesLimit: number) =>
  request<BatchJob>('POST', `${base(policyId)}/batch-jobs${uploadQuery(date, overrides, matchesLimit)}&fileName=${encodeURIComponent(file.name.slice(0, 200))}`, { raw: { data: file, contentType: uploadType(file) } });

export const getBatchJob = (id: string, withResult: boolean) => api.get<BatchJob>(`/policies/batch-jobs/${id}`, { result: String(withResult) });
export const listBatchJobs = () => api.get<BatchJob[]>('/policies/batch-jobs');
