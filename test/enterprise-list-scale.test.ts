// The enterprise list past the page window (issue 11, items 1 and 2): a file grown by the scale seed
// beyond 10,000, walked by cursor and by page number, searched through the gram indexes. Expected
// values come from the demo generator itself (enterprise i is demoEnterprise(i)), never from the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { seedScaleEnterprises } from '../src/db/seed/scale-enterprises.ts';
import { REGIONS } from '../src/domain/regions.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';
import { scratchCli } from './helpers/cli.ts';

const SIZE = 10_050;
let t: TestApp;
let admin: Client;
let baoying: Client;
/** The whole file as the generator made it: enterprise i is demoEnterprise(i). */
const file = Array.from({ length: SIZE }, (_, i) => demoEnterprise(i));

interface ListBody { items: { id: string; name: string; uscc: string; regionId: string }[]; total: number; totalCapped: boolean; next: string | null }

beforeAll(async () => {
  t = await startTestApp({ enterprises: 320 });
  const grown = await seedScaleEnterprises(t.database.db, SIZE);
  expect(grown).toEqual({ added: SIZE - 320, total: SIZE });
  admin = await login(t.app, 'admin');
  baoying = await login(t.app, 'baoying');
}, 180_000);
afterAll(async () => { await t?.close(); });

const list = async (who: Client, query: string) => {
  const res = await who.request('GET', `/api/v1/enterprises?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ListBody;
};
const byListOrder = (a: { regionId: string; name: string }, b: { regionId: string; name: string }) =>
  a.regionId < b.regionId ? -1 : a.regionId > b.regionId ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

describe('zgsz db seed --enterprises: a deterministic province-sized file', () => {
  it('holds every generated enterprise once, with the proportions the seed states', async () => {
    const [row] = await queryRows<{ n: number; usccs: number; facts: number; projects: number }>(t.database.db, sql`select
      (select count(*)::int from enterprises) as n,
      (select count(*)::int from enterprises where uscc in (select jsonb_array_elements_text(${JSON.stringify(file.map((e) => e.uscc))}::jsonb))) as usccs,
      (select count(*)::int from enterprise_facts where fact = 'projects' and year = 2023) as facts,
      (select count(*)::int from assessment_projects where year = 2022 and title = '智改数转项目') as projects`);
    expect(row).toMatchObject({ n: SIZE, usccs: SIZE });
    // Enterprises 320…10,049 that are ≡ 2 (mod 5): a fifth.
    expect(row!.facts).toBe(file.filter((_, i) => i >= 320 && i % 5 === 2).length);
    const scored = new Set(REGIONS.filter((r) => r.scored).map((r) => r.id));
    expect(row!.projects).toBe(file.filter((e, i) => i >= 320 && i % 40 === 7 && scored.has(e.regionId)).length);
    // Growing again to the same size adds nothing.
    expect(await seedScaleEnterprises(t.database.db, SIZE)).toEqual({ added: 0, total: SIZE });
  });

  it('leaves the file ready to plan and search: statistics taken, every page marked all-visible, the search indexes\' pending lists merged and bounded', async () => {
    // pg_class.reltuples is what the planner reads, written by ANALYZE in its own transaction; without it the
    // planner would still think the file holds the demo's few hundred.
    const [stats] = await queryRows<{ reltuples: number; relpages: number; relallvisible: number }>(t.database.db,
      sql`select reltuples::int, relpages, relallvisible from pg_class where relname = 'enterprises'`);
    expect(stats?.reltuples).toBe(SIZE);
    // relallvisible counts the pages the visibility map marks all-visible (set by VACUUM, not by
    // ANALYZE): until they are, an index-only scan of the list's index visits the heap for every row.
    expect(stats?.relpages).toBeGreaterThan(0);
    expect(stats?.relallvisible).toBe(stats?.relpages);
    const options = await queryRows<{ relname: string; reloptions: string[] }>(t.database.db, sql`
      select relname, reloptions from pg_class where relname in ('enterprises_name_grams_idx', 'enterprises_uscc_grams_idx') order by relname`);
    expect(options).toEqual([
      { relname: 'enterprises_name_grams_idx', reloptions: ['gin_pending_list_limit=256'] },
      { relname: 'enterprises_uscc_grams_idx', reloptions: ['gin_pending_list_limit=256'] },
    ]);
  });

  it('refuses a size that is not a whole number in range, naming the option', async () => {
    const cli = await scratchCli();
    try {
      for (const bad of ['abc', '0', '1e6', '5000001']) {
        const r = await cli.run(['db', 'seed', '--enterprises', bad]);
        expect(r.code, bad).not.toBe(0);
        expect(r.stderr, bad).toContain('--enterprises');
      }
    } finally {
      await cli.close();
    }
  });
});

describe('the list past 10,000 (issue 11: keyset pages, a capped total)', () => {
  it('says "10,000+" instead of counting the file, and numbered pages stop at the window', async () => {
    const first = await list(admin, 'pageSize=20');
    expect(first).toMatchObject({ total: 10_000, totalCapped: true });
    const last = await list(admin, 'pageSize=20&page=500');
    expect(last.items).toHaveLength(20);
    const past = await admin.request('GET', '/api/v1/enterprises?pageSize=20&page=501');
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'INVALID', field: 'page' });
    expect(past.json().message).toContain('10,000');
    // A smaller filter is counted exactly: 宝应县's officer sees its own files only.
    const own = await list(baoying, 'pageSize=5');
    expect(own.totalCapped).toBe(false);
    expect(own.total).toBe(file.filter((e) => e.regionId === 'yz-baoying').length);
  });

  it('a kept count follows every write: a new file in 宝应县 is counted on the next page asked for', async () => {
    const before = (await list(baoying, 'pageSize=5')).total;
    expect((await list(baoying, 'pageSize=5')).total).toBe(before);
    const created = await admin.request('POST', '/api/v1/enterprises', { ...demoEnterprise(SIZE + 1), regionId: 'yz-baoying' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await list(baoying, 'pageSize=5')).total).toBe(before + 1);
    const removed = await t.database.db.execute(sql`delete from enterprises where uscc = ${demoEnterprise(SIZE + 1).uscc}`);
    expect(removed).toBeDefined();
    expect((await list(baoying, 'pageSize=5')).total).toBe(before);
  });

  it('walks the whole file by cursor in the list order, every enterprise once', async () => {
    const seen: ListBody['items'] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const page: ListBody = await list(admin, `pageSize=100${after ? `&after=${after}` : ''}`);
      seen.push(...page.items);
      after = page.next;
      if (!after) break;
    }
    expect(seen).toHaveLength(SIZE);
    expect(new Set(seen.map((e) => e.uscc))).toEqual(new Set(file.map((e) => e.uscc)));
    const expected = [...seen].sort((a, b) => byListOrder(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    // Page 3 by number is rows 201–300 of the same walk.
    expect((await list(admin, 'pageSize=100&page=3')).items.map((e) => e.id)).toEqual(seen.slice(200, 300).map((e) => e.id));
  });

  it('keeps a region officer in its region when following a cursor', async () => {
    const page = await list(baoying, 'pageSize=50');
    const next = await list(baoying, `pageSize=50&after=${page.next}`);
    expect([...page.items, ...next.items].every((e) => e.regionId === 'yz-baoying')).toBe(true);
    // A cursor taken from the city's list (another region's row) still yields only 宝应县's files.
    const cityPage = await list(admin, 'pageSize=100');
    const foreign = await list(baoying, `pageSize=50&after=${cityPage.next}`);
    expect(foreign.items.every((e) => e.regionId === 'yz-baoying')).toBe(true);
  });

  it('explains a bad cursor and a cursor with a page number, changing nothing', async () => {
    for (const bad of ['nonsense', Buffer.from('["a","b","not-a-uuid"]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      const res = await admin.request('GET', `/api/v1/enterprises?after=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID', field: 'after' });
    }
    const first = await list(admin, 'pageSize=20');
    const both = await admin.request('GET', `/api/v1/enterprises?page=2&after=${first.next}`);
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ code: 'INVALID', field: 'page' });
  });
});

