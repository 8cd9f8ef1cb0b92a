// Reports computed once, on PostgreSQL with two instances (two Database handles, each with its own
// pool and its own in-process cache): two writers add 规上 enterprises to 宝应 while two readers on
// each instance keep asking for the score sheet. Once a writer's transaction has committed, no
// reader on either instance may be served a sheet counting fewer 规上 enterprises than that
// transaction saw, and each reader's figure never goes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cliActor } from '../../src/cli/cli-actor.ts';
import { type Database, migrateDatabase, openDatabase, queryRows } from '../../src/db/client.ts';
import { seedRegions } from '../../src/db/seed/seed.ts';
import { makeUscc } from '../../src/domain/uscc/uscc.ts';
import { scoreYear } from '../../src/use-cases/assessment/score-year.ts';
import { reportCacheStats } from '../../src/use-cases/report-cache.ts';
import { scratchPostgres } from '../helpers/db.ts';

const YEAR = 2024;
const SCORED = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling', 'yz-etdz', 'yz-eco'];
const WRITES_PER_WRITER = 25;

let scratch: { url: string; drop: () => Promise<void> } | undefined;
let a: Database;
let b: Database;

beforeAll(async () => {
  scratch = await scratchPostgres(process.env.DATABASE_URL!, 'zgsz_reportcache');
  a = await openDatabase({ url: scratch.url, poolSize: 6 });
  b = await openDatabase({ url: scratch.url, poolSize: 6 });
  await migrateDatabase(a);
  await seedRegions(a.db);
  for (const regionId of SCORED) {
    await a.db.execute(sql`insert into assessment_targets (year, region_id, retrofit, cloud, portrait, benchmark, coverage_basis_points)
      values (${YEAR}, ${regionId}, 4, 4, 4, 4, 4000)`);
  }
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await scratch?.drop();
});

const baoyingAboveScale = async (db: Database) =>
  (await scoreYear(db.db, cliActor(), YEAR, undefined, { throughQuarter: 3 })).sheets.find((s) => s.regionId === 'yz-baoying')!.categories.coverage.base;

describe('the report cache across two instances on PostgreSQL', () => {
  it('serves no sheet older than a committed write, on either instance, while writers and readers run at once', async () => {
    expect(await baoyingAboveScale(a)).toBe(0);
    expect(await baoyingAboveScale(b)).toBe(0);
    let writing = true;
    const violations: string[] = [];

    const writer = async (db: Database, w: number) => {
      for (let i = 0; i < WRITES_PER_WRITER; i++) {
        // The count this transaction sees after its insert: every reader after the commit must see at least it.
        const seen = await db.db.transaction(async (tx) => {
          await tx.execute(sql`insert into enterprises (uscc, name, region_id, industry_code, above_scale, legal_form)
            values (${makeUscc('9', '1', '321023', `W${w}${String(i).padStart(6, '0')}`)}, ${`并发企业${w}-${i}`}, 'yz-baoying', 'C34', true, 'independent')`);
          const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from enterprises where above_scale and region_id = 'yz-baoying'`);
          return row!.n;
        });
        const [onA, onB] = await Promise.all([baoyingAboveScale(a), baoyingAboveScale(b)]);
        if (onA < seen) violations.push(`writer ${w}: committed ${seen}, instance A served ${onA}`);
        if (onB < seen) violations.push(`writer ${w}: committed ${seen}, instance B served ${onB}`);
      }
    };
    const reader = async (db: Database, name: string) => {
      let last = 0;
      let reads = 0;
      while (writing) {
        const n = await baoyingAboveScale(db);
        if (n < last) violations.push(`reader ${name}: ${last} then ${n}`);
        last = n;
        reads++;
      }
      return reads;
    };

    const readers = Promise.all([reader(a, 'A1'), reader(a, 'A2'), reader(b, 'B1'), reader(b, 'B2')]);
    await Promise.all([writer(a, 1), writer(b, 2)]);
    writing = false;
    const reads = await readers;

    expect(violations).toEqual([]);
    expect(reads.every((n) => n > 0)).toBe(true);
    // Both instances end on the file's own count: 2 writers × 25.
    expect(await baoyingAboveScale(a)).toBe(2 * WRITES_PER_WRITER);
    expect(await baoyingAboveScale(b)).toBe(2 * WRITES_PER_WRITER);
    // The readers were served from the caches in between (a write invalidates, it does not disable).
    expect(reportCacheStats(a.db).hits + reportCacheStats(b.db).hits).toBeGreaterThan(0);
  });
});
