// A job as the API shows it: its request, state and progress, and (when asked) its result.
import { policyLibrary } from '../../io/policy-library.ts';
import { jobState, type JobStateRow } from '../jobs/job-view.ts';
import type { FileMatchParams } from './file-match-params.ts';

export function presentJob(row: JobStateRow & { params: unknown; result?: unknown; summary?: unknown }) {
  const params = row.params as FileMatchParams;
  const policy = policyLibrary().policies.get(params.policyId);
  return {
    ...jobState(row),
    params,
    policyTitle: policy?.shortTitle ?? params.policyId,
    ...(row.summary !== undefined && { summary: (row.summary ?? null) as { enterprises: number; entitled: number; total: { min: number; max: number | null } } | null }),
    ...(row.result !== undefined && { result: row.result ?? null }),
  };
}
