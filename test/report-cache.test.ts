// Reports computed once (issue 11): the score sheet is served from this process's cache while the
// data version stands, and each kind of write that changes it — targets, a project record, a
// coverage summary, an enterprise becoming 规上, a transfer between regions — is seen at once.
// A year of its own (2024) over six enterprises inserted here, so every figure is counted by hand:
//   宝应: E1 E2 E3 规上, E4 规下;  高邮: G1 G2 规上.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cliActor } from '../src/cli/cli-actor.ts';
import { queryRows } from '../src/db/client.ts';
import { makeUscc } from '../src/domain/uscc/uscc.ts';
import { scoreYear } from '../src/use-cases/assessment/score-year.ts';
import { cachedReport, forgetSessionVersions, keepSessionVersions, reportCacheStats } from '../src/use-cases/report-cache.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

const YEAR = 2024;
const SCORED = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling', 'yz-etdz', 'yz-eco'];
const FILE = [
  { key: 'E1', regionId: 'yz-baoying', aboveScale: true },
  { key: 'E2', regionId: 'yz-baoying', aboveScale: true },
  { key: 'E3', regionId: 'yz-baoying', aboveScale: true },
  { key: 'E4', regionId: 'yz-baoying', aboveScale: false },
  { key: 'G1', regionId: 'yz-gaoyou', aboveScale: true },
  { key: 'G2', regionId: 'yz-gaoyou', aboveScale: true },
];

let t: TestApp;
let admin: Client;
let baoying: Client;
const ids = new Map<string, { id: string; uscc: string }>();

beforeAll(async () => {
  t = await startTestApp({ enterprises: 0 });
  admin = await login(t.app, 'admin');
  baoying = await login(t.app, 'baoying');
  for (const [i, e] of FILE.entries()) {
    const uscc = makeUscc('9', '1', '321000', `RC00000${i}`);
    const [row] = await queryRows<{ id: string }>(t.database.db, sql`
      insert into enterprises (uscc, name, region_id, industry_code, above_scale, legal_form)
      values (${uscc}, ${`缓存测试企业${e.key}`}, ${e.regionId}, 'C34', ${e.aboveScale}, 'independent') returning id`);
    ids.set(e.key, { id: row!.id, uscc });
  }
});
afterAll(async () => { await t?.close(); });

const ok = <R extends { statusCode: number; body: string }>(res: R): R => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res;
};
const targets = (baoyingRetrofit: number) => ({
  regions: SCORED.map((regionId) => ({ regionId, retrofit: regionId === 'yz-baoying' ? baoyingRetrofit : 4, cloud: 4, portrait: 4, benchmark: 4, coveragePercent: 40 })),
});

/** An edit of the file as the city makes it (the form sends the version it read). */
async function patch(key: string, body: Record<string, unknown>) {
  const id = ids.get(key)!.id;
  const { version } = (await admin.request('GET', `/api/v1/enterprises/${id}`)).json() as { version: number };
  return ok(await admin.request('PATCH', `/api/v1/enterprises/${id}`, { ...body, version }));
}

/** The year so far through the third quarter (no coverage summary needed) as the city sees it. */
async function sheet(regionId: string) {
  const result = await scoreYear(t.database.db, cliActor(), YEAR, undefined, { throughQuarter: 3 });
  const s = result.sheets.find((x) => x.regionId === regionId)!;
  return { retrofitTarget: s.categories.retrofit.target, retrofit: s.categories.retrofit.actual, covered: s.categories.coverage.actual, aboveScale: s.categories.coverage.base };
}

