// Issue 12 item 3: malformed requests against every write route, generated from the route's own
// OpenAPI schema (which the zod schemas produce) with a fixed seed. Each case starts from a value
// shaped like the schema and breaks it in one place — a hostile value at one path, an unknown or
// prototype key, a missing body, a raw body that is not JSON, a hostile path parameter — so most
// cases get past the outer checks and reach the field, the use case and the database.
// Asserted: no 5xx ever, and a refused request (4xx) changed nothing in the database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

const SEED = 20_221_202;
/** Cases per route; with ~70 write routes this is well over the 2,000 the issue asks for. */
const PER_ROUTE = 32;
const WRITE = new Set(['post', 'put', 'patch', 'delete']);
/** Routes that would end the fuzzing session itself. */
const SKIP = new Set(['POST /api/v1/auth/logout']);
/** Tables a refused request may legitimately touch: the session's last activity, sign-in counters. */
const VOLATILE = new Set(['sessions', 'login_throttle']);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  $ref?: string;
}
interface Operation { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }

let t: TestApp;
let admin: Client;
/** Who sends a route's cases: the first of these whose role may use the route, so cases reach validation. */
const ACCOUNTS = ['admin', 'qiye', 'provider', 'supervisor', 'baoying', 'reviewer', 'finance', 'dept-gxj', 'dept-fgw'];
/**
 * Changing one's password counts a wrong old password like a failed sign-in (audited, and five
 * lock the account from that address), so its cases go to an account no other route uses.
 */
const ROUTE_ACCOUNT: Record<string, string> = { 'post /api/v1/auth/password': 'dept-fgw' };
const clients = new Map<string, Client>();
let fingerprintSql: SQL;

