// ZGSZ_DB_POOL_SIZE: how many PostgreSQL connections one process (the CLI, or each worker of
// `zgsz serve`) keeps at most. Checked by what the server sees: concurrent statements that each
// sleep share the configured number of backends, and wait for one rather than open another.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DB_POOL_SIZE_DEFAULT, loadConfig } from '../../src/config/env.ts';
import { queryRows } from '../../src/db/client.ts';
import { openConfiguredDatabase } from '../../src/cli/run.ts';
import { scratchPostgres } from '../helpers/db.ts';

let scratch: { url: string; drop: () => Promise<void> };
const saved = { url: process.env.DATABASE_URL, size: process.env.ZGSZ_DB_POOL_SIZE };
beforeAll(async () => { scratch = await scratchPostgres(process.env.DATABASE_URL!, 'zgsz_pool'); });
afterEach(() => {
  process.env.DATABASE_URL = saved.url;
  if (saved.size === undefined) delete process.env.ZGSZ_DB_POOL_SIZE;
  else process.env.ZGSZ_DB_POOL_SIZE = saved.size;
});
afterAll(async () => { await scratch?.drop(); });

/** The distinct backends that `n` statements sent at once ran on. */
async function backendsFor(n: number): Promise<number> {
  process.env.DATABASE_URL = scratch.url;
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const pids = await Promise.all(Array.from({ length: n }, async () => {
      const [row] = await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid, pg_sleep(0.15)`);
      return row!.pid;
    }));
    return new Set(pids).size;
  } finally {
    await database.close();
  }
}

describe('ZGSZ_DB_POOL_SIZE', () => {
  it('defaults to 4 connections per process and takes any whole number from 1 to 100', () => {
    delete process.env.ZGSZ_DB_POOL_SIZE;
    expect(loadConfig().dbPoolSize).toBe(4);
    expect(DB_POOL_SIZE_DEFAULT).toBe(4);
    for (const value of ['1', '12', '100']) {
      process.env.ZGSZ_DB_POOL_SIZE = value;
      expect(loadConfig().dbPoolSize).toBe(Number(value));
    }
  });

  it.each(['0', '101', '-2', '2.5', 'ten'])('refuses %s, naming the variable and the range', (value) => {
    process.env.ZGSZ_DB_POOL_SIZE = value;
    expect(() => loadConfig()).toThrow(`环境变量 ZGSZ_DB_POOL_SIZE=${value} 无效:须为 1–100 之间的整数`);
  });

  it('ten statements at once run on the 4 connections of the default, never more', async () => {
    delete process.env.ZGSZ_DB_POOL_SIZE;
    expect(await backendsFor(10)).toBe(4);
  });

  it('with ZGSZ_DB_POOL_SIZE=2 the same ten share 2 connections, and with 7, seven', async () => {
    process.env.ZGSZ_DB_POOL_SIZE = '2';
    expect(await backendsFor(10)).toBe(2);
    process.env.ZGSZ_DB_POOL_SIZE = '7';
    expect(await backendsFor(10)).toBe(7);
  });
});
