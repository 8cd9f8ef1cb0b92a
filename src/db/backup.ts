// Logical backup of every application table to gzipped NDJSON, and its restore. It works the same on
// PGlite and PostgreSQL (a PGlite data directory can be restored into PostgreSQL and back), streams
// table by table so memory stays flat, and restores in one transaction: a failed restore changes
// nothing.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './client.ts';
import { invalid } from '../domain/errors.ts';

const FORMAT = 'zgsz-backup';
const VERSION = 1;

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

export async function backupDatabase(db: Executor, file: string): Promise<Record<string, number>> {
  const tables = await tablesInDependencyOrder(db);
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(`${JSON.stringify(obj)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
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
  await once(out, 'finish');
  return counts;
}

/**
 * Lines of a gzipped file, read lazily. Errors of the file or the gunzip surface in the loop (a
 * corrupt file must fail the restore, not hang it) and nothing is read before the loop asks.
 */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = pipeline(createReadStream(file), createGunzip(), () => {});
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

export async function restoreDatabase(db: Executor, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
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
      for await (const line of readLines(file)) {
        if (!line) continue;
        const obj = JSON.parse(line) as { t?: string; r?: unknown };
        if (!header) {
          const h = obj as Header;
          header = h;
          if (h.format !== FORMAT || h.version !== VERSION) throw invalid('file', '不是 zgsz 备份文件(格式或版本不符)');
          const current = await migrationCount(tx);
          if (h.migrations !== current) {
            throw invalid('file', `备份的数据库结构版本(${h.migrations})与当前(${current})不同,请使用同一版本的程序恢复`);
          }
          await tx.execute(sql.raw(`truncate ${tables.map((t) => ident(t.name)).join(', ')} cascade`));
          continue;
        }
        if (!obj.t || !known.has(obj.t)) throw invalid('file', `备份中有未知的表 ${String(obj.t)}`);
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
