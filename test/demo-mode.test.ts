import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config/env.ts';
import type { Database } from '../src/db/client.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, config: loadConfig(), demo: true });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('a system started with --demo', () => {
  it('lists the demo accounts and their password in /health for the login page', async () => {
    const health = (await app.inject({ method: 'GET', url: '/api/v1/health' })).json();
    expect(health.demo.password).toBe(DEMO_PASSWORD);
    expect(health.demo.accounts.map((a: { username: string }) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
  });
});