describe('the cached score sheet', () => {
  it('is computed once per data version and changes after every kind of write', async () => {
    ok(await admin.request('PUT', `/api/v1/assessment/${YEAR}/targets`, targets(4)));
    expect(await sheet('yz-baoying')).toEqual({ retrofitTarget: 4, retrofit: 0, covered: 0, aboveScale: 3 });
    expect(await sheet('yz-gaoyou')).toEqual({ retrofitTarget: 4, retrofit: 0, covered: 0, aboveScale: 2 });
    // Nothing written since: served from the cache, the very same result.
    const hitsBefore = reportCacheStats(t.database.db).hits;
    const a = await scoreYear(t.database.db, cliActor(), YEAR, undefined, { throughQuarter: 3 });
    const b = await scoreYear(t.database.db, cliActor(), YEAR, undefined, { throughQuarter: 3 });
    expect(b).toBe(a);
    expect(reportCacheStats(t.database.db).hits).toBe(hitsBefore + 2);

    // Targets: 宝应's 智能化改造 target 4 → 6.
    ok(await admin.request('PUT', `/api/v1/assessment/${YEAR}/targets`, targets(6)));
    expect(await sheet('yz-baoying')).toMatchObject({ retrofitTarget: 6 });

    // A project record of 规上 E1, counted in February: 1 retrofit, E1 covered (1 of 3).
    ok(await baoying.request('POST', '/api/v1/assessment/projects', {
      regionId: 'yz-baoying', category: 'retrofit', title: '智能化改造项目E1', enterpriseName: '缓存测试企业E1', enterpriseId: ids.get('E1')!.id,
      countedOn: `${YEAR}-02-10`, subsidyLevel: 'county', evidence: [{ kind: 'subsidy-voucher', title: '县级奖补资金拨付凭证' }],
    }));
    expect(await sheet('yz-baoying')).toEqual({ retrofitTarget: 6, retrofit: 1, covered: 1, aboveScale: 3 });

    // E4 becomes 规上: 宝应 has 4.
    await patch('E4', { aboveScale: true });
    expect(await sheet('yz-baoying')).toMatchObject({ aboveScale: 4, covered: 1 });

    // G2 (规上) moves from 高邮 to 宝应: 宝应 5, 高邮 1.
    const request = ok(await baoying.request('POST', '/api/v1/enterprise-transfers', { uscc: ids.get('G2')!.uscc, reason: '企业注册地已迁至宝应县' }));
    ok(await admin.request('POST', `/api/v1/enterprise-transfers/${request.json().id}/decide`, { decision: 'approve', note: '核实无误' }));
    expect(await sheet('yz-baoying')).toMatchObject({ aboveScale: 5, covered: 1 });
    expect(await sheet('yz-gaoyou')).toMatchObject({ aboveScale: 1 });

    // E1 is no longer 规上: 宝应 4, and its project no longer covers a 规上 enterprise.
    await patch('E1', { aboveScale: false });
    expect(await sheet('yz-baoying')).toEqual({ retrofitTarget: 6, retrofit: 1, covered: 0, aboveScale: 4 });

    // 高邮's June coverage summary: 7 of 20 replace the file's figures from June on.
    ok(await admin.request('PUT', `/api/v1/assessment/${YEAR}/coverage`, {
      regionId: 'yz-gaoyou', month: 6, covered: 7, total: 20, evidence: [{ kind: 'coverage-summary', title: '高邮市2024年规上企业实施项目情况汇总表' }],
    }));
    expect(await sheet('yz-gaoyou')).toMatchObject({ covered: 7, aboveScale: 20 });
  });

  it('an edit that changes nothing the assessment reads keeps the sheet cached; the dashboard counts follow the file', async () => {
    const first = await scoreYear(t.database.db, cliActor(), YEAR, undefined, { throughQuarter: 3 });
    const stats = async () => (await admin.request('GET', '/api/v1/dashboard/enterprise-stats')).json() as { total: number; aboveScale: number };
    // After the first test: 规上 E2 E3 E4 G1 G2 (E1 no longer), 6 on file.
    expect(await stats()).toMatchObject({ total: 6, aboveScale: 5 });
    await patch('E3', { contactName: '王经理' });
    expect(await scoreYear(t.database.db, cliActor(), YEAR, undefined, { throughQuarter: 3 })).toBe(first);
    await patch('E3', { aboveScale: false });
    expect(await stats()).toMatchObject({ total: 6, aboveScale: 4 });
    expect(await scoreYear(t.database.db, cliActor(), YEAR, undefined, { throughQuarter: 3 })).not.toBe(first);
  });

  it('keeps region scoping: an officer is served their own sheet, the city every sheet', async () => {
    const own = (await baoying.request('GET', `/api/v1/assessment/${YEAR}/scores?quarter=3`)).json() as { sheets: { regionId: string }[] };
    expect(own.sheets.map((s) => s.regionId)).toEqual(['yz-baoying']);
    const city = (await admin.request('GET', `/api/v1/assessment/${YEAR}/scores?quarter=3`)).json() as { sheets: { regionId: string }[] };
    expect(city.sheets.map((s) => s.regionId).sort()).toEqual([...SCORED].sort());
    // Asked again, the officer is still served their own region only (the city's sheet is not theirs).
    const again = (await baoying.request('GET', `/api/v1/assessment/${YEAR}/scores?quarter=3`)).json() as { sheets: { regionId: string }[] };
    expect(again.sheets.map((s) => s.regionId)).toEqual(['yz-baoying']);
    const tracking = (await baoying.request('GET', `/api/v1/assessment/${YEAR}/tracking?month=9`)).json() as { rows: { regionId: string }[] };
    expect(tracking.rows.map((r) => r.regionId)).toEqual(['yz-baoying']);
  });

  it('the per-region 规上 counts equal a count over the file after every change above', async () => {
    const kept = await queryRows<{ region_id: string; n: number }>(t.database.db, sql`select region_id, enterprises::int as n from region_above_scale_counts where enterprises <> 0 order by 1`);
    const counted = await queryRows<{ region_id: string; n: number }>(t.database.db, sql`select region_id, count(*)::int as n from enterprises where above_scale group by 1 order by 1`);
    expect(kept).toEqual(counted);
    // By hand: 宝应 E2 E4 G2, 高邮 G1.
    expect(kept).toEqual([{ region_id: 'yz-baoying', n: 3 }, { region_id: 'yz-gaoyou', n: 1 }]);
  });

  it('the covered 规上 enterprises kept by first month follow a project moved in time, moved to another enterprise or deleted, as imports write them', async () => {
    const db = t.database.db;
    const kept = () => queryRows<{ key: string; region_id: string; month: number }>(db, sql`
      select e.name as key, f.region_id, f.month from above_scale_first_counted f join enterprises e on e.id = f.enterprise_id
      where f.year = ${YEAR} order by 1`);
    const project = async (key: string, countedOn: string) => {
      const [row] = await queryRows<{ id: string }>(db, sql`
        insert into assessment_projects (year, region_id, category, title, enterprise_name, enterprise_id, counted_on, evidence)
        values (${YEAR}, 'yz-baoying', 'cloud', ${`上云项目${key}`}, ${`缓存测试企业${key}`}, ${ids.get(key)!.id}, ${countedOn}, '[]'::jsonb) returning id`);
      return row!.id;
    };
    const name = (key: string) => `缓存测试企业${key}`;
    // After the tests above: 宝应 规上 E2 E4 G2; E1 (no longer 规上) has the February project.
    expect(await kept()).toEqual([]);
    // 附件2 一(一)3 覆盖率 tracked by month: an enterprise counts from the month of its first counted project.
    const late = await project('E2', `${YEAR}-11-05`);
    expect(await kept()).toEqual([{ key: name('E2'), region_id: 'yz-baoying', month: 11 }]);
    expect(await sheet('yz-baoying')).toMatchObject({ covered: 0, aboveScale: 3 });
    await db.execute(sql`update assessment_projects set counted_on = ${`${YEAR}-03-01`} where id = ${late}`);
    expect(await kept()).toEqual([{ key: name('E2'), region_id: 'yz-baoying', month: 3 }]);
    expect(await sheet('yz-baoying')).toMatchObject({ covered: 1 });
    await project('E2', `${YEAR}-01-20`);
    expect(await kept()).toEqual([{ key: name('E2'), region_id: 'yz-baoying', month: 1 }]);
    // E1's February project re-attributed to 规上 G2.
    await db.execute(sql`update assessment_projects set enterprise_id = ${ids.get('G2')!.id} where enterprise_id = ${ids.get('E1')!.id}`);
    expect(await kept()).toEqual([{ key: name('E2'), region_id: 'yz-baoying', month: 1 }, { key: name('G2'), region_id: 'yz-baoying', month: 2 }]);
    await db.execute(sql`delete from assessment_projects where enterprise_id = ${ids.get('E2')!.id}`);
    expect(await kept()).toEqual([{ key: name('G2'), region_id: 'yz-baoying', month: 2 }]);
    expect(await sheet('yz-baoying')).toMatchObject({ covered: 1, aboveScale: 3 });
    // A write outside the triggers is dropped: only they keep the table.
    await db.execute(sql`insert into above_scale_first_counted (enterprise_id, year, region_id, month) values (${ids.get('E4')!.id}, ${YEAR}, 'yz-baoying', 1)`);
    expect(await kept()).toEqual([{ key: name('G2'), region_id: 'yz-baoying', month: 2 }]);
    // And it equals a count over the projects and the file.
    const counted = await queryRows<{ key: string; region_id: string; month: number }>(db, sql`
      select e.name as key, e.region_id, min(extract(month from p.counted_on))::int as month
      from assessment_projects p join enterprises e on e.id = p.enterprise_id and e.above_scale where p.year = ${YEAR} group by 1, 2 order by 1`);
    expect(await kept()).toEqual(counted);
  });
});