beforeAll(async () => {
  t = await startTestApp({ enterprises: 6 });
  admin = await login(t.app, 'admin');
  // Every account signs in before the first fingerprint: a sign-in is audited, a case must not be.
  for (const account of ACCOUNTS) clients.set(account, account === 'admin' ? admin : await login(t.app, account));
  const tables = (await queryRows<{ tablename: string }>(t.database.db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.tablename).filter((n) => !VOLATILE.has(n) && !n.startsWith('__drizzle'));
  // Row count and newest writing transaction per table: an insert, update or delete that
  // committed moves one of them; a rolled-back one moves neither.
  fingerprintSql = sql.raw(`select ${tables.map((n) => `(select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from "${n}") as "${n}"`).join(', ')}`);
});
afterAll(async () => t?.close());

/**
 * The fingerprint, recomputed only when some transaction has taken a transaction id since the last
 * one (every insert, update and delete takes one; reading the snapshot does not). The snapshot's
 * xmax is the next id to be handed out, so an unmoved xmax means no table can have changed. Scanning
 * every table for each of ~2,900 cases took 68 of this file's 95 s on PGlite.
 */
let lastPrint: { xmax: string; print: Record<string, string> } | null = null;
const fingerprint = async () => {
  const [{ xmax }] = await queryRows<{ xmax: string }>(t.database.db, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`) as [{ xmax: string }];
  if (lastPrint?.xmax !== xmax) lastPrint = { xmax, print: (await queryRows<Record<string, string>>(t.database.db, fingerprintSql))[0]! };
  return { ...lastPrint.print };
};

const HOSTILE_STRINGS = [
  '\u0000', 'a\u0000b', 'a\uD800b', '\uDFFF', '\u0007', '', ' ', '0x7E6', '+2022', '2022.0', ' 2022', '0b11111100110',
  '0000-01-01', '2023-02-30', '9999-12-31', '1900-01-01', '<script>alert(1)</script>', "'; drop table users; --",
  'x'.repeat(5_000), '__proto__', '-1', '1e308', 'NaN', 'Infinity', '２０２２', '١٢٣', '../../etc/passwd', '%00', 'null',
];
const HOSTILE_NUMBERS = [1e308, -1e308, 2 ** 53 + 2, -(2 ** 53) - 2, -1, 0, 0.5, 1.005, 1e-320, Number.MAX_SAFE_INTEGER, 99_999_999_999];
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], { a: 1 }, [[[[[[[[[[[]]]]]]]]]]]),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.constantFrom('\u0000', 1e308, 'x'), { maxLength: 3 }),
);
const UPLOAD_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/pdf', 'image/png', 'application/octet-stream'];
const RAW_BODIES = ['{"a":', '{"a":1e999}', '[]', 'null', '"\\u0000"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', 'not json', '{"a":"\\ud800"}', '1'];

function resolve(schema: JsonSchema | undefined, doc: { components?: { schemas?: Record<string, JsonSchema> } }): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc);
  return schema;
}

/** A value of the schema's shape, plausible enough to pass it often. */
function shaped(raw: JsonSchema | undefined, doc: Parameters<typeof resolve>[1], pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(raw, doc);
  if (depth > 4) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => shaped(a, doc, pools, depth + 1)));
  if (s.allOf?.length) return shaped(s.allOf[0], doc, pools, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const entries = Object.entries(props).map(([k, v]) => [k, required.has(k) ? shaped(v, doc, pools, depth + 1) : fc.option(shaped(v, doc, pools, depth + 1), { nil: undefined })] as const);
      return fc.record(Object.fromEntries(entries)).map((o) => JSON.parse(JSON.stringify(o)) as unknown);
    }
    case 'array': return fc.array(shaped(s.items, doc, pools, depth + 1), { maxLength: 3 });
    case 'integer': return fc.integer({ min: Math.max(s.minimum ?? 0, -1e6), max: Math.min(s.maximum ?? 2030, 1e9) });
    case 'number': return fc.double({ min: Math.max(s.minimum ?? 0, -1e6), max: Math.min(s.maximum ?? 1e6, 1e9), noNaN: true });
    case 'boolean': return fc.boolean();
    case 'string':
      if (s.format === 'date') return fc.constantFrom('2023-06-01', '2022-12-31', '2023-01-15');
      if (s.format === 'uuid') return fc.constantFrom(...pools.ids, '00000000-0000-4000-8000-000000000000');
      if (s.format === 'date-time') return fc.constant('2023-06-01T08:00:00.000Z');
      return fc.oneof(fc.constantFrom(...pools.words), fc.string({ maxLength: 8 }));
    default: return fc.oneof(fc.constantFrom(...pools.words), fc.integer({ min: 0, max: 100 }));
  }
}

/** Every path inside a value, for choosing where to break it. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function breakAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = breakAt(copy[path[0]!], path.slice(1), replacement);
  return copy;
}

interface Pools { ids: string[]; words: string[] }

interface Case { method: string; url: string; body: string | Buffer | undefined; contentType: string | undefined; how: string }

function caseArbitrary(method: string, template: string, op: Operation, doc: Parameters<typeof resolve>[1], pools: Pools): fc.Arbitrary<Case> {
  const params = (template.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
  const paramArb = (name: string) => fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...paramValues(name, pools)) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((h) => h.length < 100)) },
  );
  const pathArb = fc.tuple(...params.map(paramArb)).map((values) => params.reduce((url, p, i) => url.replace(`{${p}}`, encodePathValue(String(values[i]))), template));
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  // Upload routes declare no JSON body: they get bytes under each type an upload route accepts.
  const declared = Object.keys(content).filter((c) => c !== 'application/json');
  const uploadTypes = declared.length || jsonSchema ? declared : UPLOAD_TYPES;
  const jsonBody = shaped(jsonSchema ?? { type: 'object' }, doc, pools).chain((valid) => fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...pathsOf(valid)), hostileValue).map(([p, h]) => ({ body: JSON.stringify(breakAt(valid, p, h)), how: `hostile at ${p.join('.') || '(root)'}` })) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'unknownKey', 'constructor').map((k) => ({ body: JSON.stringify(valid).replace(/^\{/, `{"${k}":{"x":1},`).replace(/,\}$/, '}'), how: `extra key ${k}` })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ body: raw, how: 'raw body' })) },
    { weight: 1, arbitrary: fc.constant({ body: JSON.stringify(valid), how: 'shaped' }) },
  ));
  const uploadBody = fc.tuple(fc.constantFrom(...(uploadTypes.length ? uploadTypes : ['application/octet-stream'])), fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('random', 'zip-header', 'empty'))
    .map(([type, bytes, kind]) => ({
      type,
      body: kind === 'empty' ? Buffer.alloc(0) : kind === 'zip-header' ? Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(bytes)]) : Buffer.from(bytes),
      how: `upload ${kind} as ${type}`,
    }));
  const bodyArb: fc.Arbitrary<{ body: string | Buffer | undefined; type: string | undefined; how: string }> = uploadTypes.length && !jsonSchema
    ? fc.oneof({ weight: 4, arbitrary: uploadBody }, { weight: 1, arbitrary: jsonBody.map((b) => ({ ...b, type: 'application/json' })) })
    : fc.oneof({ weight: 8, arbitrary: jsonBody.map((b) => ({ ...b, type: 'application/json' })) }, { weight: 1, arbitrary: fc.constant({ body: undefined, type: undefined, how: 'no body' }) });
  return fc.tuple(pathArb, bodyArb).map(([url, b]) => ({ method: method.toUpperCase(), url, body: b.body, contentType: b.type, how: b.how }));
}

/** Percent-encodes a path value; a lone surrogate, which has no UTF-8 form, goes as the bytes a careless client would send. */
function encodePathValue(v: string): string {
  return [...v].map((ch) => {
    try { return encodeURIComponent(ch); } catch { return '%ED%A0%80'; }
  }).join('');
}

function paramValues(name: string, pools: Pools): string[] {
  if (name === 'year') return ['2022', '2023'];
  if (name === 'quarter') return ['1', '2'];
  if (name === 'regionId') return ['yz-baoying', 'sz-kunshan'];
  if (name === 'policyId') return ['yangzhou-2022-20', 'suzhou-2020'];
  if (name === 'measureId') return ['smart-retrofit', 'diagnosis-factory'];
  if (name === 'item') return ['workTeam', 'actionPlan'];
  // The fuzzing account itself is left out: a reset of its own password would end the run.
  if (name === 'username') return ['baoying', 'qiye', 'finance', 'nobody'];
  return pools.ids.length ? pools.ids : ['00000000-0000-4000-8000-000000000000'];
}

/** Ids of records on file, from the list endpoints, so many cases name a record that exists. */
async function collectIds(client: Client, exclude: string): Promise<string[]> {
  const lists = ['/api/v1/enterprises', '/api/v1/users', '/api/v1/applications', '/api/v1/diagnoses', '/api/v1/providers', '/api/v1/funds', '/api/v1/publicity', '/api/v1/certification-claims', '/api/v1/enterprise-transfers', '/api/v1/review-chains'];
  const ids = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if (k === 'id' && typeof x === 'string') ids.add(x); else walk(x); }
  };
  for (const url of lists) {
    const res = await client.request('GET', url);
    if (res.statusCode === 200) walk(res.json());
  }
  ids.delete(exclude);
  return [...ids].sort().slice(0, 40);
}

it('every write route refuses malformed requests with a 4xx that changes nothing, never a 5xx', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
  const me = (await admin.request('GET', '/api/v1/auth/me')).json() as { id?: string; user?: { id: string } };
  const pools: Pools = { ids: await collectIds(admin, me.user?.id ?? me.id ?? ''), words: ['yz-baoying', 'sz-kunshan', '2023-06-01', 'smart-retrofit', 'yangzhou-2022-20', '测试企业', 'test', '2022'] };

  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([m]) => WRITE.has(m)).map(([m, op]) => ({ method: m, path, op })))
    .filter((r) => !SKIP.has(`${r.method.toUpperCase()} ${r.path}`));
  const counts = { cases: 0, '2xx': 0, '4xx': 0, '5xx': 0, relogins: 0 };
  const byStatus: Record<number, number> = {};
  const serverErrors: string[] = [];
  const changedOnRefusal: string[] = [];

  /** Cases whose account had to sign in again: their audit moved by the sign-in, not the case. */
  const relogged = new Set<Case>();
  const send = async (account: string, c: Case) => {
    const headers: Record<string, string> = c.contentType ? { 'content-type': c.contentType } : {};
    const body = c.body === undefined ? undefined : Buffer.from(c.body);
    let client = clients.get(account)!;
    let res = await client.request(c.method as 'POST', c.url, body, headers);
    if (res.statusCode === 401 && !c.url.startsWith('/api/v1/auth/')) {
      // A case ended the session (e.g. its own sessions list); sign in again and repeat it.
      client = await login(t.app, account);
      clients.set(account, client);
      counts.relogins++;
      relogged.add(c);
      res = await client.request(c.method as 'POST', c.url, body, headers);
    }
    return res;
  };
  const routeAccount: Record<string, string> = { ...ROUTE_ACCOUNT };

  for (const [i, route] of routes.entries()) {
    const cases = fc.sample(caseArbitrary(route.method, route.path, route.op, doc, pools), { seed: SEED + i, numRuns: PER_ROUTE });
    for (const c of cases) {
      const before = await fingerprint();
      const auditBefore = before.audit_log;
      const key = `${route.method} ${route.path}`;
      let res;
      if (routeAccount[key]) {
        res = await send(routeAccount[key], c);
      } else {
        // The first case of a route tries each account until one is allowed; the route keeps it.
        for (const account of ACCOUNTS) {
          res = await send(account, c);
          routeAccount[key] = account;
          if (res.statusCode !== 403) break;
        }
      }
      if (!res) throw new Error('no account tried');
      counts.cases++;
      byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
      const label = `${c.method} ${c.url.slice(0, 120)} [${c.how}] → ${res.statusCode} ${res.body.slice(0, 160)}`;
      if (res.statusCode >= 500) { counts['5xx']++; serverErrors.push(label); continue; }
      if (res.statusCode < 400) {
        counts['2xx']++;
        // An accepted job (an import, a 免申即享 run) goes on writing after its answer: it is let
        // finish, so that what it writes is not put down to the next case.
        await expect.poll(async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from jobs where status in ('queued', 'running')`))[0]!.n, { timeout: 60_000 }).toBe(0);
        continue;
      }
      counts['4xx']++;
      const after = await fingerprint();
      // A refused sign-in or old password is itself audited (等保: 登录失败处理); nothing else may move.
      if (c.url === '/api/v1/auth/login' || c.url === '/api/v1/auth/password' || relogged.has(c)) { after.audit_log = auditBefore!; after.audit_head = before.audit_head!; }
      const moved = Object.keys(after).filter((k) => after[k] !== before[k]);
      if (moved.length) changedOnRefusal.push(`${label} changed ${moved.join(', ')}`);
    }
  }
  console.log(`fuzz: ${routes.length} write routes, ${counts.cases} cases (seed ${SEED}); 2xx ${counts['2xx']}, 4xx ${counts['4xx']}, 5xx ${counts['5xx']}; refused-but-changed ${changedOnRefusal.length}; re-logins ${counts.relogins}; by status ${JSON.stringify(byStatus)}`);
  expect(counts.cases).toBeGreaterThanOrEqual(2_000);
  expect(serverErrors.slice(0, 20)).toEqual([]);
  expect(changedOnRefusal.slice(0, 20)).toEqual([]);
}, 600_000);
