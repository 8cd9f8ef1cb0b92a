// Batch jobs (批量测算 over an uploaded list) with concurrent workers on PostgreSQL (issue 11 item 4):
// each queued list is evaluated once however many workers drain the queue, and when a run's job is
// claimed again while it reads (its lease ran out), the two attempts read side by side on their own
// connections and exactly one writes its result: the other is refused by the conditional "done".
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { findJob, insertJobWithInput } from '../../src/db/repositories/jobs-repository.ts';
import { jobInputs, jobs } from '../../src/db/schema/jobs.ts';
import { UPLOAD_DEFAULTS } from '../../src/config/env.ts';
import { uploadLimits } from '../../src/io/upload-limits.ts';
import { drainJobs } from '../../src/use-cases/jobs/work-jobs.ts';
import { BATCH_CHUNK_BYTES, type BatchJobParams, POLICY_BATCH_KIND } from '../../src/use-cases/policy-batch/batch-job-params.ts';
import { runBatchJob } from '../../src/use-cases/policy-batch/run-batch-job.ts';
import { createTestDatabase } from '../helpers/db.ts';

// The database alone, without a server: a server's own worker would join the races unannounced.
let database: Database;
beforeAll(async () => { database = await createTestDatabase(12); });
afterAll(async () => { await database?.close(); });

const limits = uploadLimits({ uploadMaxBytes: 20 * 1024 * 1024, uploads: UPLOAD_DEFAULTS }, 'batch-csv');
/** `n` enterprises, every one a 5000万元 project in 宝应县 (扬府发〔2022〕20号 附件1 二(一) applies to each). */
function list(n: number): Buffer {
  const lines = ['id,region,applicant_type,projects.annual_investment'];
  for (let i = 0; i < n; i++) lines.push(`E${i},yz-baoying,enterprise,5000万元`);
  return Buffer.from(`${lines.join('\n')}\n`);
}
function queue(file: Buffer, kind = POLICY_BATCH_KIND) {
  const params: BatchJobParams = { policyId: 'yangzhou-2022-20', date: '2023-06-01', overrides: {}, matchesLimit: null, format: 'csv', fileName: null, bytes: file.length, limits };
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += BATCH_CHUNK_BYTES) chunks.push(file.subarray(at, at + BATCH_CHUNK_BYTES));
  return insertJobWithInput(database.db, { kind, params, regionId: null, createdBy: null, createdByName: '测试' }, chunks);
}
const inputs = async (id: string) => (await database.db.select({ seq: jobInputs.seq }).from(jobInputs).where(eq(jobInputs.jobId, id))).length;
type Result = { report: { enterprises: number; entitled: number } };

describe('batch jobs on PostgreSQL', () => {
  it('four lists, four workers draining at once: each is evaluated once (attempt 1), its list then removed', async () => {
    const sizes = [10, 200, 3_000, 40_000];
    const queued = [];
    for (const n of sizes) queued.push(await queue(list(n)));
    expect(await inputs(queued[3]!.id)).toBeGreaterThan(1);
    const ran = await Promise.all(Array.from({ length: 4 }, (_, i) => drainJobs(database.db, `w${i}`)));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(4);
    for (const [i, job] of queued.entries()) {
      const row = (await findJob(database.db, job.id))!;
      expect(row).toMatchObject({ status: 'done', attempt: 1 });
      expect((row.result as Result).report).toMatchObject({ enterprises: sizes[i], entitled: sizes[i] });
      expect(await inputs(job.id)).toBe(0);
    }
  });

  it('two attempts of one job reading at once: one writes its result, the other is refused and leaves the list to it', async () => {
    const file = list(40_000);
    const job = await queue(file, 'policy-batch-race');
    await database.db.update(jobs).set({ kind: POLICY_BATCH_KIND, status: 'running', attempt: 1, heartbeatAt: sql`now()` }).where(eq(jobs.id, job.id));
    const first = (await findJob(database.db, job.id))!;
    let reading = false;
    // `stopped` is asked before each chunk: here only to learn that the first run is reading.
    const firstRun = runBatchJob(database.db, first, { stopped: () => { reading = true; return false; } });
    await expect.poll(() => reading).toBe(true);
    await database.db.update(jobs).set({ attempt: 2, heartbeatAt: sql`now()` }).where(eq(jobs.id, job.id));
    const second = (await findJob(database.db, job.id))!;
    const outcomes = await Promise.all([firstRun, runBatchJob(database.db, second)]);
    expect(outcomes).toEqual(['lost', 'done']);
    const row = (await findJob(database.db, job.id))!;
    expect(row).toMatchObject({ status: 'done', attempt: 2, progressDone: file.length });
    expect((row.result as Result).report).toMatchObject({ enterprises: 40_000, entitled: 40_000 });
    expect(await inputs(job.id)).toBe(0);
  });
});
