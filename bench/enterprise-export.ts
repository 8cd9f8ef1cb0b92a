// Enterprise exports as jobs (issue 11 item 4): the whole file written as .xlsx by one job into the
// database's job_outputs, then read back chunk by chunk as a download is. On PostgreSQL with
// 100,000 and then 1,000,000 enterprises on file (a tenth with a certification), it prints the
// job's time, the file's size and chunks, the download's time, and this process's peak RSS: the
// export streams page by page and chunk by chunk, so memory should not grow with the file.
import { sql } from 'drizzle-orm';
import { cliActor } from '../src/cli/cli-actor.ts';
import { queryRows, type Database } from '../src/db/client.ts';
import { readJobOutput } from '../src/db/repositories/jobs-repository.ts';
import { startExportJob } from '../src/use-cases/enterprises/start-export-job.ts';
import { drainJobs, workerId } from '../src/use-cases/jobs/work-jobs.ts';
import { growFile } from './grow-file.ts';
import { withScratchPostgres } from './scratch-database.ts';

// BENCH_EXPORT_SIZES tries other sizes (comma-separated).
const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '100000,1000000').split(',').map(Number);
const REGIONS = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling'];
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

const grow = (database: Database, from: number, to: number) => growFile(database, from, to, {
  regions: REGIONS, name: '扬州导出测试企业',
  eachChunk: async (range) => {
    await database.db.execute(sql.raw(`
      insert into certifications (enterprise_id, kind, level, title, year)
      select id, 'integration', '3A', '两化融合管理体系评定证书', 2023 from enterprises where ${range} and right(uscc, 1) = '7'`));
  },
});

export async function run(): Promise<void> {
  console.log('\n== 企业档案导出任务 (the enterprise file exported by a job, PostgreSQL) ==');
  await withScratchPostgres('export', async (database) => {
    let onFile = 0;
    for (const size of SIZES) {
      const seeding = performance.now();
      await grow(database, onFile, size);
      await database.db.execute(sql`analyze enterprises, certifications`);
      onFile = size;
      console.log(`  档案 ${size.toLocaleString('en')} 家(写入用时 ${((performance.now() - seeding) / 1000).toFixed(1)} s,不计入)`);
      const job = await startExportJob(database.db, cliActor(), {});
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
      try {
        const started = performance.now();
        await drainJobs(database.db, workerId(), { id: job.id });
        const written = (performance.now() - started) / 1000;
        const [row] = await queryRows<{ status: string; attempt: number; rows: number; bytes: number; error: unknown }>(database.db,
          sql`select status, attempt, (result->>'rows')::int as rows, (result->>'bytes')::bigint as bytes, error from jobs where id = ${job.id}`);
        if (row?.status !== 'done') throw new Error(`job ended ${row?.status}: ${JSON.stringify(row?.error)}`);
        const reading = performance.now();
        let bytes = 0;
        let chunks = 0;
        for await (const c of readJobOutput(database.db, job.id, row.attempt)) { bytes += c.length; chunks++; }
        const read = (performance.now() - reading) / 1000;
        if (bytes !== Number(row.bytes)) throw new Error(`read ${bytes} bytes of ${row.bytes}`);
        console.log(`    导出 ${row.rows.toLocaleString('en')} 家:写出 ${written.toFixed(1)} s(${Math.round(row.rows / written).toLocaleString('en')} 家/s),` +
          `文件 ${mb(bytes)} MB / ${chunks} 块;读回(下载)${read.toFixed(2)} s;本进程 RSS 峰值 ${mb(Math.max(peak, process.memoryUsage().rss))} MB`);
      } finally {
        clearInterval(sampler);
      }
    }
  });
}
