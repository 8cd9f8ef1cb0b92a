// What the server writes to its log: one line per request at debug level only, and a readable line
// in a terminal where a log collector gets JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../src/config/env.ts';
import type { Database } from '../src/db/client.ts';
import { seedDemo } from '../src/db/seed/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { serverLogStream } from '../src/server/log-stream.ts';
import { createTestDatabase } from './helpers/db.ts';
import { captureLog } from './helpers/log-capture.ts';
import { login } from './helpers/app.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, 2);
});
afterAll(async () => { await database?.close(); });

async function requestsLoggedAt(level: string) {
  const { lines, stream } = captureLog();
  const app = await buildApp({ database, config: { ...loadConfig(), logLevel: level }, logger: { stream } });
  try {
    const admin = await login(app, 'admin');
    expect((await admin.request('GET', '/api/v1/enterprises?page=1')).statusCode).toBe(200);
    expect((await admin.request('GET', '/api/v1/no-such-route')).statusCode).toBe(404);
  } finally {
    await app.close();
  }
  return lines.map((l) => JSON.parse(l) as { level: number; msg: string; method?: string; url?: string; status?: number; ms?: number });
}

describe('server log', () => {
  it('at the default level (info) requests are not logged one by one', async () => {
    const entries = await requestsLoggedAt('info');
    expect(entries.filter((e) => e.msg === 'request' || e.msg === 'incoming request' || e.msg === 'request completed')).toEqual([]);
  });

  it('at debug level each request is one line with its method, address, status and time', async () => {
    const entries = (await requestsLoggedAt('debug')).filter((e) => e.msg === 'request');
    expect(entries.map((e) => [e.method, e.url, e.status])).toEqual([
      ['POST', '/api/v1/auth/login', 200],
      ['GET', '/api/v1/enterprises?page=1', 200],
      ['GET', '/api/v1/no-such-route', 404],
    ]);
    for (const e of entries) {
      expect(e.level).toBe(20);
      expect(Number.isInteger(e.ms)).toBe(true);
    }
  });

  it('a terminal gets readable lines, anything else JSON; LOG_FORMAT decides when set', async () => {
    expect(serverLogStream({}, false)).toBeNull();
    expect(serverLogStream({ LOG_FORMAT: 'json' }, true)).toBeNull();
    const { lines, stream } = captureLog();
    const prettyStream = serverLogStream({ LOG_FORMAT: 'pretty' }, false, stream);
    expect(prettyStream).not.toBeNull();
    pino({ level: 'info' }, prettyStream!).info({ port: 3000 }, '服务已启动');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] INFO: 服务已启动 \{"port":3000\}$/);
  });
});