describe('search through the gram indexes', () => {
  const contains = (q: string) => file.filter((e) => e.name.includes(q) || (q.length >= 4 && e.uscc.toLowerCase().includes(q.toLowerCase())));
  const searchAll = async (q: string) => {
    const found: ListBody['items'] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const page: ListBody = await list(admin, `pageSize=100&q=${encodeURIComponent(q)}${after ? `&after=${after}` : ''}`);
      found.push(...page.items);
      after = page.next;
      if (!after) break;
    }
    return found;
  };

  it.each(['华宏', '华', '鑫盛汽车', '有限公司(100', '(99'])('finds exactly the names containing "%s"', async (q) => {
    const found = await searchAll(q);
    expect(new Set(found.map((e) => e.uscc))).toEqual(new Set(contains(q).map((e) => e.uscc)));
  });

  it('finds a USCC by a fragment of four or more characters, in either case', async () => {
    const target = file[7_777]!;
    for (const q of [target.uscc.slice(4, 14), target.uscc.slice(-6), target.uscc.slice(8, 12), target.uscc.toLowerCase()]) {
      const found = await searchAll(q);
      expect(found.map((e) => e.uscc), q).toContain(target.uscc);
      expect(new Set(found.map((e) => e.uscc)), q).toEqual(new Set(contains(q).map((e) => e.uscc)));
    }
  });

  it('states a search\'s total on every page, on a page past the last one too, and "10,000+" beyond the window', async () => {
    const q = '华宏';
    const expected = contains(q).length;
    expect(expected).toBeGreaterThan(20);
    const first = await list(admin, `pageSize=20&q=${encodeURIComponent(q)}`);
    expect(first).toMatchObject({ total: expected, totalCapped: false });
    const beyond = await list(admin, `pageSize=20&page=${Math.ceil(expected / 20) + 1}&q=${encodeURIComponent(q)}`);
    expect(beyond.items).toHaveLength(0);
    expect(beyond).toMatchObject({ total: expected, totalCapped: false });
    // "有限公司" is in every name on file (more than 10,000): the count stops at the window.
    expect(await list(admin, `pageSize=20&q=${encodeURIComponent('有限公司')}`)).toMatchObject({ total: 10_000, totalCapped: true });
  });

  it('treats %, _ and \\ in a search as characters, not patterns', async () => {
    expect((await list(admin, `q=${encodeURIComponent('%%')}`)).total).toBe(0);
    expect((await list(admin, `q=${encodeURIComponent('华_')}`)).total).toBe(0);
    expect((await list(admin, `q=${encodeURIComponent('\\\\')}`)).total).toBe(0);
  });
});
