// Runs one claimed enterprise export: the workbook is streamed (keyset pages, as the direct
// export) into chunks stored under this attempt, and the job is marked done with its counts in the
// same transaction that drops any earlier attempt's chunks. A run that stops (the instance shut
// down, the lease lost) leaves only chunks nobody reads; the job is claimed again and written anew.
// Progress after each page doubles as the heartbeat.
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Db } from '../../db/client.ts';
import { countEnterprises, filterCondition } from '../../db/repositories/enterprise-repository.ts';
import {
  appendJobOutput, deleteJobOutputAttempt, deleteStaleJobOutput, expireJobOutputs, failJob, finishJob, reportProgress, type JobRow,
} from '../../db/repositories/jobs-repository.ts';
import { dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { jobError } from '../jobs/job-view.ts';
import type { RunOptions } from '../file-match/run-file-match.ts';
import { exportEnterprises } from './export-enterprises.ts';
import { ENTERPRISE_EXPORT_KIND, EXPORT_KEEP_DAYS, type ExportJobParams, type ExportJobResult } from './export-job-params.ts';

/** Bytes per stored chunk: one row each, small enough to hold one at a time, few enough to read fast. */
export const EXPORT_CHUNK_BYTES = 1 << 20;

class Interrupted extends Error {
  constructor(readonly outcome: 'lost' | 'stopped') { super(outcome); }
}

/** A Writable that stores what it is given as numbered chunks; each write waits for its insert (backpressure). */
class ChunkSink extends Writable {
  private parts: Buffer[] = [];
  private size = 0;
  private seq = 0;
  private writing: Promise<void> = Promise.resolve();
  bytes = 0;

  constructor(private readonly chunkBytes: number, private readonly store: (seq: number, content: Buffer) => Promise<void>) { super(); }

  private async flush(): Promise<void> {
    if (!this.size) return;
    const content = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.writing = this.store(this.seq++, content);
    await this.writing;
  }

  /** Stops taking writes and waits for the chunk being stored, so that nothing lands after a cleanup. */
  async settle(): Promise<void> {
    this.destroy();
    await this.writing.catch(() => {});
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    this.bytes += chunk.length;
    if (this.size < this.chunkBytes) { done(); return; }
    this.flush().then(() => done(), done);
  }

  override _final(done: (e?: Error | null) => void): void {
    this.flush().then(() => done(), done);
  }
}

export async function runExportJob(db: Db, job: JobRow, opts: RunOptions & { chunkBytes?: number } = {}): Promise<'done' | 'failed' | 'lost' | 'stopped'> {
  const params = job.params as ExportJobParams;
  const actor: Actor = { ...params.actor };
  const sink = new ChunkSink(opts.chunkBytes ?? EXPORT_CHUNK_BYTES, (seq, content) => appendJobOutput(db, job.id, job.attempt, seq, content));
  try {
    const total = await countEnterprises(db, filterCondition(dataScope(actor), params.filter));
    if (!(await reportProgress(db, job.id, job.attempt, 0, total))) return 'lost';
    // A failed insert errors the sink; the workbook writer would then wait for it forever.
    const sinkFailed = finished(sink);
    sinkFailed.catch(() => {});
    const rows = await Promise.race([
      exportEnterprises(db, actor, sink, params.filter, {
        audit: false, ...(opts.pageSize && { pageSize: opts.pageSize }),
        onProgress: async (done) => {
          if (opts.stopped?.()) throw new Interrupted('stopped');
          // Files added meanwhile count too: the total grows rather than the bar passing 100%.
          if (!(await reportProgress(db, job.id, job.attempt, done, Math.max(total, done)))) throw new Interrupted('lost');
          opts.onPage?.(done, Math.max(total, done));
        },
      }),
      sinkFailed.then(() => new Promise<never>(() => {})),
    ]);
    if (!sink.writableFinished) await sinkFailed;
    const result: ExportJobResult = { rows, bytes: sink.bytes };
    const ours = await db.transaction(async (tx) => {
      if (!(await finishJob(tx, job.id, job.attempt, result, rows))) return false;
      await deleteStaleJobOutput(tx, job.id, job.attempt);
      return true;
    });
    if (!ours) throw new Interrupted('lost');
    await expireJobOutputs(db, ENTERPRISE_EXPORT_KIND, EXPORT_KEEP_DAYS);
    return 'done';
  } catch (e) {
    // This attempt's chunks are never read now: another attempt runs (or will run) the job. A chunk
    // still being stored is waited for first (on PostgreSQL it is another connection's insert).
    await sink.settle();
    await deleteJobOutputAttempt(db, job.id, job.attempt).catch(() => {});
    if (e instanceof Interrupted) return e.outcome;
    const error = jobError(e, '导出中断:服务器内部错误,请稍后重试或联系管理员');
    await failJob(db, job.id, job.attempt, error);
    if (!(e instanceof DomainError)) throw e;
    return 'failed';
  }
}
