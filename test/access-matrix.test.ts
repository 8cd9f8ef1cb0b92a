// Calls every API route as every role (and anonymously), on a record in the caller's own region and
// on one in another region, and checks the status. New routes are covered by the permission sweep
// automatically; routes that touch region-scoped records are listed in SCOPED with their statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../src/db/schema/core.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { hasPermission, PERMISSIONS } from '../src/domain/access/index.ts';
import type { Role } from '../src/domain/actor.ts';
import { enterpriseToRow } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';
import { enterpriseWorkbook } from './helpers/xlsx.ts';

const ACCOUNTS = {
  admin: 'city_admin', reviewer: 'city_reviewer', baoying: 'region_officer', kunshan: 'region_officer',
  qiye: 'enterprise', provider: 'provider', supervisor: 'supervisor', finance: 'finance',
} as const satisfies Record<string, Role>;
type Who = keyof typeof ACCOUNTS;

let t: TestApp;
const clients = {} as Record<Who, Client>;
let A: string; // the enterprise bound to qiye, in 宝应县 (baoying's region)
let B: string; // an enterprise in 昆山市 (kunshan's region)

beforeAll(async () => {
  t = await startTestApp({ enterprises: 44 });
  for (const who of Object.keys(ACCOUNTS) as Who[]) clients[who] = await login(t.app, who);
  const [q] = await t.database.db.select().from(users).where(eq(users.username, 'qiye'));
  A = q!.enterpriseId!;
  B = await t.enterpriseIn('sz-kunshan');
});
afterAll(async () => { await t?.close(); });

let serial = 900_000;
const newEnterprise = (regionId: string) => {
  const e = demoEnterprise(serial++);
  return { ...e, regionId };
};
/** The file's current version, read by the city: every update must carry the version it was made on. */
const versionOf = async (id: string) => (await clients.admin.request('GET', `/api/v1/enterprises/${id}`)).json().version as number;
let claimSerial = 0;
const claim = () => ({ kind: 'cloud', level: '5', title: '江苏省五星级上云企业', year: 2022, evidence: `苏工信数字〔2022〕${++claimSerial}号` });
const workbookFor = async (regionId: string) => {
  const e = newEnterprise(regionId);
  return enterpriseWorkbook([enterpriseToRow(e)]);
};

type Expect = Partial<Record<Who, number>> & { default: number };
interface ScopedCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: () => string;
  body?: () => unknown | Promise<unknown>;
  headers?: Record<string, string>;
  expect: Expect;
}

const SCOPED: ScopedCase[] = [
  { name: 'list enterprises', method: 'GET', url: () => '/api/v1/enterprises', expect: { default: 200, provider: 403 } },
  { name: 'read own-region enterprise A', method: 'GET', url: () => `/api/v1/enterprises/${A}`, expect: { default: 200, kunshan: 404, provider: 403 } },
  { name: 'read other-region enterprise B', method: 'GET', url: () => `/api/v1/enterprises/${B}`, expect: { default: 200, baoying: 404, qiye: 404, provider: 403 } },
  { name: 'update A', method: 'PATCH', url: () => `/api/v1/enterprises/${A}`, body: async () => ({ contactName: '张三', version: await versionOf(A) }), expect: { default: 403, admin: 200, baoying: 200, qiye: 200, kunshan: 404 } },
  { name: 'update B', method: 'PATCH', url: () => `/api/v1/enterprises/${B}`, body: async () => ({ contactName: '李四', version: await versionOf(B) }), expect: { default: 403, admin: 200, kunshan: 200, baoying: 404, qiye: 404 } },
  { name: 'claim a certification for A', method: 'POST', url: () => `/api/v1/enterprises/${A}/certification-claims`, body: claim, expect: { default: 403, qiye: 201 } },
  { name: 'claim a certification for B', method: 'POST', url: () => `/api/v1/enterprises/${B}/certification-claims`, body: claim, expect: { default: 403, qiye: 404 } },
  { name: 'claims awaiting review', method: 'GET', url: () => '/api/v1/certification-claims', expect: { default: 403, admin: 200, baoying: 200, kunshan: 200 } },
  { name: 'transfer requests', method: 'GET', url: () => '/api/v1/enterprise-transfers', expect: { default: 403, admin: 200, baoying: 200, kunshan: 200 } },
  { name: 'create in 宝应县', method: 'POST', url: () => '/api/v1/enterprises', body: () => newEnterprise('yz-baoying'), expect: { default: 403, admin: 201, baoying: 201 } },
  { name: 'create in 昆山市', method: 'POST', url: () => '/api/v1/enterprises', body: () => newEnterprise('sz-kunshan'), expect: { default: 403, admin: 201, kunshan: 201 } },
  { name: 'import a 宝应县 file', method: 'POST', url: () => '/api/v1/enterprises/import', body: () => workbookFor('yz-baoying'), headers: { 'content-type': XLSX_MIME }, expect: { default: 403, admin: 200, baoying: 200, kunshan: 422 } },
  { name: 'export', method: 'GET', url: () => '/api/v1/enterprises/export', expect: { default: 200, qiye: 403, provider: 403, supervisor: 403 } },
  { name: 'list users', method: 'GET', url: () => '/api/v1/users', expect: { default: 403, admin: 200 } },
  { name: 'audit log', method: 'GET', url: () => '/api/v1/audit', expect: { default: 403, admin: 200, supervisor: 200 } },
  { name: 'verify audit', method: 'GET', url: () => '/api/v1/audit/verify', expect: { default: 403, admin: 200, supervisor: 200 } },
  { name: 'dashboard statistics', method: 'GET', url: () => '/api/v1/dashboard/enterprise-stats', expect: { default: 200, provider: 403 } },
  { name: 'regions', method: 'GET', url: () => '/api/v1/regions', expect: { default: 200 } },
  { name: 'who am I', method: 'GET', url: () => '/api/v1/auth/me', expect: { default: 200 } },
];

