// Enterprise import jobs with concurrent workers on PostgreSQL (issue 11 item 4): each queued
// import is run and committed exactly once however many workers drain the queue, and a run whose
// job is claimed again while it writes (its lease ran out) commits nothing — its "done" is written
// in its own transaction, conditional on its claim — while the new claim imports the file once.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.ts';
import { findJob, insertJobWithInput } from '../../src/db/repositories/jobs-repository.ts';
import { auditLog, auditPending } from '../../src/db/schema/audit.ts';
import { enterprises } from '../../src/db/schema/enterprises.ts';
import { jobs } from '../../src/db/schema/jobs.ts';
import { seedDemo } from '../../src/db/seed/seed.ts';
import { demoEnterprise } from '../../src/db/seed/demo-enterprises.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/io/upload-limits.ts';
import { enterpriseToRow } from '../../src/use-cases/enterprises/enterprise-columns.ts';
import { ENTERPRISE_IMPORT_KIND, type ImportJobParams } from '../../src/use-cases/enterprises/import-job-params.ts';
import { runImportJob } from '../../src/use-cases/enterprises/run-import-job.ts';
import { drainJobs } from '../../src/use-cases/jobs/work-jobs.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { enterpriseWorkbook } from '../helpers/xlsx.ts';

// The database alone, without a server: a server's own worker would join the races unannounced.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase(12);
  await seedDemo(database.db, 0);
});
afterAll(async () => { await database?.close(); });

const params: ImportJobParams = {
  dryRun: false, fileName: null, bytes: 0, limits: DEFAULT_IMPORT_LIMITS,
  actor: { userId: null, name: 'cli', displayName: '命令行', role: 'city_admin', regionId: null, enterpriseId: null, ip: null },
};
const file = (from: number, n: number) => enterpriseWorkbook(Array.from({ length: n }, (_, i) => enterpriseToRow(demoEnterprise(from + i))));
const queue = async (content: Buffer) => insertJobWithInput(database.db, { kind: ENTERPRISE_IMPORT_KIND, params, regionId: null, createdBy: null, createdByName: '测试' }, content);
const total = async (table: typeof enterprises | typeof auditLog | typeof auditPending) => Number((await database.db.select({ n: count() }).from(table))[0]!.n);

describe('enterprise import jobs on PostgreSQL', () => {
  it('four imports, four workers draining at once: each runs once (attempt 1) and every row is written once', async () => {
    const queued = [];
    for (let k = 0; k < 4; k++) queued.push(await queue(await file(10_000 + k * 1000, 300)));
    const auditBefore = await total(auditLog);
    const ran = await Promise.all(Array.from({ length: 4 }, (_, i) => drainJobs(database.db, `w${i}`)));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(4);
    for (const job of queued) {
      const row = (await findJob(database.db, job.id))!;
      expect(row).toMatchObject({ status: 'done', attempt: 1 });
      expect(row.result).toMatchObject({ committed: true, created: 300 });
    }
    expect(await total(enterprises)).toBe(1200);
    expect((await total(auditLog)) + (await total(auditPending)) - auditBefore).toBe(1200);
  });

  it('claimed again while it writes: the first run commits nothing, the second imports the file once', async () => {
    const before = await total(enterprises);
    const job = await queue(await file(20_000, 3000));
    // The first worker's claim.
    await database.db.update(jobs).set({ status: 'running', attempt: 1, claimedBy: 'first', heartbeatAt: sql`now()` }).where(eq(jobs.id, job.id));
    const first = (await findJob(database.db, job.id))!;
    const running = runImportJob(database.db, first, { stopped: () => false });
    // Wait until its transaction has made the staging table (it is writing), then take the job
    // from it on another connection, as when a worker's lease has run out.
    for (let waited = 0; waited < 60_000; waited += 10) {
      const [writing] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_stat_activity where state <> 'idle' and query ilike '%enterprise_import_stage%'`);
      if (writing!.n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await database.db.update(jobs).set({ attempt: 2, claimedBy: 'second', heartbeatAt: sql`now()` }).where(eq(jobs.id, job.id));
    expect(await running).toBe('lost');
    expect(await total(enterprises)).toBe(before);
    expect((await findJob(database.db, job.id))!).toMatchObject({ status: 'running', attempt: 2, result: null });
    // The second claim runs it from the start on the stored file.
    expect(await runImportJob(database.db, (await findJob(database.db, job.id))!)).toBe('done');
    expect(await total(enterprises)).toBe(before + 3000);
    expect((await findJob(database.db, job.id))!.result).toMatchObject({ committed: true, created: 3000 });
  }, 120_000);
});
