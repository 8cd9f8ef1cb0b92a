// An enterprise import queued as a job: what is stored with it, and how the API shows it.
import type { Actor } from '../../domain/actor.ts';
import type { UploadLimits } from '../../io/upload-limits.ts';
import { jobState, type JobStateRow } from '../jobs/job-view.ts';
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

type Summary = Pick<ImportReport, 'dryRun' | 'committed' | 'rows' | 'created' | 'updated' | 'unchanged' | 'errorsTotal' | 'changesTotal'>;

export function presentImportJob(row: JobStateRow & { params: unknown; result?: unknown; summary?: unknown }) {
  const params = row.params as ImportJobParams;
  return {
    ...jobState(row),
    dryRun: params.dryRun,
    fileName: params.fileName,
    bytes: params.bytes,
    ...(row.summary !== undefined && { summary: (row.summary ?? null) as Summary | null }),
    ...(row.result !== undefined && { report: (row.result ?? null) as ImportReport | null }),
  };
}
export type ImportJobView = ReturnType<typeof presentImportJob>;
