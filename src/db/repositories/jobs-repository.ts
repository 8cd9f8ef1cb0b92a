// Jobs in PostgreSQL: any instance claims one with a single conditional statement, so two workers
// asking at once never get the same job. A claim is an attempt number; progress and the result
// are written only while the job is still running under that attempt, so a worker that lost its
// lease (its job was claimed again after it stopped beating) cannot overwrite the new run.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../client.ts';
import { jobInputs, jobOutputs, jobs } from '../schema/jobs.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export async function insertJob(db: Executor, fields: { kind: string; params: unknown; regionId: string | null; createdBy: string | null; createdByName: string }): Promise<JobRow> {
  const [row] = await db.insert(jobs).values(fields).returning();
  return row!;
}

/**
 * A job and the file it works on, queued together (one transaction: never a job without its file).
 * A large file comes as several chunks, stored in order (see readJobInput).
 */
export async function insertJobWithInput(db: Executor, fields: Parameters<typeof insertJob>[1], content: Buffer | readonly Buffer[]): Promise<JobRow> {
  const chunks = Buffer.isBuffer(content) ? [content] : content;
  return db.transaction(async (tx) => {
    const row = await insertJob(tx, fields);
    // One statement per chunk: a single insert of every chunk would hold them all as parameters at once.
    for (const [seq, chunk] of chunks.entries()) await tx.insert(jobInputs).values({ jobId: row.id, seq, content: chunk });
    return row;
  });
}

/** The whole file (a workbook, bounded by ZGSZ_UPLOAD_MAX_MB); undefined when it is gone. */
export async function findJobInput(db: Executor, id: string): Promise<Buffer | undefined> {
  const rows = await db.select({ content: jobInputs.content }).from(jobInputs).where(eq(jobInputs.jobId, id)).orderBy(jobInputs.seq);
  return rows.length ? Buffer.concat(rows.map((r) => r.content)) : undefined;
}

/** The file chunk by chunk, one query each (a list of a million rows is never held whole). */
export async function* readJobInput(db: Executor, id: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [chunk] = await db.select({ content: jobInputs.content }).from(jobInputs).where(and(eq(jobInputs.jobId, id), eq(jobInputs.seq, seq)));
    if (!chunk) return;
    yield chunk.content;
  }
}

/** Whether the job's file is still stored (it is removed when the job ends). */
export const hasJobInput = async (db: Executor, id: string): Promise<boolean> =>
  (await db.select({ seq: jobInputs.seq }).from(jobInputs).where(and(eq(jobInputs.jobId, id), eq(jobInputs.seq, 0)))).length > 0;

/** The file is no longer needed once its job is done or failed (it is never run again). */
export async function deleteJobInput(db: Executor, id: string): Promise<void> {
  await db.delete(jobInputs).where(eq(jobInputs.jobId, id));
}

/** One chunk of the file an attempt is making (numbered from 0 in the order written). */
export async function appendJobOutput(db: Executor, id: string, attempt: number, seq: number, content: Buffer): Promise<void> {
  await db.insert(jobOutputs).values({ jobId: id, attempt, seq, content });
}

/**
 * The file a finished job made, chunk by chunk: each chunk is its own query (keyset on seq), so a
 * download of a large export holds one chunk at a time and no transaction open while the client reads.
 */
export async function* readJobOutput(db: Executor, id: string, attempt: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [chunk] = await db.select({ content: jobOutputs.content }).from(jobOutputs)
      .where(and(eq(jobOutputs.jobId, id), eq(jobOutputs.attempt, attempt), eq(jobOutputs.seq, seq)));
    if (!chunk) return;
    yield chunk.content;
  }
}

/** Chunks written by earlier attempts (stopped mid-run) are never read: removed once one attempt finishes. */
export async function deleteStaleJobOutput(db: Executor, id: string, attempt: number): Promise<void> {
  await db.delete(jobOutputs).where(and(eq(jobOutputs.jobId, id), sql`${jobOutputs.attempt} <> ${attempt}`));
}

/** One attempt's chunks, when that attempt will not finish (it lost its claim, or broke off). */
export async function deleteJobOutputAttempt(db: Executor, id: string, attempt: number): Promise<void> {
  await db.delete(jobOutputs).where(and(eq(jobOutputs.jobId, id), eq(jobOutputs.attempt, attempt)));
}

/**
 * Files of jobs of `kind` finished more than `days` ago are dropped (their job stays, with its
 * summary): an export is a copy of the file taken at a moment, and keeping every one would grow
 * the database by each export's size.
 */
export async function expireJobOutputs(db: Executor, kind: string, days: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`
    with gone as (
      delete from job_outputs o using jobs j
      where o.job_id = j.id and j.kind = ${kind} and j.finished_at < now() - make_interval(days => ${days})
      returning 1)
    select count(*)::int as n from gone`);
  return rows[0]?.n ?? 0;
}

