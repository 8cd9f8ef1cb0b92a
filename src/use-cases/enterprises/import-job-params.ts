// An enterprise import queued as a job: what is stored with it, and how the API shows it.
import type { JobRow } from '../../db/repositories/jobs-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { UploadLimits } from '../../io/upload-limits.ts';
import type { ImportReport } from './import-enterprises.ts';

export const ENTERPRISE_IMPORT_KIND = 'enterprise-import';

/**
 * Stored with the job: the request as it was made. The import runs as the officer who queued it
 * (their region, their name on every audit entry), within the limits in force when it was queued.
 */
export interface ImportJobParams {
  dryRun: boolean;
  fileName: string | null;
  bytes: number;
  actor: Pick<Actor, 'userId' | 'name' | 'displayName' | 'role' | 'regionId' | 'enterpriseId' | 'ip'>;
  limits: UploadLimits;
}

/** Progress is reported in thousandths: rows are known only once the file has been read. */
export const PROGRESS_TOTAL = 1000;

type JobLike = Pick<JobRow, 'id' | 'status' | 'progressDone' | 'progressTotal' | 'error' | 'regionId' | 'createdByName' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempt'> & { params: unknown };
type Summary = Pick<ImportReport, 'dryRun' | 'committed' | 'rows' | 'created' | 'updated' | 'unchanged' | 'errorsTotal' | 'changesTotal'>;

export function presentImportJob(row: JobLike & { result?: unknown; summary?: unknown }) {
  const params = row.params as ImportJobParams;
  return {
    id: row.id,
    status: row.status as 'queued' | 'running' | 'done' | 'failed',
    dryRun: params.dryRun,
    fileName: params.fileName,
    bytes: params.bytes,
    progress: { done: row.progressDone, total: row.progressTotal },
    attempt: row.attempt,
    error: (row.error ?? null) as { code: string; message: string; field?: string } | null,
    regionId: row.regionId,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    ...(row.summary !== undefined && { summary: (row.summary ?? null) as Summary | null }),
    ...(row.result !== undefined && { report: (row.result ?? null) as ImportReport | null }),
  };
}
export type ImportJobView = ReturnType<typeof presentImportJob>;
