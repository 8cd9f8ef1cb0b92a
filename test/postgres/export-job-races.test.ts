// Enterprise export jobs with concurrent workers on PostgreSQL (issue 11 item 4): each queued export
// is written once however many workers drain the queue, and when a run's job is claimed again while
// it writes (its lease ran out), the two attempts write side by side on their own connections and
// exactly one finishes: the other's chunks are dropped, and the file read back is the finisher's, whole.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { findJob, insertJob, readJobOutput } from '../../src/db/repositories/jobs-repository.ts';
import { enterprises } from '../../src/db/schema/enterprises.ts';
import { jobOutputs, jobs } from '../../src/db/schema/jobs.ts';
import { seedDemo } from '../../src/db/seed/seed.ts';
import ExcelJS from '../../src/lib/exceljs.ts';
import { ENTERPRISE_EXPORT_KIND, type ExportJobParams } from '../../src/use-cases/enterprises/export-job-params.ts';
import { runExportJob } from '../../src/use-cases/enterprises/run-export-job.ts';
import { drainJobs } from '../../src/use-cases/jobs/work-jobs.ts';
import { createTestDatabase } from '../helpers/db.ts';

// The database alone, without a server: a server's own worker would join the races unannounced.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase(12);
  await seedDemo(database.db, 400);
});
afterAll(async () => { await database?.close(); });

const params = (regionId?: string): ExportJobParams => ({
  filter: regionId ? { regionId } : {},
  actor: { userId: null, name: 'cli', displayName: '命令行', role: 'city_admin', regionId: null, enterpriseId: null, ip: null },
});
const queue = (p: ExportJobParams, kind = ENTERPRISE_EXPORT_KIND) => insertJob(database.db, { kind, params: p, regionId: null, createdBy: null, createdByName: '测试' });
async function workbookRows(id: string, attempt: number): Promise<number> {
  const parts: Buffer[] = [];
  for await (const c of readJobOutput(database.db, id, attempt)) parts.push(c);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  return wb.worksheets[0]!.actualRowCount;
}
const inRegion = async (regionId: string) => Number((await database.db.select({ n: count() }).from(enterprises).where(eq(enterprises.regionId, regionId)))[0]!.n);

describe('enterprise export jobs on PostgreSQL', () => {
  it('four exports, four workers draining at once: each is written once (attempt 1), every file whole', async () => {
    const regions = ['yz-baoying', 'yz-gaoyou', 'sz-kunshan', 'sz-taicang'];
    const queued = [];
    for (const r of regions) queued.push(await queue(params(r)));
    const ran = await Promise.all(Array.from({ length: 4 }, (_, i) => drainJobs(database.db, `w${i}`)));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(4);
    for (const [i, job] of queued.entries()) {
      const row = (await findJob(database.db, job.id))!;
      const expected = await inRegion(regions[i]!);
      expect(expected).toBeGreaterThan(0);
      expect(row).toMatchObject({ status: 'done', attempt: 1, result: { rows: expected } });
      expect(await workbookRows(job.id, 1)).toBe(expected + 1);
    }
  });

  it('two attempts of one job writing at once: one finishes, the other is refused and its chunks are gone', async () => {
    const job = await queue(params(), 'enterprise-export-race');
    // The first claim, then a second one (the first's lease ran out) before the first has finished.
    await database.db.update(jobs).set({ kind: ENTERPRISE_EXPORT_KIND, status: 'running', attempt: 1, heartbeatAt: sql`now()` }).where(eq(jobs.id, job.id));
    const first = (await findJob(database.db, job.id))!;
    let claimedAgain = false;
    const firstRun = runExportJob(database.db, first, {
      pageSize: 50, chunkBytes: 4096,
      // After its first page the job is claimed again: the first run is still writing.
      onPage: () => { claimedAgain = true; },
    });
    await expect.poll(() => claimedAgain).toBe(true);
    await database.db.update(jobs).set({ attempt: 2, heartbeatAt: sql`now()` }).where(eq(jobs.id, job.id));
    const second = (await findJob(database.db, job.id))!;
    const outcomes = await Promise.all([firstRun, runExportJob(database.db, second, { pageSize: 50, chunkBytes: 4096 })]);
    expect(outcomes).toEqual(['lost', 'done']);
    const row = (await findJob(database.db, job.id))!;
    expect(row).toMatchObject({ status: 'done', attempt: 2 });
    const attempts = await database.db.selectDistinct({ attempt: jobOutputs.attempt }).from(jobOutputs).where(eq(jobOutputs.jobId, job.id));
    expect(attempts).toEqual([{ attempt: 2 }]);
    const all = Number((await database.db.select({ n: count() }).from(enterprises))[0]!.n);
    expect(await workbookRows(job.id, 2)).toBe(all + 1);
  });
});
