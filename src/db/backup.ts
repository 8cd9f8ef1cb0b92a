// Logical backup of every application table to gzipped NDJSON, encrypted (backup-cipher.ts), and its
// restore. It works the same on PGlite and PostgreSQL (a PGlite data directory can be restored into
// PostgreSQL and back), streams table by table so memory stays flat, and restores in one
// transaction: a failed restore changes nothing. An encrypted file is authenticated whole before the
// restore starts, and each segment again as it is read.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { pipeline, Writable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './client.ts';
import { invalid } from '../domain/errors.ts';
import { isSealed, MAGIC, OpenStream, SealStream } from './backup-cipher.ts';

const FORMAT = 'zgsz-backup';
/** 2: sessions and sign-in counters left out. A version-1 file (development, unencrypted) still restores without them. */
const VERSION = 2;
const READABLE_VERSIONS = [1, 2];

/**
 * Left out of every backup: sessions with their CSRF tokens (live credentials) and the sign-in
 * counters. A restore empties them with everything else, so everybody signs in again. Also the
 * files exports wrote (`job_outputs`): copies of data the backup holds anyway, as large as the file
 * itself; after a restore those exports say their file has expired.
 */
export const NOT_BACKED_UP: ReadonlySet<string> = new Set(['sessions', 'login_throttle', 'job_outputs']);

/** A backup is encrypted with the backup key unless a developer explicitly asks for a plain one. */
export type BackupProtection = { key: Buffer } | { unencrypted: true };

export interface RestoreOptions {
  /** ZGSZ_BACKUP_KEY, needed for an encrypted backup. */
  key: Buffer | null;
  /** Accept a plain (unencrypted, unauthenticated) backup: development only. */
  allowUnencrypted?: boolean;
}

interface TableInfo {
  name: string;
  pk: string[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Public tables ordered so that every table comes after the tables its foreign keys point to. */
async function tablesInDependencyOrder(db: Executor): Promise<TableInfo[]> {
  const tables = await queryRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const deps = await queryRows<{ child: string; parent: string }>(db, sql`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`);
  const pks = await queryRows<{ tbl: string; col: string }>(db, sql`
    select i.indrelid::regclass::text as tbl, a.attname as col
    from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    where i.indisprimary and n.nspname = 'public' order by a.attnum`);
  const strip = (s: string) => s.replace(/^"|"$/g, '');
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const d of deps) if (strip(d.child) === t && strip(d.parent) !== t) visit(strip(d.parent));
    ordered.push(t);
  };
  tables.forEach((t) => visit(t.name));
  return ordered.map((name) => ({ name, pk: pks.filter((p) => strip(p.tbl) === name).map((p) => p.col) }));
}

async function migrationCount(db: Executor): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(r?.n ?? 0);
}

