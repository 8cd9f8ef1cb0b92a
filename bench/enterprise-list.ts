// The enterprise list at province scale (issue 11, item 2), on PostgreSQL: a file of
// BENCH_ENTERPRISES (default 1,000,000) from `zgsz db seed --enterprises`, then with one client,
// through the real routes (app.inject: routing, access, validation, serialisation included), page 1,
// a deep page reached by cursor, the last numbered page (row 9,980 by OFFSET), a region officer's
// page 1 and three searches (a two-character name fragment, a longer one, a USCC fragment).
// Goal: p99 under 30 ms each. BENCH_LIST_DATABASE_URL reuses an already seeded database (seeding a
// million takes minutes and is not what is measured).
import { loadConfig } from '../src/config/env.ts';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.ts';
import { seedScaleEnterprises } from '../src/db/seed/scale-enterprises.ts';
import { DEMO_PASSWORD, seedDemo, seedRegions } from '../src/db/seed/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { scratchPostgres } from './scratch-database.ts';

const SIZE = Number(process.env.BENCH_ENTERPRISES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 200);
const GOAL_MS = 30;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function run(): Promise<void> {
  console.log(`\n== 企业档案列表与搜索 (enterprise list and search at ${SIZE.toLocaleString('en')} enterprises, PostgreSQL) ==`);
  const reuse = process.env.BENCH_LIST_DATABASE_URL;
  const scratch = reuse ? null : await scratchPostgres('list');
  if (!reuse && !scratch) {
    console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    return;
  }
  const database: Database = await openDatabase({ url: reuse ?? scratch!.url });
  try {
    await migrateDatabase(database);
    // Regions are seeded on their own (the demo's enterprises refer to them), as `zgsz db seed` does.
    await seedRegions(database.db);
    await seedDemo(database.db);
    const seeding = performance.now();
    const { added } = await seedScaleEnterprises(database.db, SIZE);
    if (added) {
      await database.db.execute('analyze');
      console.log(`  写入 ${added.toLocaleString('en')} 家用时 ${((performance.now() - seeding) / 1000).toFixed(1)} s(不计入)`);
    }
    const app = await buildApp({ database, config: { ...loadConfig(), businessDate: '2023-06-01' } });
    const signIn = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return String(res.headers['set-cookie']).split(';')[0]!;
    };
    const admin = await signIn('admin');
    const officer = await signIn('baoying');
    const get = async (url: string, cookie = admin) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json() as { items: { uscc: string }[]; total: number; totalCapped: boolean; next: string | null };
    };
    // A cursor 50,000 rows in (2,500 pages of 20), walked once before timing.
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) cursor = (await get(`/api/v1/enterprises?pageSize=100${cursor ? `&after=${cursor}` : ''}`)).next;
    const sample = (await get(`/api/v1/enterprises?pageSize=20&after=${cursor}`)).items[5]!;
    const cases: [string, string, string?][] = [
      ['第 1 页 (page 1)', '/api/v1/enterprises?pageSize=20'],
      ['游标深页 (row 50,000 by cursor)', `/api/v1/enterprises?pageSize=20&after=${cursor}`],
      ['第 500 页 (row 9,980 by page number)', '/api/v1/enterprises?pageSize=20&page=500'],
      ['宝应县经办人第 1 页 (a region officer)', '/api/v1/enterprises?pageSize=20', officer],
      ['搜索 "华宏" (two characters)', `/api/v1/enterprises?pageSize=20&q=${encodeURIComponent('华宏')}`],
      ['搜索 "华宏汽车零部件" (seven)', `/api/v1/enterprises?pageSize=20&q=${encodeURIComponent('华宏汽车零部件')}`],
      ['搜索统一社会信用代码片段 (USCC fragment)', `/api/v1/enterprises?pageSize=20&q=${sample.uscc.slice(6, 16)}`],
    ];
    for (const [label, url, cookie] of cases) {
      const first = await get(url, cookie);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await get(url, cookie);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p99 = quantile(times, 0.99);
      console.log(`  ${label}:p50 ${quantile(times, 0.5).toFixed(1)} ms,p99 ${p99.toFixed(1)} ms / 目标 ${GOAL_MS} ms = ${(p99 / GOAL_MS).toFixed(2)}` +
        `(共 ${first.total.toLocaleString('en')}${first.totalCapped ? '+' : ''} 家,本页 ${first.items.length} 家)`);
    }
    await app.close();
  } finally {
    await database.close();
    await scratch?.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
