// The job worker every instance runs (免申即享 runs over the file and over uploaded lists, enterprise imports and exports): claim a job, run it, claim
// the next, until none is left.
// Claims are conditional statements in PostgreSQL (jobs-repository.ts), so instances share the
// queue without talking to each other.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { claimJob, type JobRow } from '../../db/repositories/jobs-repository.ts';
import { FILE_MATCH_KIND } from '../file-match/file-match-params.ts';
import { runFileMatchJob, type RunOptions } from '../file-match/run-file-match.ts';
import { ENTERPRISE_IMPORT_KIND } from '../enterprises/import-job-params.ts';
import { runImportJob } from '../enterprises/run-import-job.ts';
import { ENTERPRISE_EXPORT_KIND } from '../enterprises/export-job-params.ts';
import { runExportJob } from '../enterprises/run-export-job.ts';
import { POLICY_BATCH_KIND } from '../policy-batch/batch-job-params.ts';
import { runBatchJob } from '../policy-batch/run-batch-job.ts';

/** A worker that has not reported for this long has stopped; its job is claimed again and rerun. */
export const JOB_LEASE_SECONDS = 120;

const RUNNERS: Record<string, (db: Db, job: JobRow, opts: RunOptions) => Promise<string>> = {
  [FILE_MATCH_KIND]: runFileMatchJob,
  [ENTERPRISE_IMPORT_KIND]: runImportJob,
  [ENTERPRISE_EXPORT_KIND]: runExportJob,
  [POLICY_BATCH_KIND]: runBatchJob,
};

export const workerId = () => `${process.pid}-${randomUUID().slice(0, 8)}`;

/** Runs queued jobs until none is left (or `stopped`); returns how many this worker ran. */
export async function drainJobs(db: Db, worker: string, opts: RunOptions & { id?: string; leaseSeconds?: number } = {}): Promise<number> {
  let ran = 0;
  for (;;) {
    if (opts.stopped?.()) return ran;
    const job = await claimJob(db, { kinds: Object.keys(RUNNERS), worker, leaseSeconds: opts.leaseSeconds ?? JOB_LEASE_SECONDS, ...(opts.id && { id: opts.id }) });
    if (!job) return ran;
    await RUNNERS[job.kind]!(db, job, opts);
    ran++;
    if (opts.id) return ran;
  }
}
