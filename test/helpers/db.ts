// Integration tests run against a real database: an in-memory PGlite by default, or a fresh
// PostgreSQL database created for the test file when DATABASE_URL is set (CI runs both).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { seedRegions } from '../../src/db/seed/seed.ts';

export const onPostgres = !!process.env.DATABASE_URL;

export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrateDatabase(database);
    await seedRegions(database.db);
    return database;
  }
  const name = `zgsz_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: testUrl.toString(), poolSize: 5 });
  await migrateDatabase(database);
  await seedRegions(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
