// Runs one claimed batch: the stored list is read a chunk at a time from the database (whichever
// instance runs it), every row evaluated under the text's parameters and, with overrides, under
// them too, in one pass; the result is written with "done" in one conditional statement. Nothing
// else is written, so a run that stops (instance shut down, lease lost) leaves nothing half-done:
// the job is claimed again and read from its first row. Progress (bytes of the file read)
// doubles as the heartbeat; a heartbeat that finds the job claimed by someone else stops this run.
import { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import { deleteJobInput, failJob, finishJob, hasJobInput, readJobInput, reportProgress, type JobRow } from '../../db/repositories/jobs-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { runScenarios, WHAT_IF_BASE_LABEL, WHAT_IF_LABEL, whatIfOf } from '../../domain/policy/batch.ts';
import { findPolicy } from '../../domain/policy/find.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { readPopulationStream } from '../../io/read-population.ts';
import { UploadAborted } from '../../io/upload-limits.ts';
import { jobError } from '../jobs/job-view.ts';
import type { RunOptions } from '../file-match/run-file-match.ts';
import type { BatchJobParams, BatchJobResult } from './batch-job-params.ts';

/** How often progress (and the heartbeat) is written while the list is read. */
const BEAT_MS = 1000;

export async function runBatchJob(db: Db, job: JobRow, opts: RunOptions = {}): Promise<'done' | 'failed' | 'lost' | 'stopped'> {
  const p = job.params as BatchJobParams;
  const controller = new AbortController();
  let lost = false;
  let stopped = false;
  let read = 0;
  let lastBeat = performance.now();
  try {
    if (!(await hasJobInput(db, job.id))) throw new DomainError('INVALID', '批量测算任务的文件已不存在,请重新上传', 'file');
    if (!(await reportProgress(db, job.id, job.attempt, 0, p.bytes))) return 'lost';
    const chunks = async function* () {
      for await (const chunk of readJobInput(db, job.id)) {
        if (opts.stopped?.() && !stopped) { stopped = true; controller.abort(); }
        read += chunk.length;
        if (performance.now() - lastBeat >= BEAT_MS) {
          lastBeat = performance.now();
          if (!(await reportProgress(db, job.id, job.attempt, read, p.bytes))) { lost = true; controller.abort(); }
        }
        yield chunk;
      }
    };
    const policy = findPolicy(policyLibrary(), p.policyId, 'policyId');
    const rows = readPopulationStream(Readable.from(chunks()), p.format, policy.facts, 'upload', { limits: p.limits, signal: controller.signal });
    const withOverrides = Object.keys(p.overrides).length > 0;
    const [report, scenario] = await runScenarios([
      { policy },
      ...(withOverrides ? [{ policy, overrides: p.overrides, label: WHAT_IF_LABEL }] : []),
    ], rows, { date: p.date, ...(p.matchesLimit !== null && { matchesLimit: p.matchesLimit }) });
    // The what-if's base is the report itself, under its own name and without the match list.
    const { matches: _matches, ...base } = report!;
    const result: BatchJobResult = { report: report!, whatIf: scenario ? whatIfOf({ ...base, label: WHAT_IF_BASE_LABEL }, scenario) : null };
    if (!(await finishJob(db, job.id, job.attempt, result, p.bytes))) return 'lost';
    await deleteJobInput(db, job.id);
    return 'done';
  } catch (e) {
    if (e instanceof UploadAborted) return lost ? 'lost' : 'stopped';
    const error = jobError(e, '批量测算中断:服务器内部错误,请稍后重试或联系管理员');
    if (await failJob(db, job.id, job.attempt, error)) await deleteJobInput(db, job.id);
    if (!(e instanceof DomainError)) throw e;
    return 'failed';
  }
}
