// Reports computed once (issue 11): the 2022 score sheet (GET /api/v1/assessment/2022/scores) on
// PostgreSQL with 100,000 and then 1,000,000 enterprises on file (a third 规上, spread over the
// 扬州 regions, one counted project per 500 enterprises). Measured in-process through app.inject:
// uncached — the assessment's data version bumped before each request (not timed), so each request
// reads the data and scores it; cached — 8 requests kept in flight for 3 s, the achieved rate.
// Goals: uncached p99 under 50 ms; cached over 2,000 req/s.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config/env.ts';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.ts';
import { DEMO_PASSWORD, seedDemo, seedRegions } from '../src/db/seed/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { reportCacheStats } from '../src/use-cases/report-cache.ts';
import { growFile } from './grow-file.ts';
import { scratchPostgres } from './scratch-database.ts';

const SIZES = (process.env.BENCH_REPORTS_SIZES ?? '100000,1000000').split(',').map(Number);
const REGIONS = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling', 'yz-etdz', 'yz-eco'];
const UNCACHED_RUNS = 200;
const CACHED_SECONDS = 3;
const IN_FLIGHT = 8;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/** Enterprises `from`…`to` (exclusive) and their 2022 projects, written by the database itself (not timed). */
const grow = (database: Database, from: number, to: number) => growFile(database, from, to, {
  regions: REGIONS, name: '扬州报表测试企业',
  eachChunk: async (range) => {
    await database.db.execute(sql.raw(`
      insert into assessment_projects (year, region_id, category, title, enterprise_name, enterprise_id, counted_on, evidence)
      select 2022, region_id, (array['retrofit','cloud','portrait'])[1 + (right(uscc, 6)::int / 500) % 3], '基准测试项目 ' || name, name, id,
        make_date(2022, 1 + (right(uscc, 6)::int / 500) % 12, 15), '[{"kind":"subsidy-voucher","title":"奖补资金拨付凭证"}]'::jsonb
      from enterprises where ${range} and right(uscc, 3)::int % 500 = 0`));
  },
});

export async function run(): Promise<void> {
  console.log('\n== 报表只算一次:2022 年评分表 (score sheet, cached per data version, PostgreSQL) ==');
  const scratch = await scratchPostgres('reports');
  if (!scratch) {
    console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    return;
  }
  const database = await openDatabase({ url: scratch.url, poolSize: 10, namedStatements: loadConfig().namedStatements });
  try {
    await migrateDatabase(database);
    await seedRegions(database.db);
    await seedDemo(database.db, 0);
    const app = await buildApp({ database, config: { ...loadConfig(), businessDate: '2023-06-01' } });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const get = async () => {
        const res = await app.inject({ method: 'GET', url: '/api/v1/assessment/2022/scores', headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`scores: ${res.statusCode} ${res.body}`);
        return res;
      };
      let onFile = 0;
      for (const size of SIZES) {
        const seeding = performance.now();
        await grow(database, onFile, size);
        onFile = size;
        console.log(`  档案 ${size.toLocaleString('en')} 家(写入用时 ${((performance.now() - seeding) / 1000).toFixed(1)} s,不计入)`);
        await get();
        const uncached: number[] = [];
        for (let i = 0; i < UNCACHED_RUNS; i++) {
          await database.db.execute(sql`update report_versions set version = nextval('report_version_seq') where area = 'assessment'`);
          const t0 = performance.now();
          await get();
          uncached.push(performance.now() - t0);
        }
        uncached.sort((a, b) => a - b);
        const p99 = quantile(uncached, 0.99);
        console.log(`    未缓存 (uncached, ${UNCACHED_RUNS} 次):p50 ${quantile(uncached, 0.5).toFixed(1)} ms,p99 ${p99.toFixed(1)} ms / 目标 50 ms = ${(p99 / 50).toFixed(2)}`);

        await get();
        let done = 0;
        const latencies: number[] = [];
        const until = performance.now() + CACHED_SECONDS * 1000;
        const started = performance.now();
        await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
          while (performance.now() < until) {
            const t0 = performance.now();
            await get();
            latencies.push(performance.now() - t0);
            done++;
          }
        }));
        const rate = done / ((performance.now() - started) / 1000);
        latencies.sort((a, b) => a - b);
        console.log(`    已缓存 (cached, app.inject, ${IN_FLIGHT} 个并发):${Math.round(rate).toLocaleString('en')} req/s / 目标 2,000 req/s = ${(rate / 2000).toFixed(2)};` +
          `p50 ${quantile(latencies, 0.5).toFixed(1)} ms,p99 ${quantile(latencies, 0.99).toFixed(1)} ms;缓存命中/未命中 (hits/misses) ${reportCacheStats(database.db).hits}/${reportCacheStats(database.db).misses}`);
      }
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await scratch.drop();
  }
}
