// Transport and browser headers (issue 12 item 7): CSP everywhere, HSTS and the __Host- session
// cookie behind HTTPS, no-store on API answers, the built web app sent precompressed and its
// fingerprinted assets cached for good, and the login page's JavaScript within its budget.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env.ts';
import type { Database } from '../src/db/client.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { login, startTestApp, type TestApp } from './helpers/app.ts';
import { createTestDatabase } from './helpers/db.ts';

const DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist 不存在:先运行 node bin/ensure-web.js(vitest.config.ts 的 globalSetup 会构建)');

/** The login page's JavaScript must not cost more than this on the wire (brotli). */
const LOGIN_JS_BUDGET = 250 * 1024;

let plain: TestApp;
let secure: { app: FastifyInstance; database: Database };
beforeAll(async () => {
  plain = await startTestApp({ enterprises: 8 });
  const database = await createTestDatabase();
  await seedDemo(database.db, 4);
  const config = { ...loadConfig(), secureCookies: true, filesDir: mkdtempSync(join(tmpdir(), 'zgsz-files-')), businessDate: '2023-06-01' };
  secure = { app: await buildApp({ database, config }), database };
});
afterAll(async () => {
  await plain?.close();
  await secure?.app.close();
  await secure?.database.close();
});

const directives = (csp: unknown) => new Map(String(csp).split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

function expectAppCsp(csp: unknown) {
  const d = directives(csp);
  expect(d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('script-src')).toEqual(["'self'"]);
  expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'self'"]);
  expect(d.get('form-action')).toEqual(["'self'"]);
}

/** The entry script and the modules index.html preloads with it: what the login page loads first. */
function loginPageScripts(html: string): string[] {
  const urls = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(urls)];
}

describe('headers on every answer', () => {
  it('the web app and the API carry the content security policy; no HSTS over plain HTTP', async () => {
    const page = await plain.app.inject({ method: 'GET', url: '/login' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expectAppCsp(page.headers['content-security-policy']);
    const health = await plain.app.inject({ method: 'GET', url: '/api/v1/health' });
    expectAppCsp(health.headers['content-security-policy']);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(health.headers['strict-transport-security']).toBeUndefined();
  });

  it('API answers with personal data, and API errors, are not stored by any cache', async () => {
    const officer = await login(plain.app, 'baoying');
    const list = await officer.request('GET', '/api/v1/enterprises?pageSize=2');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(list.headers['cache-control']).toBe('no-store');
    const me = await officer.request('GET', '/api/v1/auth/me');
    expect(me.headers['cache-control']).toBe('no-store');
    const missing = await officer.request('GET', '/api/v1/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('without secure cookies the session cookie keeps its plain name', async () => {
    const res = await plain.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.map((c) => c.name)).toEqual(['zgsz_session']);
    expect(res.cookies[0]!.secure).toBeFalsy();
  });
});

describe('behind HTTPS (ZGSZ_SECURE_COOKIES=1)', () => {
  it('sends HSTS for at least a year with subdomains, on pages and API answers', async () => {
    for (const url of ['/login', '/api/v1/health']) {
      const res = await secure.app.inject({ method: 'GET', url });
      const hsts = String(res.headers['strict-transport-security']);
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts).toMatch(/includeSubDomains/i);
    }
  });

  it('names the session cookie __Host-zgsz_session: Secure, Path=/, no Domain, httpOnly, SameSite=Strict', async () => {
    const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies).toHaveLength(1);
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: '__Host-zgsz_session', path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
    expect(cookie.domain).toBeUndefined();
    const csrf = (res.json() as { csrfToken: string }).csrfToken;

    // The server reads the prefixed name only: the same token under the plain name is no session.
    const me = await secure.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { '__Host-zgsz_session': cookie.value } });
    expect(me.statusCode).toBe(200);
    const plainName = await secure.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { zgsz_session: cookie.value } });
    expect(plainName.statusCode).toBe(401);

    // Signing out clears the same cookie with Secure, or the browser would ignore the clearing.
    const out = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { '__Host-zgsz_session': cookie.value }, headers: { 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === '__Host-zgsz_session');
    expect(cleared).toMatchObject({ value: '', path: '/', secure: true });
  });

  it('the OpenAPI description names the cookie the server reads', async () => {
    const doc = (await secure.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { components: { securitySchemes: { session: { name: string } } } };
    expect(doc.components.securitySchemes.session.name).toBe('__Host-zgsz_session');
    const plainDoc = (await plain.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as typeof doc;
    expect(plainDoc.components.securitySchemes.session.name).toBe('zgsz_session');
  });
});

describe('the built web app', () => {
  const html = () => readFileSync(join(DIST, 'index.html'), 'utf8');

  it('index.html is revalidated on every use; fingerprinted assets are cached for a year, immutable', async () => {
    for (const url of ['/', '/login', '/enterprises/abc']) {
      const res = await plain.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const [entry] = loginPageScripts(html());
    expect(entry).toMatch(/^\/assets\/.+-[\w-]{8}\.js$/);
    const asset = await plain.app.inject({ method: 'GET', url: entry! });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectAppCsp(asset.headers['content-security-policy']);
  });

  it('sends the brotli file to a browser that accepts br, gzip to one that accepts only gzip, and both decompress to the original', async () => {
    const [entry] = loginPageScripts(html());
    const original = readFileSync(join(DIST, entry!));
    const br = await plain.app.inject({ method: 'GET', url: entry!, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);

    const gz = await plain.app.inject({ method: 'GET', url: entry!, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);

    const identity = await plain.app.inject({ method: 'GET', url: entry!, headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.rawPayload.equals(original)).toBe(true);
  });

  it(`the login page's JavaScript transfers within ${LOGIN_JS_BUDGET / 1024} KB with brotli`, async () => {
    let transferred = 0;
    for (const url of loginPageScripts(html())) {
      const res = await plain.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode).toBe(200);
      transferred += res.rawPayload.length;
    }
    expect(transferred).toBeGreaterThan(50 * 1024);
    expect(transferred).toBeLessThanOrEqual(LOGIN_JS_BUDGET);
  });
});
