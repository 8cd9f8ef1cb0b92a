// 免申即享 jobs under concurrency on PostgreSQL: workers on separate connections claim from one
// queue at the same moment. A job is claimed, run and finished exactly once; a job whose worker
// stopped mid-run (its heartbeat older than the lease) is claimed again and run from the start,
// and the stopped worker can no longer write progress or a result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { claimJob, finishJob, findJob, insertJob, reportProgress } from '../../src/db/repositories/jobs-repository.ts';
import { jobs } from '../../src/db/schema/jobs.ts';
import { FILE_MATCH_KIND } from '../../src/use-cases/file-match/file-match-params.ts';
import { drainJobs } from '../../src/use-cases/jobs/work-jobs.ts';
import type { Database } from '../../src/db/client.ts';
import { seedDemo } from '../../src/db/seed/seed.ts';
import { createTestDatabase } from '../helpers/db.ts';

// The database alone, without a server: a server's own worker would join the races unannounced.
let t: { database: Database };
beforeAll(async () => {
  t = { database: await createTestDatabase(20) };
  await seedDemo(t.database.db, 30);
});
afterAll(async () => { await t?.database.close(); });

const params = { policyId: 'yangzhou-2022-20', date: '2023-06-01', regionId: 'yz-baoying' };
const queue = () => insertJob(t.database.db, { kind: FILE_MATCH_KIND, params, regionId: 'yz-baoying', createdBy: null, createdByName: 'race' });

describe('file match jobs on PostgreSQL', () => {
  it('one job, ten workers draining at once: it runs once (attempt 1), 10 rounds', async () => {
    for (let round = 0; round < 10; round++) {
      const job = await queue();
      const ran = await Promise.all(Array.from({ length: 10 }, (_, i) => drainJobs(t.database.db, `w${round}-${i}`, { pageSize: 4 })));
      expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
      const row = (await findJob(t.database.db, job.id))!;
      expect(row).toMatchObject({ status: 'done', attempt: 1 });
      expect(row.progressDone).toBe(row.progressTotal);
    }
  });

  it('ten queued jobs, ten workers claiming at once: each job goes to exactly one worker', async () => {
    const queued = await Promise.all(Array.from({ length: 10 }, queue));
    const claimed = await Promise.all(Array.from({ length: 10 }, (_, i) => claimJob(t.database.db, { kinds: [FILE_MATCH_KIND], worker: `c${i}`, leaseSeconds: 120 })));
    const ids = claimed.map((j) => j?.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(queued.map((j) => j.id).sort());
    // Leave nothing running for the next test.
    await t.database.db.update(jobs).set({ status: 'failed' }).where(sql`${jobs.id} in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`);
  });

  it('a run interrupted mid-way is claimed again after the lease and rerun from scratch; the stopped worker cannot write', async () => {
    const job = await queue();
    const first = (await claimJob(t.database.db, { kinds: [FILE_MATCH_KIND], worker: 'stops', leaseSeconds: 120 }))!;
    expect(first.id).toBe(job.id);
    expect(await reportProgress(t.database.db, job.id, first.attempt, 2, 10)).toBe(true);
    // Within the lease nobody else may take it.
    expect(await claimJob(t.database.db, { kinds: [FILE_MATCH_KIND], worker: 'early', leaseSeconds: 120 })).toBeUndefined();
    // The worker stops: its heartbeat ages past the lease.
    await t.database.db.update(jobs).set({ heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(jobs.id, job.id));
    const claimers = await Promise.all(Array.from({ length: 5 }, (_, i) => claimJob(t.database.db, { kinds: [FILE_MATCH_KIND], worker: `late${i}`, leaseSeconds: 120 })));
    const again = claimers.filter(Boolean);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: job.id, attempt: 2, progressDone: 0, result: null });
    // The first worker comes back: its progress and result are refused, nothing half-applied.
    expect(await reportProgress(t.database.db, job.id, first.attempt, 5, 10)).toBe(false);
    expect(await finishJob(t.database.db, job.id, first.attempt, { stale: true }, 5)).toBe(false);
    // The second run goes through from scratch.
    await t.database.db.update(jobs).set({ status: 'queued' }).where(eq(jobs.id, job.id));
    expect(await drainJobs(t.database.db, 'rerun', { id: job.id })).toBe(1);
    const row = (await findJob(t.database.db, job.id))!;
    expect(row.status).toBe('done');
    expect(row.attempt).toBe(3);
    expect((row.result as { stale?: boolean }).stale).toBeUndefined();
  });
});
