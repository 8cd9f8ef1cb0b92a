// An enterprise export queued as a job: what is stored with it, and how the API shows it. For a
// file of a million enterprises (minutes of work and tens of megabytes) an officer should not hold a
// request open; the job runs on whichever instance claims it and the file waits in the database.
import type { EnterpriseFilter } from '../../db/repositories/enterprise-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { jobState, type JobStateRow } from '../jobs/job-view.ts';

export const ENTERPRISE_EXPORT_KIND = 'enterprise-export';

/**
 * How long a finished export's file is kept. An export is a copy of personal data (contacts'
 * names and phones) taken at a moment: kept long enough to be fetched, not as a second archive.
 */
export const EXPORT_KEEP_DAYS = 7;

export const EXPORT_FILE_NAME = '企业档案.xlsx';

/** Stored with the job: the filter as asked, run as the officer who asked (their scope). */
export interface ExportJobParams {
  filter: EnterpriseFilter;
  actor: Pick<Actor, 'userId' | 'name' | 'displayName' | 'role' | 'regionId' | 'enterpriseId' | 'ip'>;
}

export interface ExportJobResult { rows: number; bytes: number }

const DAY_MS = 86_400_000;

/** The filter with its empty fields left out: as stored with the job, and as the API shows it. */
export const givenFilter = (f: EnterpriseFilter): EnterpriseFilter => ({
  ...(f.q && { q: f.q }), ...(f.regionId && { regionId: f.regionId }),
  ...(f.aboveScale !== undefined && { aboveScale: f.aboveScale }), ...(f.chain && { chain: f.chain }),
});

export function presentExportJob(row: JobStateRow & { params: unknown; result?: unknown; summary?: unknown }) {
  const params = row.params as ExportJobParams;
  const result = (row.result ?? row.summary ?? null) as ExportJobResult | null;
  return {
    ...jobState(row),
    filter: givenFilter(params.filter),
    fileName: EXPORT_FILE_NAME,
    rows: result?.rows ?? null,
    bytes: result?.bytes ?? null,
    // When the file is dropped (expireJobOutputs): the job and its counts stay.
    expiresAt: row.status === 'done' && row.finishedAt ? new Date(row.finishedAt.getTime() + EXPORT_KEEP_DAYS * DAY_MS).toISOString() : null,
  };
}
export type ExportJobView = ReturnType<typeof presentExportJob>;
