import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { users } from '../src/db/schema/core.ts';
import { certifications, enterprises } from '../src/db/schema/enterprises.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

interface Stats {
  total: number; aboveScale: number; belowScale: number; certified: number;
  regions: { regionId: string; regionName: string; total: number; aboveScale: number }[];
  certifications: { kind: string; level: string; enterprises: number }[];
  chains: { chain: string; enterprises: number }[];
}

let t: TestApp;
let admin: Client;
let baoying: Client;
let qiye: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 44 });
  admin = await login(t.app, 'admin');
  baoying = await login(t.app, 'baoying');
  qiye = await login(t.app, 'qiye');
});
afterAll(async () => { await t?.close(); });

const stats = async (c: Client) => {
  const res = await c.request('GET', '/api/v1/dashboard/enterprise-stats');
  expect(res.statusCode).toBe(200);
  return res.json() as Stats;
};

describe('dashboard enterprise statistics', () => {
  it('counts every enterprise for the city, by region, 规上, certification and chain', async () => {
    const db = t.database.db;
    const all = await db.select().from(enterprises);
    const s = await stats(admin);
    expect(s.total).toBe(all.length);
    expect(s.aboveScale).toBe(all.filter((e) => e.aboveScale).length);
    expect(s.belowScale).toBe(all.length - s.aboveScale);
    expect(s.regions.reduce((n, r) => n + r.total, 0)).toBe(all.length);
    const baoyingRow = s.regions.find((r) => r.regionId === 'yz-baoying');
    expect(baoyingRow).toMatchObject({ regionName: '宝应县', total: all.filter((e) => e.regionId === 'yz-baoying').length });

    const certs = await db.select().from(certifications);
    for (const c of s.certifications) {
      const holders = new Set(certs.filter((x) => x.kind === c.kind && x.level === c.level).map((x) => x.enterpriseId));
      expect(c.enterprises, `${c.kind} ${c.level}`).toBe(holders.size);
    }
    expect(s.certified).toBe(new Set(certs.map((c) => c.enterpriseId)).size);
    expect(s.certified).toBeGreaterThan(0);

    for (const c of s.chains) expect(c.enterprises, c.chain).toBe(all.filter((e) => e.chains.includes(c.chain)).length);
    expect(new Set(s.chains.map((c) => c.chain))).toEqual(new Set(all.flatMap((e) => e.chains)));
  });

  it('a region officer sees only their region', async () => {
    const own = await t.database.db.select().from(enterprises).where(eq(enterprises.regionId, 'yz-baoying'));
    const s = await stats(baoying);
    expect(s.regions.map((r) => r.regionId)).toEqual(['yz-baoying']);
    expect(s.total).toBe(own.length);
    expect(s.aboveScale).toBe(own.filter((e) => e.aboveScale).length);
    const ownCerts = await t.database.db.select().from(certifications)
      .where(sql`${certifications.enterpriseId} in (select id from enterprises where region_id = 'yz-baoying')`);
    const expected = new Map<string, Set<string>>();
    for (const c of ownCerts) expected.set(`${c.kind}/${c.level}`, (expected.get(`${c.kind}/${c.level}`) ?? new Set()).add(c.enterpriseId));
    expect(s.certified).toBe(new Set(ownCerts.map((c) => c.enterpriseId)).size);
    expect(Object.fromEntries(s.certifications.map((c) => [`${c.kind}/${c.level}`, c.enterprises])))
      .toEqual(Object.fromEntries([...expected].map(([k, v]) => [k, v.size])));
    for (const c of s.chains) expect(c.enterprises).toBe(own.filter((e) => e.chains.includes(c.chain)).length);
  });

  it('an enterprise user sees only its own enterprise', async () => {
    const [q] = await t.database.db.select().from(users).where(eq(users.username, 'qiye'));
    const [own] = await t.database.db.select().from(enterprises).where(eq(enterprises.id, q!.enterpriseId!));
    const s = await stats(qiye);
    expect(s.total).toBe(1);
    expect(s.regions).toEqual([{ regionId: own!.regionId, regionName: '宝应县', total: 1, aboveScale: own!.aboveScale ? 1 : 0 }]);
    expect(s.chains.map((c) => c.chain).sort()).toEqual([...own!.chains].sort());
  });

  it('refuses roles without enterprises.read and anonymous callers', async () => {
    const provider = await login(t.app, 'provider');
    expect((await provider.request('GET', '/api/v1/dashboard/enterprise-stats')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/enterprise-stats' })).statusCode).toBe(401);
  });
});