export async function backupDatabase(db: Executor, file: string, protection: BackupProtection): Promise<Record<string, number>> {
  const tables = (await tablesInDependencyOrder(db)).filter((t) => !NOT_BACKED_UP.has(t.name));
  const gzip = createGzip();
  // 0600: the file holds every enterprise's and user's data, even encrypted.
  const out = createWriteStream(file, { mode: 0o600 });
  const written = 'key' in protection ? pipelineAsync(gzip, new SealStream(protection.key), out) : pipelineAsync(gzip, out);
  const write = async (obj: unknown) => {
    if (!gzip.write(`${JSON.stringify(obj)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  try {
    // One snapshot for every table, so rows written during the backup cannot half-appear.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      await write({ format: FORMAT, version: VERSION, migrations: await migrationCount(tx), createdAt: new Date().toISOString(), tables: tables.map((t) => t.name) });
      for (const t of tables) {
        counts[t.name] = 0;
        const order = t.pk.length ? t.pk.map(ident).join(', ') : '1';
        for (let offset = 0; ; offset += 5000) {
          const rows = await queryRows<{ j: string }>(tx, sql.raw(`select row_to_json(t)::text as j from ${ident(t.name)} t order by ${order} limit 5000 offset ${offset}`));
          for (const r of rows) await write({ t: t.name, r: JSON.parse(r.j) });
          counts[t.name] = (counts[t.name] ?? 0) + rows.length;
          if (rows.length < 5000) break;
        }
      }
    });
    gzip.end();
    await written;
  } catch (e) {
    gzip.destroy();
    await written.catch(() => undefined);
    // No half-written file that looks like a backup.
    await rm(file, { force: true });
    throw e;
  }
  return counts;
}

/**
 * Lines of a backup file (decrypted when `key` is given, then gunzipped), read lazily. Errors of the
 * file, the decryption or the gunzip surface in the loop (a corrupt file must fail the restore, not
 * hang it) and nothing is read before the loop asks.
 */
async function* readLines(file: string, key: Buffer | null): AsyncGenerator<string> {
  const input = key
    ? pipeline(createReadStream(file), new OpenStream(key), createGunzip(), () => {})
    : pipeline(createReadStream(file), createGunzip(), () => {});
  // The decoder keeps a multi-byte character that straddles two chunks whole.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    rest += decoder.write(chunk as Buffer);
    const parts = rest.split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  rest += decoder.end();
  if (rest) yield rest;
}

async function startsSealed(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    return isSealed(start.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Refuses, before the database is touched, a backup that cannot be restored as it is: an encrypted
 * one without the key or whose authentication fails anywhere (decrypted whole, plaintext dropped),
 * a plain one unless plain backups are allowed. Returns the key to read it with.
 */
async function checkBackupFile(file: string, options: RestoreOptions): Promise<Buffer | null> {
  if (!(await startsSealed(file))) {
    if (options.allowUnencrypted) return null;
    throw invalid('file', '备份文件未加密(或不是 zgsz 备份):生产环境只恢复用 ZGSZ_BACKUP_KEY 加密的备份;开发环境可加 --unencrypted 恢复未加密的备份');
  }
  if (!options.key) throw invalid('ZGSZ_BACKUP_KEY', '这是加密的备份:须设置备份时所用的 ZGSZ_BACKUP_KEY 才能恢复');
  await pipelineAsync(createReadStream(file), new OpenStream(options.key), new Writable({ write: (_chunk, _enc, done) => done() }));
  return options.key;
}

export async function restoreDatabase(db: Executor, file: string, options: RestoreOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const key = await checkBackupFile(file, options);
  try {
    await db.transaction(async (tx) => {
      const tables = await tablesInDependencyOrder(tx);
      const known = new Set(tables.map((t) => t.name));
      type Header = { format?: string; version?: number; migrations?: number };
      let header: Header | null = null;
      let batch: unknown[] = [];
      let batchTable = '';
      const flush = async () => {
        if (!batch.length) return;
        await tx.execute(sql`insert into ${sql.identifier(batchTable)} select * from json_populate_recordset(null::${sql.identifier(batchTable)}, ${JSON.stringify(batch)}::json)`);
        counts[batchTable] = (counts[batchTable] ?? 0) + batch.length;
        batch = [];
      };
      for await (const line of readLines(file, key)) {
        if (!line) continue;
        const obj = JSON.parse(line) as { t?: string; r?: unknown };
        if (!header) {
          const h = obj as Header;
          header = h;
          if (h.format !== FORMAT || !READABLE_VERSIONS.includes(h.version ?? NaN)) throw invalid('file', '不是 zgsz 备份文件(格式或版本不符)');
          const current = await migrationCount(tx);
          if (h.migrations !== current) {
            throw invalid('file', `备份的数据库结构版本(${h.migrations})与当前(${current})不同,请使用同一版本的程序恢复`);
          }
          // The audit tables refuse TRUNCATE (trigger *_no_truncate); a restore replaces the log on
          // purpose, so it lifts the refusal for this transaction only (rolled back with it on failure).
          const noTruncate = ['alter table audit_log disable trigger audit_log_no_truncate', 'alter table audit_pending disable trigger audit_pending_no_truncate'];
          for (const s of noTruncate) await tx.execute(sql.raw(s));
          await tx.execute(sql.raw(`truncate ${tables.map((t) => ident(t.name)).join(', ')} cascade`));
          for (const s of noTruncate) await tx.execute(sql.raw(s.replace('disable', 'enable always')));
          continue;
        }
        if (!obj.t || !known.has(obj.t)) throw invalid('file', `备份中有未知的表 ${String(obj.t)}`);
        // An older backup's sessions stay out: a restore signs everybody out.
        if (NOT_BACKED_UP.has(obj.t)) continue;
        if (obj.t !== batchTable) {
          await flush();
          batchTable = obj.t;
        }
        batch.push(obj.r);
        if (batch.length >= 1000) await flush();
      }
      await flush();
      if (!header) throw invalid('file', '备份文件为空');
    });
  } catch (e) {
    if (e instanceof Error && /incorrect header check|unexpected end of file|Unexpected token|JSON/.test(e.message)) {
      throw invalid('file', `备份文件已损坏或不是 gzip 格式的 zgsz 备份:${e.message}`);
    }
    throw e;
  }
  return counts;
}
