import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { enterprises } from '../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 30 });
  admin = await login(t.app, 'admin');
});
afterAll(async () => { await t?.close(); });

const total = async () => Number((await t.database.db.select({ n: count() }).from(enterprises))[0]!.n);

describe('enterprise file (一企一档) through the API', () => {
  it('creates, reads and updates an enterprise with certifications', async () => {
    const input = { ...demoEnterprise(5000), certifications: [{ kind: 'integration', level: '3A', title: '两化融合管理体系评定证书', year: 2022 }] };
    const created = await admin.request('POST', '/api/v1/enterprises', input);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const read = (await admin.request('GET', `/api/v1/enterprises/${id}`)).json();
    expect(read).toMatchObject({ uscc: input.uscc, name: input.name, version: 1, certifications: [{ kind: 'integration', level: '3A', year: 2022 }] });
    const updated = await admin.request('PATCH', `/api/v1/enterprises/${id}`, { aboveScale: !input.aboveScale, version: 1 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ aboveScale: !input.aboveScale, version: 2 });
  });

  it('refuses a stale version with 409 and keeps the newer data', async () => {
    const id = (await admin.request('POST', '/api/v1/enterprises', demoEnterprise(5001))).json().id as string;
    await admin.request('PATCH', `/api/v1/enterprises/${id}`, { contactName: '第一人', version: 1 });
    const stale = await admin.request('PATCH', `/api/v1/enterprises/${id}`, { contactName: '第二人', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect((await admin.request('GET', `/api/v1/enterprises/${id}`)).json().contactName).toBe('第一人');
  });

  it('refuses a duplicate USCC with 409', async () => {
    const e = demoEnterprise(5002);
    expect((await admin.request('POST', '/api/v1/enterprises', e)).statusCode).toBe(201);
    const dup = await admin.request('POST', '/api/v1/enterprises', { ...e, name: '另一家公司' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().field).toBe('uscc');
  });

  it.each([
    ['a wrong check character', { uscc: '91350100M000100Y44' }, 'uscc', '第18位'],
    ['a forbidden letter', { uscc: '91350100M000100Y4I' }, 'uscc', 'I、O、Z、S、V'],
    ['a wrong length', { uscc: '9135010' }, 'uscc', '18位'],
    ['an unknown region', { regionId: 'yz-nowhere' }, 'regionId', '地区'],
    ['an industry code outside its section', { industryCode: 'C05' }, 'industryCode', '13–43'],
    ['an unknown chain', { chains: ['航天'] }, 'chains.0', '产业链'],
    ['a certification level that does not exist', { certifications: [{ kind: 'cloud', level: '6', title: '上云', year: 2022 }] }, 'certifications.0.level', '3、4、5'],
    ['a legal form outside the list', { legalForm: 'partnership' }, 'legalForm', '独立法人'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_label, patch, field, hint) => {
    const before = await total();
    const res = await admin.request('POST', '/api/v1/enterprises', { ...demoEnterprise(6000), ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field });
    expect(res.json().message).toContain(hint);
    expect(await total()).toBe(before);
  });

  it('refuses unknown fields rather than ignoring them', async () => {
    const res = await admin.request('POST', '/api/v1/enterprises', { ...demoEnterprise(6001), subsidy: 1 });
    expect(res.statusCode).toBe(400);
  });

  it('searches by name or USCC with pagination', async () => {
    const page1 = (await admin.request('GET', '/api/v1/enterprises?pageSize=5&page=1')).json();
    const page2 = (await admin.request('GET', '/api/v1/enterprises?pageSize=5&page=2')).json();
    expect(page1.items).toHaveLength(5);
    expect(page1.total).toBe(await total());
    expect(page1.items.map((e: { id: string }) => e.id)).not.toEqual(page2.items.map((e: { id: string }) => e.id));
    const target = page2.items[0];
    const byUscc = (await admin.request('GET', `/api/v1/enterprises?q=${target.uscc.slice(4, 14)}`)).json();
    expect(byUscc.items.map((e: { id: string }) => e.id)).toContain(target.id);
    const byName = (await admin.request('GET', `/api/v1/enterprises?q=${encodeURIComponent(target.name)}`)).json();
    expect(byName.items[0].id).toBe(target.id);
  });

  it('explains bad paging parameters', async () => {
    const res = await admin.request('GET', '/api/v1/enterprises?pageSize=1000');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'pageSize' });
  });

  it('answers 404 in the error format for an unknown id and an unknown route', async () => {
    expect((await admin.request('GET', '/api/v1/enterprises/00000000-0000-0000-0000-000000000000')).json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin.request('GET', '/api/v1/nothing')).statusCode).toBe(404);
  });

  it('serves the OpenAPI description and health', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(spec.paths['/api/v1/enterprises']).toBeDefined();
    const health = (await t.app.inject({ method: 'GET', url: '/api/v1/health' })).json();
    expect(health).toMatchObject({ status: 'ok' });
    // Not started with --demo: the demo accounts are not advertised.
    expect(health.demo).toBeUndefined();
  });
});

describe('malformed requests', () => {
  it('explains a body that is not valid JSON, naming the body', async () => {
    const res = await admin.request('POST', '/api/v1/enterprises', '{bad json', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'body' });
    expect(res.json().message).toContain('JSON');
  });

  it('explains a body that is not a JSON object', async () => {
    const res = await admin.request('POST', '/api/v1/enterprises', 'hello', { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'body' });
  });
});
