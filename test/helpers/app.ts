// A running application on a fresh test database with the demo accounts and a few dozen demo
// enterprises, plus a signed-in client per account.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config/env.ts';
import type { Database } from '../../src/db/client.ts';
import { enterprises } from '../../src/db/schema/enterprises.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/seed.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
  /** An enterprise id in the region, for own/other-region checks. */
  enterpriseIn(regionId: string): Promise<string>;
}

export async function startTestApp(options: { enterprises?: number; demo?: boolean; poolSize?: number; businessDate?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.poolSize);
  await seedDemo(database.db, options.enterprises ?? 44);
  // Files go to a folder of the test's own; the business date is inside both policy windows.
  // Its own audit checkpoint file too: checkpoints of another test's database would not match this one.
  const config = {
    ...loadConfig(), filesDir: mkdtempSync(join(tmpdir(), 'zgsz-files-')), businessDate: options.businessDate ?? '2023-06-01',
    auditCheckpointFile: join(mkdtempSync(join(tmpdir(), 'zgsz-audit-')), 'audit-checkpoints.log'),
  };
  const app = await buildApp({ database, config, demo: options.demo ?? false });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
      // Each run of the suite would otherwise leave a hundred folders in the temporary directory.
      for (const dir of [config.filesDir, dirname(config.auditCheckpointFile)]) rmSync(dir, { recursive: true, force: true });
    },
    enterpriseIn: async (regionId) => {
      const [row] = await database.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.regionId, regionId)).limit(1);
      if (!row) throw new Error(`no demo enterprise in ${regionId}`);
      return row.id;
    },
  };
}

export interface Client {
  csrf: string;
  request(method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'zgsz_session')!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    csrf,
    request: (method, url, payload, headers = {}) => app.inject({
      method, url, cookies: { zgsz_session: cookie.value },
      headers: { 'x-csrf-token': csrf, ...headers },
      ...(payload === undefined ? {} : Buffer.isBuffer(payload) ? { payload } : { payload: payload as object }),
    }),
  };
}
