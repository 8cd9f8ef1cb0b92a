// A throwaway PostgreSQL database for a bench run, on BENCH_DATABASE_URL or DATABASE_URL's server
// (or the local one); null when no server answers, so the bench can skip its PostgreSQL part.
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database, type OpenOptions } from '../src/db/client.ts';
import { seedRegions } from '../src/db/seed/seed.ts';

export async function scratchPostgres(label: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `zgsz_${label}_bench_${process.pid}`;
  const admin = async (q: string) => { const c = new pg.Client({ connectionString: server }); await c.connect(); await c.query(q); await c.end(); };
  try {
    await admin(`create database ${name}`);
  } catch {
    return null;
  }
  const u = new URL(server);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * Runs `fn` on a migrated scratch PostgreSQL database with the regions and departments seeded,
 * then closes and drops it; prints a line and returns without running when no server answers.
 */
export async function withScratchPostgres(label: string, fn: (database: Database) => Promise<void>, open: Omit<OpenOptions, 'url'> = {}): Promise<void> {
  const scratch = await scratchPostgres(label);
  if (!scratch) {
    console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    return;
  }
  const database = await openDatabase({ ...open, url: scratch.url });
  try {
    await migrateDatabase(database);
    await seedRegions(database.db);
    await fn(database);
  } finally {
    await database.close();
    await scratch.drop();
  }
}