describe('access-control matrix: every role on own- and other-region records', () => {
  for (const c of SCOPED) {
    it(c.name, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of Object.keys(ACCOUNTS) as Who[]) {
        const body = c.body ? await c.body() : undefined;
        const res = await clients[who].request(c.method, c.url(), body, c.headers);
        got[who] = res.statusCode;
        want[who] = c.expect[who] ?? c.expect.default;
      }
      expect(got).toEqual(want);
    });
  }

  it('an officer cannot see another region in lists or exports', async () => {
    const list = (await clients.baoying.request('GET', '/api/v1/enterprises?pageSize=100')).json() as { items: { regionId: string }[]; total: number };
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((e) => e.regionId === 'yz-baoying')).toBe(true);
    const filtered = (await clients.baoying.request('GET', '/api/v1/enterprises?regionId=sz-kunshan')).json() as { total: number };
    expect(filtered.total).toBe(0);
    const own = (await clients.qiye.request('GET', '/api/v1/enterprises')).json() as { items: { id: string }[] };
    expect(own.items.map((e) => e.id)).toEqual([A]);
  });

  it('an officer cannot move an enterprise into another region', async () => {
    const res = await clients.baoying.request('PATCH', `/api/v1/enterprises/${A}`, { regionId: 'sz-kunshan', version: await versionOf(A) });
    expect(res.statusCode).toBe(403);
    expect(res.json().field).toBe('regionId');
  });

  it('an enterprise user cannot change fields kept by officers: 规上, industry code, certifications', async () => {
    const version = await versionOf(A);
    for (const body of [{ aboveScale: false }, { industryCode: 'C3311' }, { certifications: [{ kind: 'integration', level: '3A', title: '两化融合管理体系评定证书', year: 2022 }] }]) {
      const res = await clients.qiye.request('PATCH', `/api/v1/enterprises/${A}`, { ...body, version });
      expect(res.statusCode).toBe(403);
      expect(res.json().field).toBe(Object.keys(body)[0]);
    }
    expect(await versionOf(A)).toBe(version);
  });
});

describe('permission sweep over every registered route', () => {
  it('every /api/v1 route declares a permission listed in rules.ts', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThan(10);
    for (const r of t.app.apiRoutes) expect(Object.hasOwn(PERMISSIONS, r.permission)).toBe(true);
  });

  it('anonymous callers get 401 on every non-public route', async () => {
    const failures: string[] = [];
    for (const r of t.app.apiRoutes) {
      if (PERMISSIONS[r.permission] === 'public') continue;
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, 'x') });
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('roles without the permission get 403 on every route, before any validation', async () => {
    const failures: string[] = [];
    for (const r of t.app.apiRoutes) {
      for (const who of Object.keys(ACCOUNTS) as Who[]) {
        if (hasPermission({ role: ACCOUNTS[who], userId: null, name: who, regionId: null, enterpriseId: null, ip: null }, r.permission)) continue;
        const res = await clients[who].request(r.method as 'GET', r.url.replace(/:(\w+)/g, 'x'));
        if (res.statusCode !== 403) failures.push(`${who} ${r.method} ${r.url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
