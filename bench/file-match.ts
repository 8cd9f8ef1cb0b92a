// 免申即享 over the enterprise file (issue 9): one job reads the whole file in keyset pages with each
// page's certifications, diagnoses and recorded facts, and evaluates both policies' measures on it.
// On PostgreSQL with 100,000 and then 1,000,000 enterprises on file (spread over the 扬州 regions, a
// tenth with a confirmed certification, a fifth with the year's investment recorded), it prints the
// run's time and this process's peak RSS. Goal: 1,000,000 in under 10 s with RSS flat (under 400 MB).
import { sql } from 'drizzle-orm';
import { cliActor } from '../src/cli/cli-actor.ts';
import { queryRows, type Database } from '../src/db/client.ts';
import { startFileMatch } from '../src/use-cases/file-match/start-file-match.ts';
import { drainJobs, workerId } from '../src/use-cases/jobs/work-jobs.ts';
import { growFile } from './grow-file.ts';
import { withScratchPostgres } from './scratch-database.ts';

// BENCH_FILE_MATCH_SIZES and BENCH_FILE_MATCH_PAGE (rows per keyset page; the job's default is 1,000) try other shapes.
const SIZES = (process.env.BENCH_FILE_MATCH_SIZES ?? '100000,1000000').split(',').map(Number);
const REGIONS = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling'];
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Adds enterprises `from`…`to` (exclusive) in the database itself: the bench measures the run, not the seeding. */
const grow = (database: Database, from: number, to: number) => growFile(database, from, to, {
  regions: REGIONS, name: '扬州测试企业', branchEvery: 50,
  eachChunk: async (range) => {
    await database.db.execute(sql.raw(`
      insert into certifications (enterprise_id, kind, level, title, year)
      select id, 'integration', '3A', '两化融合管理体系评定证书', 2023 from enterprises where ${range} and right(uscc, 1) = '7'`));
    await database.db.execute(sql.raw(`
      insert into enterprise_facts (enterprise_id, year, fact, value, evidence, recorded_by_name)
      select id, 2023, 'projects', jsonb_build_array(jsonb_build_object('annual_investment', (1000 + (right(uscc, 4)::int % 3000)) * 1000000::bigint)),
        '技改项目备案', 'bench' from enterprises where ${range} and right(uscc, 1) in ('2', '5')`));
  },
});

async function timedRun(database: Database, policyId: string): Promise<{ seconds: number; peakMb: number; enterprises: number; entitled: number }> {
  const actor = cliActor();
  const job = await startFileMatch(database.db, actor, { policyId, date: '2023-06-01' });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const started = performance.now();
  try {
    await drainJobs(database.db, workerId(), { id: job.id, ...(process.env.BENCH_FILE_MATCH_PAGE && { pageSize: Number(process.env.BENCH_FILE_MATCH_PAGE) }) });
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const [row] = await queryRows<{ status: string; enterprises: number; entitled: number; error: unknown }>(database.db,
    sql`select status, result->'enterprises' as enterprises, result->'entitled' as entitled, error from jobs where id = ${job.id}`);
  if (row?.status !== 'done') throw new Error(`job ended ${row?.status}: ${JSON.stringify(row?.error)}`);
  return { seconds, peakMb: mb(Math.max(peak, process.memoryUsage().rss)), enterprises: row.enterprises, entitled: row.entitled };
}

export async function run(): Promise<void> {
  console.log('\n== 免申即享 · 档案匹配 (matching the whole enterprise file, PostgreSQL) ==');
  await withScratchPostgres('filematch', async (database) => {
    let onFile = 0;
    for (const size of SIZES) {
      const seeding = performance.now();
      await grow(database, onFile, size);
      onFile = size;
      console.log(`  档案 ${size.toLocaleString('en')} 家(写入用时 ${((performance.now() - seeding) / 1000).toFixed(1)} s,不计入)`);
      const r = await timedRun(database, 'yangzhou-2022-20');
      console.log(`    扬州 20号:${r.enterprises.toLocaleString('en')} 家,符合至少一项 ${r.entitled.toLocaleString('en')} 家;用时 ${r.seconds.toFixed(1)} s(${Math.round(r.enterprises / r.seconds).toLocaleString('en')} 家/s);` +
        `本进程 RSS 峰值 ${r.peakMb} MB / 目标 400 MB` + (size === 1_000_000 ? `;用时 / 目标 10 s = ${(r.seconds / 10).toFixed(2)}` : ''));
    }
  });
}