describe('versions read by the session statement', () => {
  it('a signed-in request is answered from the versions its own session check read: a target changed between two requests is seen', async () => {
    // 高邮's 智能化改造 target as its published sheet states it (附件2 二(一)1).
    const target = async () => ((await admin.request('GET', `/api/v1/assessment/${YEAR}/scores?quarter=3`)).json() as {
      sheets: { regionId: string; lines: { item: string; data: Record<string, unknown> }[] }[];
    }).sheets.find((x) => x.regionId === 'yz-gaoyou')!.lines.find((l) => l.item === '智能化改造项目')!.data['目标'];
    expect(await target()).toBe(4);
    const hits = reportCacheStats(t.database.db).hits;
    expect(await target()).toBe(4);
    expect(reportCacheStats(t.database.db).hits).toBe(hits + 1);
    ok(await admin.request('PUT', `/api/v1/assessment/${YEAR}/targets`, { regions: targets(6).regions.map((r) => (r.regionId === 'yz-gaoyou' ? { ...r, retrofit: 9 } : r)) }));
    expect(await target()).toBe(9);
  });

  it('are used only for the database handle they were read from, and only until forgotten', async () => {
    const db = t.database.db;
    const actor = cliActor();
    // A version no real row has: a result kept under it can only be reached through these versions.
    keepSessionVersions(actor, db, new Map([['assessment', -1]]));
    expect(await cachedReport(db, ['assessment'], 'session-versions-test', async () => 'under -1', actor)).toBe('under -1');
    expect(await cachedReport(db, ['assessment'], 'session-versions-test', async () => 'not asked', actor)).toBe('under -1');
    // Without them the database's own versions are read: a different key, computed afresh.
    expect(await cachedReport(db, ['assessment'], 'session-versions-test', async () => 'read afresh')).toBe('read afresh');
    // Versions read from another handle (a replica) are not used for this one.
    const other = cliActor();
    keepSessionVersions(other, {}, new Map([['assessment', -1]]));
    expect(await cachedReport(db, ['assessment'], 'session-versions-test', async () => 'not asked', other)).toBe('read afresh');
    // Forgotten when the request is answered: the database's versions again.
    forgetSessionVersions(actor);
    expect(await cachedReport(db, ['assessment'], 'session-versions-test', async () => 'not asked', actor)).toBe('read afresh');
  });
});
