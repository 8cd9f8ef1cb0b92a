// Runs one claimed enterprise import. The job's "done" and its report are written inside the
// import's own transaction, just before it commits: the rows and the job's result commit together,
// so a run that stops (the instance shut down, the worker lost its lease) leaves nothing applied,
// and the job is claimed again and run from the start on the same stored file. Progress doubles
// as the heartbeat; a heartbeat that finds the job claimed by someone else stops this run.
import { chainPendingAudit } from '../../db/repositories/audit-repository.ts';
import type { Db, Executor } from '../../db/client.ts';
import { deleteJobInput, failJob, findJobInput, finishJob, reportProgress, type JobRow } from '../../db/repositories/jobs-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { jobError } from '../jobs/job-view.ts';
import { UploadAborted } from '../../io/upload-limits.ts';
import type { RunOptions } from '../file-match/run-file-match.ts';
import { importEnterprises, type ImportReport } from './import-enterprises.ts';
import { PROGRESS_TOTAL, type ImportJobParams } from './import-job-params.ts';

/** How often progress (and the heartbeat) is written while the import runs. */
const BEAT_MS = 1000;

class LostClaim extends Error {}

export async function runImportJob(db: Db, job: JobRow, opts: RunOptions = {}): Promise<'done' | 'failed' | 'lost' | 'stopped'> {
  const params = job.params as ImportJobParams;
  const controller = new AbortController();
  let lost = false;
  let stopped = false;
  let lastBeat = 0;
  const beat = (done: number) => {
    lastBeat = performance.now();
    // Not awaited: on PGlite (one connection) it waits for the import's transaction; a stale
    // progress written after the job finished changes nothing (it is conditional on "running").
    reportProgress(db, job.id, job.attempt, done, PROGRESS_TOTAL).then((ours) => {
      if (!ours && !lost) { lost = true; controller.abort(); }
    }, () => {});
  };
  try {
    const file = await findJobInput(db, job.id);
    if (!file) throw new DomainError('INVALID', '导入任务的文件已不存在,请重新上传', 'file');
    if (!(await reportProgress(db, job.id, job.attempt, 0, PROGRESS_TOTAL))) return 'lost';
    const actor: Actor = { ...params.actor };
    const report = await importEnterprises(db, actor, file, {
      dryRun: params.dryRun, limits: params.limits, signal: controller.signal,
      onProgress: (p) => {
        if (opts.stopped?.() && !stopped) { stopped = true; controller.abort(); }
        if (performance.now() - lastBeat >= BEAT_MS) beat(Math.floor(p.fraction * PROGRESS_TOTAL));
      },
      beforeCommit: async (tx: Executor, final: ImportReport) => {
        if (!(await finishJob(tx, job.id, job.attempt, final, PROGRESS_TOTAL))) throw new LostClaim();
        await deleteJobInput(tx, job.id);
      },
    });
    if (!report.committed) {
      // A check, or a file refused row by row: nothing was written, and the report is the result.
      if (!(await finishJob(db, job.id, job.attempt, report, PROGRESS_TOTAL))) return 'lost';
      await deleteJobInput(db, job.id);
      return 'done';
    }
    // As the synchronous import does after answering: its audit entries linked onto the chain.
    await chainPendingAudit(db);
    return 'done';
  } catch (e) {
    if (e instanceof LostClaim || (e instanceof UploadAborted && lost)) return 'lost';
    if (e instanceof UploadAborted) return 'stopped';
    const error = jobError(e, '导入中断:服务器内部错误,请稍后重试或联系管理员');
    if (await failJob(db, job.id, job.attempt, error)) await deleteJobInput(db, job.id);
    if (!(e instanceof DomainError)) throw e;
    return 'failed';
  }
}
