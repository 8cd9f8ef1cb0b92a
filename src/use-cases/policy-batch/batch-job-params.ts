// 免申即享 batch matching over an uploaded list, queued as a job: what is stored with it and how the
// API shows it. A province's list (a million rows, up to ZGSZ_CSV_MAX_MB) takes longer to read than
// a request should be held open through a balancer, and an instance stopped for a deploy would lose
// it; as a job any instance runs it, and one stopped mid-run is claimed again and run from the start.
import type { BatchReport, WhatIfReport } from '../../domain/policy/batch.ts';
import type { UploadLimits } from '../../io/upload-limits.ts';
import { jobState, type JobStateRow } from '../jobs/job-view.ts';

export const POLICY_BATCH_KIND = 'policy-batch';

/** The upload is stored in chunks of this size (job_inputs), so a run reads it a chunk at a time. */
export const BATCH_CHUNK_BYTES = 1 << 20;

export type BatchFormat = 'csv' | 'xlsx';

/** Stored with the job: the request as checked when it was queued, and the upload's bounds then. */
export interface BatchJobParams {
  policyId: string;
  date: string;
  /** Parameter overrides (name → value): with any, the result has the what-if beside the report. */
  overrides: Record<string, string>;
  matchesLimit: number | null;
  format: BatchFormat;
  fileName: string | null;
  bytes: number;
  limits: UploadLimits;
}

/**
 * The report under the text's own parameters (with its match list), and, when overrides were
 * given, what they change: both from one pass over the file.
 */
export interface BatchJobResult { report: BatchReport; whatIf: WhatIfReport | null }

/** What the list shows of a finished run (the result without its lists). */
export interface BatchJobSummary { enterprises: number; entitled: number; total: { min: number; max: number | null } }

export function presentBatchJob(row: JobStateRow & { params: unknown; result?: unknown; summary?: unknown }) {
  const p = row.params as BatchJobParams;
  return {
    ...jobState(row),
    policyId: p.policyId,
    date: p.date,
    overrides: p.overrides,
    matchesLimit: p.matchesLimit,
    format: p.format,
    fileName: p.fileName,
    bytes: p.bytes,
    summary: (row.summary ?? null) as BatchJobSummary | null,
    ...(row.result !== undefined && { result: (row.result ?? null) as BatchJobResult | null }),
  };
}