export const findJob = async (db: Executor, id: string): Promise<JobRow | undefined> => (await db.select().from(jobs).where(eq(jobs.id, id)))[0];

/**
 * Claims the oldest queued job of the kinds (or one whose worker has not beaten within the lease:
 * it stopped mid-run, and the job is run again from the start). `FOR UPDATE SKIP LOCKED` lets
 * concurrent claimers pass each other instead of queueing on one row; the outer UPDATE re-checks
 * the status so a row claimed meanwhile is not taken twice.
 */
export async function claimJob(db: Executor, opts: { kinds: readonly string[]; worker: string; leaseSeconds: number; id?: string }): Promise<JobRow | undefined> {
  const only = opts.id ? sql`and id = ${opts.id}::uuid` : sql``;
  const claimable = sql`(status = 'queued' or (status = 'running' and heartbeat_at < now() - make_interval(secs => ${opts.leaseSeconds})))`;
  const rows = await queryRows<{ id: string }>(db, sql`
    update jobs set status = 'running', attempt = attempt + 1, claimed_by = ${opts.worker}, heartbeat_at = now(),
      started_at = now(), progress_done = 0, result = null, error = null
    where id = (
      select id from jobs
      where kind in (select jsonb_array_elements_text(${JSON.stringify(opts.kinds)}::jsonb)) and ${claimable} ${only}
      order by created_at, id limit 1
      for update skip locked)
    and ${claimable}
    returning id`);
  return rows[0] ? findJob(db, rows[0].id) : undefined;
}

const current = (id: string, attempt: number): SQL => and(eq(jobs.id, id), eq(jobs.attempt, attempt), eq(jobs.status, 'running'))!;

/** Progress and heartbeat in one; false when the job is no longer this attempt's to run. */
export async function reportProgress(db: Executor, id: string, attempt: number, done: number, total: number): Promise<boolean> {
  const rows = await db.update(jobs).set({ progressDone: done, progressTotal: total, heartbeatAt: sql`now()` }).where(current(id, attempt)).returning({ id: jobs.id });
  return rows.length > 0;
}

export async function finishJob(db: Executor, id: string, attempt: number, result: unknown, done: number): Promise<boolean> {
  const rows = await db.update(jobs).set({ status: 'done', result, progressDone: done, progressTotal: done, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(current(id, attempt)).returning({ id: jobs.id });
  return rows.length > 0;
}

export async function failJob(db: Executor, id: string, attempt: number, error: { code: string; message: string; field?: string }): Promise<boolean> {
  const rows = await db.update(jobs).set({ status: 'failed', error, finishedAt: sql`now()` }).where(current(id, attempt)).returning({ id: jobs.id });
  return rows.length > 0;
}

/** A 免申即享 result's summary, not its match list (which may be thousands of rows). */
const FILE_MATCH_SUMMARY = sql<unknown>`case when ${jobs.result} is null then null else jsonb_build_object('enterprises', ${jobs.result}->'enterprises', 'entitled', ${jobs.result}->'entitled', 'total', ${jobs.result}->'total') end`;

/** A batch run's totals (its report's), not its match list. */
export const BATCH_SUMMARY = sql<unknown>`case when ${jobs.result} is null then null else jsonb_build_object('enterprises', ${jobs.result}->'report'->'enterprises', 'entitled', ${jobs.result}->'report'->'entitled', 'total', ${jobs.result}->'report'->'total') end`;

/**
 * Recent jobs of a kind, newest first, limited by the caller's condition (creator, region), each
 * with `summary` (by default a 免申即享 result's) instead of its whole result.
 */
export const listJobs = (db: Executor, kind: string, where: SQL | undefined, limit: number, summary: SQL<unknown> = FILE_MATCH_SUMMARY) =>
  db.select({
    id: jobs.id, kind: jobs.kind, params: jobs.params, status: jobs.status, progressDone: jobs.progressDone, progressTotal: jobs.progressTotal,
    error: jobs.error, regionId: jobs.regionId, createdBy: jobs.createdBy, createdByName: jobs.createdByName,
    createdAt: jobs.createdAt, startedAt: jobs.startedAt, finishedAt: jobs.finishedAt, attempt: jobs.attempt,
    summary,
  }).from(jobs).where(and(eq(jobs.kind, kind), where)).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(limit);

export const jobCreatorIs = (userId: string | null) => (userId ? eq(jobs.createdBy, userId) : sql`false`);
/** A job result's top-level fields, without its lists. */
export const jobResultFields = (...names: string[]) =>
  sql<unknown>`case when ${jobs.result} is null then null else jsonb_build_object(${sql.join(names.map((n) => sql`${n}::text, ${jobs.result}->${n}::text`), sql`, `)}) end`;
export const jobRegionIs = (regionId: string) => eq(jobs.regionId, regionId);
