// A job as the API shows it: its request, state and progress, and (when asked) its result.
import type { JobRow } from '../../db/repositories/jobs-repository.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import type { FileMatchParams } from './file-match-params.ts';

type JobLike = Pick<JobRow, 'id' | 'status' | 'progressDone' | 'progressTotal' | 'error' | 'regionId' | 'createdByName' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempt'> & { params: unknown };

export function presentJob(row: JobLike & { result?: unknown; summary?: unknown }) {
  const params = row.params as FileMatchParams;
  const policy = policyLibrary().policies.get(params.policyId);
  return {
    id: row.id,
    status: row.status as 'queued' | 'running' | 'done' | 'failed',
    params,
    policyTitle: policy?.shortTitle ?? params.policyId,
    progress: { done: row.progressDone, total: row.progressTotal },
    attempt: row.attempt,
    error: (row.error ?? null) as { code: string; message: string; field?: string } | null,
    regionId: row.regionId,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    ...(row.summary !== undefined && { summary: (row.summary ?? null) as { enterprises: number; entitled: number; total: { min: number; max: number | null } } | null }),
    ...(row.result !== undefined && { result: row.result ?? null }),
  };
}
