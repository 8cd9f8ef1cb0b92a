// One database API over two engines: embedded PGlite (a fresh machine needs no server) and a real
// PostgreSQL (DATABASE_URL). Both run the same migrations and the same Drizzle queries.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DB_POOL_SIZE_DEFAULT, NAMED_STATEMENTS_DEFAULT, PGLITE_SHARED_BUFFERS_DEFAULT_MB, PGLITE_SHARED_BUFFERS_MAX_MB } from '../config/env.ts';
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
  /** PostgreSQL: connections kept at most (default DB_POOL_SIZE_DEFAULT). */
  poolSize?: number;
  /** PGlite only: start from this dump (PGlite's dumpDataDir) instead of an empty cluster. */
  template?: Blob | undefined;
  /** PGlite only: shared_buffers in MB (default PGLITE_SHARED_BUFFERS_DEFAULT_MB). */
  pgliteSharedBuffersMb?: number | undefined;
  /** PostgreSQL only: how many statement texts are run as named statements (ZGSZ_NAMED_STATEMENTS; 0: none). */
  namedStatements?: number | undefined;
}

/**
 * Laptop-sized settings for the embedded engine (PostgreSQL's defaults are for a server, and every
 * buffer lives in a WASM heap that never shrinks). work_mem and temp_buffers keep PostgreSQL's 4 MB
 * and 8 MB; maintenance_work_mem (index builds in migrations) drops from 64 MB to 16 MB. Passed on
 * the command line, after PGlite's own start parameters: its `postgresqlconf` option would replace
 * the cluster's whole postgresql.conf (time zone, text search configuration, locales).
 */
export function pgliteSettings(sharedBuffersMb = PGLITE_SHARED_BUFFERS_DEFAULT_MB): string[] {
  if (!Number.isInteger(sharedBuffersMb) || sharedBuffersMb < 1 || sharedBuffersMb > PGLITE_SHARED_BUFFERS_MAX_MB) {
    throw new Error(`ZGSZ_PGLITE_SHARED_BUFFERS_MB=${sharedBuffersMb} 无效:须为 1–${PGLITE_SHARED_BUFFERS_MAX_MB} 之间的整数 (MB) (invalid ZGSZ_PGLITE_SHARED_BUFFERS_MB)`);
  }
  return [`shared_buffers=${sharedBuffersMb}MB`, 'maintenance_work_mem=16MB', 'work_mem=4MB', 'temp_buffers=8MB'].flatMap((setting) => ['-c', setting]);
}

// PGlite sends bytea in PostgreSQL's hex text form, converting byte by byte in JavaScript (a string
// per byte, then parseInt per pair on the way back): writing took ~0.6 s per MiB here (16 MiB:
// 9.4 s), so a 20 MB workbook queued for import held the embedded database for 12 s. Node's hex
// codec does the same conversion in native code: 16 MiB written in 0.9 s, read in 0.2 s.
const BYTEA_OID = 17;
const BYTEA_SERIALIZER = {
  [BYTEA_OID]: (v: Uint8Array) => `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`,
};
const BYTEA_PARSER = { [BYTEA_OID]: (text: string) => Buffer.from(text.slice(2), 'hex') };

/**
 * Creates a new PGlite cluster in `dataDir` in a child process. PGlite's initdb runs a second
 * PGlite and the initdb WASM module beside the one that stays open; in the server's own process
 * their heaps and compiled code leave over 100 MB resident for good (measured, docs/ARCHITECTURE.md).
 */
async function initClusterApart(dataDir: string): Promise<void> {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)}); const c = new PGlite(${JSON.stringify(dataDir)}); await c.waitReady; await c.close();`;
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], { maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new Error(`无法在 ${dataDir} 创建内嵌数据库 (initdb failed)${stderr ? `: ${stderr.split('\n').slice(-5).join(' ')}` : ''}`, { cause: e });
  }
}

const embedded = new WeakSet<object>();

/**
 * True for the embedded database's handle: one connection, so work that would hold it for long (a
 * cursor over the whole file) must be cut into short statements that other requests interleave with.
 */
export const isEmbedded = (db: object): boolean => embedded.has(db);

/**
 * Statement texts given a name on first use (process-wide, so every connection names a text alike).
 * A named statement is parsed once per connection and its plan can be kept; unnamed, PostgreSQL
 * parses, analyses and plans it on every call, which was most of what a short read cost: the
 * session check ran at 4,000/s unnamed and 15,600/s named (pgbench, 2 clients, this machine).
 */
const statementNames = new Map<string, number>();
/**
 * By default at most this many texts are named: each is kept by every connection that ran it (in
 * Node and on the server), and a text built with a varying number of parameters (a batch insert)
 * would otherwise add one per size. Texts past the limit run unnamed, as before.
 */
export const MAX_NAMED_STATEMENTS = NAMED_STATEMENTS_DEFAULT;
/** Only single plain statements (no ';'): a name switches to the extended protocol, which refuses a script. */
const NAMEABLE = /^\s*(select|with|insert|update|delete)\b/i;

export function statementName(text: string, limit = MAX_NAMED_STATEMENTS): string | undefined {
  let index = statementNames.get(text);
  if (index === undefined && statementNames.size < limit && text.length <= 16_384 && NAMEABLE.test(text) && !text.includes(';')) {
    index = statementNames.size;
    statementNames.set(text, index);
  }
  // A pool with a lower limit than another in the same process uses only the names within its own.
  return index !== undefined && index < limit ? `zgsz_${index}` : undefined;
}

/** A pg client class that names the statements it is given (see statementName); cursors and COPY pass as they are. */
function preparingClient(limit: number): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    // pg's overloads cannot be restated here; the arguments are passed on untouched except for the name.
    override query(config: unknown, ...rest: unknown[]): never {
      if (config && typeof config === 'object' && !('submit' in config) && typeof (config as pg.QueryConfig).text === 'string' && !(config as pg.QueryConfig).name) {
        const name = statementName((config as pg.QueryConfig).text, limit);
        if (name) config = { ...config, name };
      }
      return (super.query as (...a: unknown[]) => never)(config, ...rest);
    }
  };
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? DB_POOL_SIZE_DEFAULT, Client: preparingClient(opts.namedStatements ?? MAX_NAMED_STATEMENTS) });
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
  const startParams = [...PGlite.defaultStartParams, ...pgliteSettings(opts.pgliteSharedBuffersMb)];
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    if (!opts.template && !existsSync(join(opts.dataDir, 'PG_VERSION'))) await initClusterApart(opts.dataDir);
  }
  const client = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.template, startParams, serializers: BYTEA_SERIALIZER, parsers: BYTEA_PARSER });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  embedded.add(db);
  return {
    db,
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

/** A transaction handle (as opposed to the database itself): its reads may see its own uncommitted writes. */
export const isTransaction = (db: Executor): boolean => db instanceof PgTransaction;

/**
 * Independent reads: sent together on the database (a pool runs them side by side, each on a
 * connection of its own), one after another on a transaction, which is one connection: pg queues a
 * query sent while another runs only with a deprecation warning, and pg 9 will refuse it.
 */
export async function readAll<T extends readonly unknown[] | []>(db: Executor, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const list = reads as readonly (() => Promise<unknown>)[];
  if (!isTransaction(db)) return (await Promise.all(list.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of list) out.push(await read());
  return out as unknown as T;
}

/** Raw SQL returning rows, typed by the caller; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
