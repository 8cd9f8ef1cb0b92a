// One database API over two engines: embedded PGlite (a fresh machine needs no server) and a real
// PostgreSQL (DATABASE_URL). Both run the same migrations and the same Drizzle queries.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle or the database itself: repositories accept either. */
export type Executor = Pick<Db, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute' | 'query' | 'transaction'>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human-readable location for logs: a directory, 'memory' or the URL without its password. */
  location: string;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface OpenOptions {
  /** postgres:// URL; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; omit (with url unset) for an in-memory database. */
  dataDir?: string | undefined;
  poolSize?: number;
  /** PGlite only: start from this dump (PGlite's dumpDataDir) instead of an empty cluster. */
  template?: Blob | undefined;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // A connection the server ends (restart, failover, pg_terminate_backend) emits 'error' on its
    // client; unhandled, that would crash the process. The pool drops the broken client and the
    // next query opens a new one, so a warning is all that is needed.
    const onConnectionError = (err: Error) => console.warn(`数据库连接中断 (database connection lost): ${err.message}`);
    pool.on('error', onConnectionError);
    pool.on('connect', (client) => client.on('error', onConnectionError));
    // Fail at open, not at the first request, when the server is unreachable.
    const probe = await pool.connect();
    probe.release();
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      kind: 'postgres',
      location: opts.url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@'),
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.template ? new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.template }) : opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    location: opts.dataDir ?? 'memory',
    close: () => client.close(),
  };
}

/** Applies every committed migration not yet applied. Safe to call on each start. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  // Several app instances may start at once against one PostgreSQL: serialise their migrations.
  await database.db.execute(sql`select pg_advisory_lock(727274)`);
  try {
    await migratePg(database.db as never, { migrationsFolder });
  } finally {
    await database.db.execute(sql`select pg_advisory_unlock(727274)`);
  }
}

/** Raw SQL returning rows, typed by the caller; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
