// Integration tests run against a real database: an in-memory PGlite by default, or a fresh
// PostgreSQL database created for the test file when DATABASE_URL is set (CI runs both).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { seedRegions } from '../../src/db/seed/seed.ts';

export const onPostgres = !!process.env.DATABASE_URL;

/** A new, empty database on the server of `serverUrl`; `drop` removes it. */
export async function scratchPostgres(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export async function createTestDatabase(poolSize = 5): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = serverUrl ? await scratchPostgres(serverUrl, 'zgsz_t') : null;
  const database = await openDatabase(scratch ? { url: scratch.url, poolSize } : {});
  await migrateDatabase(database);
  await seedRegions(database.db);
  if (!scratch) return database;
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
