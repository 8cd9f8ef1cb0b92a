// Integration tests run against a real database: an in-memory PGlite by default, or a fresh
// PostgreSQL database created for the test file when DATABASE_URL is set (CI runs both).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type Database, migrateDatabase, migrationsFolder, openDatabase } from '../../src/db/client.ts';
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

/**
 * A migrated, empty PGlite cluster as a dump, made once per set of migrations (and PGlite version)
 * and kept in the temporary folder: an in-memory PGlite otherwise runs initdb and every migration
 * for each test database, over a second each, dozens of times per run.
 */
export function pgliteTemplate(): Promise<Blob> {
  // Kept for the test process (its files run one after another in it): hashing the migrations and
  // reading the 43 MB dump again took ~0.4 s of every test database.
  templateDump ??= readOrMakeTemplate().catch((e: unknown) => {
    templateDump = undefined;
    throw e;
  });
  return templateDump;
}

let templateDump: Promise<Blob> | undefined;

async function readOrMakeTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  // The package's own version (its package.json is not among its exports, so found beside its entry).
  hash.update(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json')));
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (name.endsWith('.sql') || name.endsWith('_journal.json')) hash.update(name).update(readFileSync(join(migrationsFolder, name)));
  }
  const file = join(tmpdir(), `zgsz-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const client = new PGlite();
  try {
    await migrate(drizzle(client) as never, { migrationsFolder });
    const dump = await client.dumpDataDir('none');
    // Written whole, then renamed: a test file starting beside this one never reads half a dump.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  } finally {
    await client.close();
  }
}

export async function createTestDatabase(poolSize = 5): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = serverUrl ? await scratchPostgres(serverUrl, 'zgsz_t') : null;
  const database = await openDatabase(scratch ? { url: scratch.url, poolSize } : { template: await pgliteTemplate() });
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
