// Reports computed once, on PostgreSQL with two instances (two Database handles, each with its own
// pool and its own in-process cache): two writers add 规上 enterprises to 宝应 while two readers on
// each instance keep asking for the score sheet. Once a writer's transaction has committed, no
// reader on either instance may be served a sheet counting fewer 规上 enterprises than that
// transaction saw, and each reader's figure never goes back. Then four writers on both instances
// change projects and enterprises at once: the trigger-kept first counted month of each 规上
// enterprise (the coverage numerator) must end equal to a count over the projects and the file.
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

  it('keeps each 规上 enterprise\'s first counted month equal to a count over the projects and the file while writers add, move and delete projects and change 规上 flags and regions at once', async () => {
    // Twelve enterprises shared by every writer, so that writers meet on the same rows.
    const keys = Array.from({ length: 12 }, (_, i) => i);
    const idOf = new Map<number, string>();
    for (const i of keys) {
      const [row] = await queryRows<{ id: string }>(a.db, sql`insert into enterprises (uscc, name, region_id, industry_code, above_scale, legal_form)
        values (${makeUscc('9', '1', '321023', `FC${String(i).padStart(7, '0')}`)}, ${`首月企业${i}`}, 'yz-baoying', 'C34', ${i % 2 === 0}, 'independent') returning id`);
      idOf.set(i, row!.id);
    }
    const failures: string[] = [];
    // A deterministic mix per writer: insert a project (any month), move one in time or to another
    // enterprise, delete one, flip a 规上 flag, move an enterprise between 宝应 and 高邮.
    const writer = async (db: Database, w: number) => {
      let seed = w * 7919;
      const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
      for (let i = 0; i < 60; i++) {
        const e = idOf.get(next(keys.length))!;
        const month = String(1 + next(12)).padStart(2, '0');
        try {
          switch (next(6)) {
            case 0:
            case 1:
              await db.db.execute(sql`insert into assessment_projects (year, region_id, category, title, enterprise_name, enterprise_id, counted_on, evidence)
                values (${YEAR}, 'yz-baoying', 'cloud', ${`并发项目${w}-${i}`}, '首月企业', ${e}, ${`${YEAR}-${month}-10`}, '[]'::jsonb)`);
              break;
            case 2:
              await db.db.execute(sql`update assessment_projects set counted_on = ${`${YEAR}-${month}-20`}, enterprise_id = ${e}
                where id = (select id from assessment_projects where title like '并发项目%' order by md5(id::text || ${String(i)}) limit 1)`);
              break;
            case 3:
              await db.db.execute(sql`delete from assessment_projects where id = (select id from assessment_projects where title like '并发项目%' order by md5(id::text || ${String(w)}) limit 1)`);
              break;
            case 4:
              await db.db.execute(sql`update enterprises set above_scale = not above_scale, version = version + 1 where id = ${e}`);
              break;
            default:
              await db.db.execute(sql`update enterprises set region_id = case region_id when 'yz-baoying' then 'yz-gaoyou' else 'yz-baoying' end, version = version + 1 where id = ${e}`);
          }
        } catch (err) {
          failures.push(`writer ${w}, step ${i}: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all([writer(a, 1), writer(a, 2), writer(b, 3), writer(b, 4)]);
    expect(failures).toEqual([]);
    const kept = await queryRows<{ enterprise_id: string; year: number; region_id: string; month: number }>(a.db, sql`
      select enterprise_id, year, region_id, month from above_scale_first_counted order by 1, 2`);
    const counted = await queryRows<{ enterprise_id: string; year: number; region_id: string; month: number }>(a.db, sql`
      select p.enterprise_id, p.year, e.region_id, min(extract(month from p.counted_on))::int as month
      from assessment_projects p join enterprises e on e.id = p.enterprise_id and e.above_scale group by 1, 2, 3 order by 1, 2`);
    expect(kept).toEqual(counted);
    // The mix left some 规上 enterprises covered (else the comparison would prove little).
    expect(counted.length).toBeGreaterThan(0);
  });
});
