// The embedded PGlite runs with laptop-sized memory settings (issue 11 item 7): the configured
// shared_buffers is what the engine reports, the setting's bounds are checked with a message that
// names it, and the rest of the cluster's configuration (time zone, text search) is left as initdb
// wrote it. Resident-memory figures are measured by `npm run bench -- memory`, not asserted here.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env.ts';
import { type Database, openDatabase, queryRows } from '../src/db/client.ts';
import { createTestDatabase, onPostgres } from './helpers/db.ts';

// SHOW answers in a column named as the setting is spelled (TimeZone, DateStyle): take its one value.
const show = async (database: Database, name: string) =>
  Object.values((await queryRows<Record<string, string>>(database.db, sql.raw(`show ${name}`)))[0]!)[0];

const saved = process.env.ZGSZ_PGLITE_SHARED_BUFFERS_MB;
afterEach(() => {
  if (saved === undefined) delete process.env.ZGSZ_PGLITE_SHARED_BUFFERS_MB;
  else process.env.ZGSZ_PGLITE_SHARED_BUFFERS_MB = saved;
});

describe('ZGSZ_PGLITE_SHARED_BUFFERS_MB', () => {
  it('defaults to 16 MB and takes any whole number of MB from 1 to 1024', () => {
    delete process.env.ZGSZ_PGLITE_SHARED_BUFFERS_MB;
    expect(loadConfig().pgliteSharedBuffersMb).toBe(16);
    for (const value of ['1', '48', '1024']) {
      process.env.ZGSZ_PGLITE_SHARED_BUFFERS_MB = value;
      expect(loadConfig().pgliteSharedBuffersMb).toBe(Number(value));
    }
  });

  it.each(['0', '1025', '-8', '1.5', '16MB', 'abc'])('refuses %s, naming the variable and the range', (value) => {
    process.env.ZGSZ_PGLITE_SHARED_BUFFERS_MB = value;
    expect(() => loadConfig()).toThrow(`环境变量 ZGSZ_PGLITE_SHARED_BUFFERS_MB=${value} 无效:须为 1–1024 之间的整数`);
  });

  it('is refused by openDatabase too when out of range (a caller that skips loadConfig)', async () => {
    await expect(openDatabase({ pgliteSharedBuffersMb: 0 })).rejects.toThrow('ZGSZ_PGLITE_SHARED_BUFFERS_MB=0 无效:须为 1–1024 之间的整数');
    await expect(openDatabase({ pgliteSharedBuffersMb: 4096 })).rejects.toThrow('ZGSZ_PGLITE_SHARED_BUFFERS_MB=4096 无效');
  });
});

describe('the embedded engine applies the settings', () => {
  it('an in-memory database reports the configured shared_buffers and 16MB maintenance_work_mem', async () => {
    const database = await openDatabase({ pgliteSharedBuffersMb: 8 });
    try {
      expect(await show(database, 'shared_buffers')).toBe('8MB');
      expect(await show(database, 'maintenance_work_mem')).toBe('16MB');
      expect(await show(database, 'work_mem')).toBe('4MB');
      // Passed on the command line, so initdb's postgresql.conf still holds (PGlite's postgresqlconf would replace it).
      expect(await show(database, 'timezone')).toBe('UTC');
      expect(await show(database, 'default_text_search_config')).toBe('pg_catalog.english');
      expect(await show(database, 'search_path')).toBe('public');
    } finally {
      await database.close();
    }
  });

  it('without the option it uses the 16 MB default rather than PostgreSQL\'s 128 MB', async () => {
    const database = await openDatabase({});
    try {
      expect(await show(database, 'shared_buffers')).toBe('16MB');
    } finally {
      await database.close();
    }
  });

  it('a new data directory is created (initdb in a child process) and each start takes the current setting', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'zgsz-embedded-memory-')), 'data');
    try {
      const first = await openDatabase({ dataDir, pgliteSharedBuffersMb: 12 });
      try {
        expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
        expect(await show(first, 'shared_buffers')).toBe('12MB');
        await first.db.execute(sql`create table kept (n int)`);
        await first.db.execute(sql`insert into kept values (7)`);
      } finally {
        await first.close();
      }
      const second = await openDatabase({ dataDir, pgliteSharedBuffersMb: 20 });
      try {
        expect(await show(second, 'shared_buffers')).toBe('20MB');
        expect(await queryRows<{ n: number }>(second.db, sql`select n from kept`)).toEqual([{ n: 7 }]);
        expect(await show(second, 'timezone')).toBe('UTC');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  }, 120_000);

  it('the test databases (PGlite from the migrated template, or PostgreSQL untouched) still open', async () => {
    const database = await createTestDatabase();
    try {
      const regions = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from regions`);
      expect(regions[0]!.n).toBeGreaterThan(0);
      // On PostgreSQL the server's own setting stands; the embedded one gets the 16 MB default.
      if (onPostgres) expect(await show(database, 'shared_buffers')).not.toBe('');
      else expect(await show(database, 'shared_buffers')).toBe('16MB');
    } finally {
      await database.close();
    }
  });
});
