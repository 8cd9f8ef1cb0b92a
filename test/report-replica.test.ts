// DATABASE_REPLICA_URL (issue 11, item 4): the report pages read the replica, everything else the
// database. A "replica" here is a second database whose figures differ on purpose, so which one a
// page read is visible in its answer: a report page through the app with a replica answers exactly
// as an app on the replica alone, and the enterprise list (not a report) as an app on the primary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config/env.ts';
import type { Database } from '../src/db/client.ts';
import { seedDemo } from '../src/db/seed/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { login } from './helpers/app.ts';
import { createTestDatabase } from './helpers/db.ts';

let primary: Database;
let replica: Database;
const apps: FastifyInstance[] = [];
const config = () => ({
  ...loadConfig(), filesDir: mkdtempSync(join(tmpdir(), 'zgsz-files-')), businessDate: '2023-06-01',
  auditCheckpointFile: join(mkdtempSync(join(tmpdir(), 'zgsz-audit-')), 'audit-checkpoints.log'),
});
const app = async (database: Database, withReplica?: Database) => {
  const a = await buildApp({ database, ...(withReplica && { replica: withReplica }), config: config() });
  apps.push(a);
  return login(a, 'admin');
};

beforeAll(async () => {
  primary = await createTestDatabase();
  replica = await createTestDatabase();
  await seedDemo(primary.db, 44);
  await seedDemo(replica.db, 12);
  // The replica's 宝应县 has no counted projects: its score sheet and tracking must differ.
  await replica.db.execute(sql`delete from assessment_projects where region_id = 'yz-baoying'`);
}, 120_000);
afterAll(async () => {
  for (const a of apps) await a.close();
  await primary?.close();
  await replica?.close();
});

describe('report pages read the replica (DATABASE_REPLICA_URL)', () => {
  it('answers report pages from the replica and everything else from the database', async () => {
    const both = await app(primary, replica);
    const onPrimary = await app(primary);
    const onReplica = await app(replica);
    const reportPages = [
      '/api/v1/dashboard/enterprise-stats', '/api/v1/assessment/2022/scores', '/api/v1/assessment/2022/tracking?month=6',
      '/api/v1/assessment/2022/forecast?month=6', '/api/v1/assessment/2022/bulletins/2', '/api/v1/dashboard/assessment-trend?year=2022',
    ];
    for (const url of reportPages) {
      const [b, p, r] = await Promise.all([both, onPrimary, onReplica].map(async (c) => {
        const res = await c.request('GET', url);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        return res.json() as unknown;
      }));
      expect(b, url).toEqual(r);
      expect(b, url).not.toEqual(p);
    }
    const list = (await both.request('GET', '/api/v1/enterprises?pageSize=1')).json() as { total: number };
    expect(list.total).toBe(44);
    // The replica's dashboard counts its own twelve enterprises.
    expect(JSON.stringify((await both.request('GET', '/api/v1/dashboard/enterprise-stats')).json())).toContain('12');
  });

  it('refuses a replica without a PostgreSQL database, naming the variable', () => {
    const saved = { url: process.env.DATABASE_URL, replica: process.env.DATABASE_REPLICA_URL };
    try {
      delete process.env.DATABASE_URL;
      process.env.DATABASE_REPLICA_URL = 'postgres://replica.example/zgsz';
      expect(() => loadConfig()).toThrow(/DATABASE_REPLICA_URL/);
      process.env.DATABASE_URL = 'postgres://primary.example/zgsz';
      process.env.DATABASE_REPLICA_URL = 'mysql://replica.example/zgsz';
      expect(() => loadConfig()).toThrow(/DATABASE_REPLICA_URL/);
      process.env.DATABASE_REPLICA_URL = 'postgres://replica.example/zgsz';
      expect(loadConfig().replicaUrl).toBe('postgres://replica.example/zgsz');
    } finally {
      if (saved.url === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = saved.url;
      if (saved.replica === undefined) delete process.env.DATABASE_REPLICA_URL; else process.env.DATABASE_REPLICA_URL = saved.replica;
    }
  });
});
