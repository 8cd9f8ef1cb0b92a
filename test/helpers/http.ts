// A real HTTP server and clients over TCP, for tests whose point is concurrency: inject() runs
// requests one at a time through the router, a socket does not.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../../src/db/seed/seed.ts';

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

export interface HttpResult {
  status: number;
  body: Record<string, unknown>;
}

export interface HttpClient {
  request(method: string, path: string, body?: unknown): Promise<HttpResult>;
}

export async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult & { cookie: string | null }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, cookie: res.headers.get('set-cookie') };
}

export async function httpLogin(base: string, username: string, password = DEMO_PASSWORD): Promise<HttpClient> {
  const res = await post(base, '/api/v1/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.cookie!.split(';')[0]!;
  const csrf = res.body.csrfToken as string;
  return {
    async request(method, path, body) {
      const r = await fetch(base + path, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
}

/** How many answers had each status, e.g. { 200: 1, 409: 49 }. */
export function tally(results: { status: number }[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of results) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}
