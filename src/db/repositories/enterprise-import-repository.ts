// The enterprise import's SQL. The checked rows are copied (COPY, text format) into a temporary
// staging table inside the import's transaction, and merged from there with a few set-based
// statements: the conditional upsert, the certifications and the audit entries each cost one
// statement per import instead of one per batch, and no row travels back to Node unless it names
// an existing file (those need the access check, the comparison and the preview done in Node).
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { queryRows, type Executor } from '../client.ts';
import { certificationsOf, findEnterprisesByUscc } from './enterprise-repository.ts';

const STAGE = 'enterprise_import_stage';

/** The columns a staged row carries, in COPY order. */
const STAGE_COLUMNS = 'seq, row, sheet_version, uscc, name, region_id, industry_code, above_scale, chains, legal_form, contact_name, contact_phone, contact_email, address, certs';

export interface StagedInput {
  uscc: string; name: string; regionId: string; industryCode: string; aboveScale: boolean; chains: string[];
  legalForm: string; contactName: string | null; contactPhone: string | null; contactEmail: string | null;
  address: string | null; certifications: { kind: string; level: string; title: string; year: number }[];
}

/** What stageLine takes: an absent optional field is stored as null, as the upsert always did. */
export type StageLineInput = Omit<StagedInput, 'contactName' | 'contactPhone' | 'contactEmail' | 'address'> & {
  contactName?: string | null | undefined; contactPhone?: string | null | undefined; contactEmail?: string | null | undefined; address?: string | null | undefined;
};

// COPY's text format: backslash, newline, carriage return and tab (the delimiter) are the only
// characters with a meaning; everything else, CJK included, is taken byte for byte.
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIAL_ALL = /[\\\n\r\t]/g;
const COPY_ESCAPE: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const copyText = (s: string | null): string => (s === null ? '\\N' : COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPE[c]!) : s);
/** A text[] literal: every element quoted, so commas, braces and the word NULL stay text. */
const arrayLiteral = (items: string[]) => `{${items.map((x) => `"${x.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/** One staged row as a line of COPY text (with its newline). `seq` is its place among the rows written. */
export function stageLine(seq: number, row: number, sheetVersion: number | undefined, e: StageLineInput): string {
  return [
    String(seq), String(row), sheetVersion === undefined ? '\\N' : String(sheetVersion), copyText(e.uscc), copyText(e.name),
    copyText(e.regionId), copyText(e.industryCode), e.aboveScale ? 't' : 'f', copyText(arrayLiteral(e.chains)), copyText(e.legalForm),
    copyText(e.contactName ?? null), copyText(e.contactPhone ?? null), copyText(e.contactEmail ?? null), copyText(e.address ?? null),
    copyText(JSON.stringify(e.certifications.map((c) => ({ kind: c.kind, level: c.level, title: c.title, year: c.year })))),
  ].join('\t') + '\n';
}

/**
 * The staging table, private to the transaction's connection and dropped at its end (commit or
 * rollback): no migration, nothing left behind by an import that fails or is aborted. The columns
 * after `certs` are filled by the merge.
 */
export async function createImportStage(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(`create temp table ${STAGE} (
    seq integer primary key, row integer not null, sheet_version integer, uscc text not null, name text not null,
    region_id text not null, industry_code text not null, above_scale boolean not null, chains text[] not null,
    legal_form text not null, contact_name text, contact_phone text, contact_email text, address text, certs jsonb not null,
    action text, read_version integer, before jsonb, after jsonb, id uuid
  ) on commit drop`));
}

/** About 10,000 rows of the import sheet. */
const PGLITE_COPY_BYTES = 2 * 1024 * 1024;

type Driver = { kind: 'postgres'; client: PoolClient } | { kind: 'pglite'; client: { query(q: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown> } };

/** The connection under a Drizzle transaction: COPY is not part of Drizzle's API. */
function driverOf(tx: Executor): Driver {
  const client = (tx as unknown as { session: { client: unknown } }).session.client as Record<string, unknown>;
  // node-postgres' PoolClient has a `connection`; PGlite's transaction handle does not.
  if (client && typeof client === 'object' && 'connection' in client) return { kind: 'postgres', client: client as unknown as PoolClient };
  return { kind: 'pglite', client: client as unknown as Extract<Driver, { kind: 'pglite' }>['client'] };
}

/**
 * Copies chunks of staged lines (see stageLine) into the staging table, awaiting `each` after
 * every chunk (progress, abort). On PostgreSQL one COPY … FROM STDIN streams them all; on PGlite
 * each chunk is one COPY … FROM '/dev/blob' (PGlite's COPY reads a Blob handed to the query), so
 * neither holds more than a chunk in memory.
 */
export async function copyIntoImportStage(tx: Executor, chunks: AsyncIterable<Buffer>, each: () => void): Promise<void> {
  const driver = driverOf(tx);
  if (driver.kind === 'pglite') {
    // Each COPY has a fixed cost in PGlite (the blob goes through its virtual file system): chunks
    // are grouped to about PGLITE_COPY_BYTES per statement.
    let group: Buffer[] = [];
    let bytes = 0;
    const copy = async () => {
      if (!group.length) return;
      const blob = new Blob(group);
      const done = group.length;
      group = [];
      bytes = 0;
      await driver.client.query(`copy ${STAGE} (${STAGE_COLUMNS}) from '/dev/blob'`, [], { blob });
      for (let i = 0; i < done; i++) each();
    };
    for await (const chunk of chunks) {
      group.push(chunk);
      bytes += chunk.length;
      if (bytes >= PGLITE_COPY_BYTES) await copy();
    }
    await copy();
  } else {
    const stream = driver.client.query(copyFrom(`copy ${STAGE} (${STAGE_COLUMNS}) from stdin`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    try {
      for await (const chunk of chunks) {
        if (!stream.write(chunk)) await once(stream, 'drain');
        each();
      }
    } catch (e) {
      // Ends the COPY with an error so the connection is usable (and the transaction rolls back).
      stream.destroy(e as Error);
      await done.catch(() => {});
      throw e;
    }
    stream.end();
    await done;
  }
  // Built after the rows are in (one sort, not 100,000 insertions): the merge joins on USCC. No
  // ANALYZE: it cost more (0.2–0.5 s per 10,000 rows on PGlite) than any plan here could gain.
  await tx.execute(sql.raw(`create unique index on ${STAGE} (uscc)`));
}

export type StagedRow = { seq: number; row: number; sheetVersion: number | null; input: StagedInput };

/**
 * The next staged rows (by seq, after `afterSeq`) whose USCC is already on file, with the stored
 * files and their confirmed certifications read the way the rest of the application reads them.
 */
export async function stagedExistingPage(tx: Executor, afterSeq: number, limit: number) {
  const rows = await queryRows<{
    seq: number; row: number; sheet_version: number | null; uscc: string; name: string; region_id: string; industry_code: string;
    above_scale: boolean; chains: string[]; legal_form: string; contact_name: string | null; contact_phone: string | null;
    contact_email: string | null; address: string | null; certs: StagedInput['certifications'] | string;
  }>(tx, sql`select ${sql.raw(STAGE_COLUMNS)} from ${sql.raw(STAGE)} s
    where s.seq > ${afterSeq} and exists (select 1 from enterprises e where e.uscc = s.uscc)
    order by s.seq limit ${limit}`);
  const staged: StagedRow[] = rows.map((r) => ({
    seq: Number(r.seq), row: Number(r.row), sheetVersion: r.sheet_version === null ? null : Number(r.sheet_version),
    input: {
      uscc: r.uscc, name: r.name, regionId: r.region_id, industryCode: r.industry_code, aboveScale: r.above_scale, chains: r.chains,
      legalForm: r.legal_form, contactName: r.contact_name, contactPhone: r.contact_phone, contactEmail: r.contact_email,
      address: r.address, certifications: typeof r.certs === 'string' ? JSON.parse(r.certs) : r.certs,
    },
  }));
  const existing = staged.length ? await findEnterprisesByUscc(tx, staged.map((s) => s.input.uscc)) : [];
  const certs = await certificationsOf(tx, existing.map((e) => e.id));
  return { staged, existing, certs };
}

export interface StagedDecision {
  seq: number;
  action: 'update' | 'unchanged';
  /** The version the import read and compared against (updates only). */
  readVersion?: number;
  before?: unknown;
  after?: unknown;
}

/** Records what Node decided for existing files: updates carry their audit before/after. */
export async function markStagedRows(tx: Executor, decisions: StagedDecision[]): Promise<void> {
  if (!decisions.length) return;
  const payload = decisions.map((d) => ({ seq: d.seq, action: d.action, read_version: d.readVersion ?? null, before: d.before ?? null, after: d.after ?? null }));
  await tx.execute(sql`update ${sql.raw(STAGE)} s set action = d.action, read_version = d.read_version, before = d.before, after = d.after
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as d(seq integer, action text, read_version integer, before jsonb, after jsonb)
    where s.seq = d.seq`);
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Inserts the new files and updates the changed ones in one upsert on USCC: an existing file is
 * only updated while still at the version the import read (`read_version`; a new file: 1), so an
 * edit saved since is never overwritten — the upsert waits for the editor's row lock, then finds
 * the new version and leaves the row. Each written row gets its id,
 * and a new file its audit `after` (an update's was computed in Node). Returns the staged rows
 * that were refused because their file changed meanwhile, by seq.
 */
export async function mergeImportStage(tx: Executor, now: Date): Promise<{ seq: number; row: number }[]> {
  const at = now.toISOString();
  await tx.execute(sql`with up as (
      insert into enterprises (uscc, name, region_id, industry_code, above_scale, chains, legal_form, contact_name,
        contact_phone, contact_email, address, version, created_at, updated_at)
      select uscc, name, region_id, industry_code, above_scale, chains, legal_form, contact_name,
        contact_phone, contact_email, address, coalesce(read_version, 1), ${at}::timestamptz, ${at}::timestamptz
      from ${sql.raw(STAGE)} where action is null or action = 'update'
      order by seq
      on conflict (uscc) do update set name = excluded.name, region_id = excluded.region_id,
        industry_code = excluded.industry_code, above_scale = excluded.above_scale, chains = excluded.chains,
        legal_form = excluded.legal_form, contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,
        contact_email = excluded.contact_email, address = excluded.address, version = enterprises.version + 1,
        updated_at = excluded.updated_at
      where enterprises.version = excluded.version
      returning id, uscc, version, created_at, updated_at)
    update ${sql.raw(STAGE)} s set id = up.id, after = case when s.action = 'update' then s.after else jsonb_build_object(
        'id', up.id, 'uscc', s.uscc, 'name', s.name, 'regionId', s.region_id, 'industryCode', s.industry_code,
        'aboveScale', s.above_scale, 'chains', to_jsonb(s.chains), 'legalForm', s.legal_form, 'contactName', s.contact_name,
        'contactPhone', s.contact_phone, 'contactEmail', s.contact_email, 'address', s.address, 'certifications', s.certs,
        'version', up.version,
        'createdAt', to_char(up.created_at at time zone 'UTC', ${sql.raw(ISO)}),
        'updatedAt', to_char(up.updated_at at time zone 'UTC', ${sql.raw(ISO)})) end
    from up where s.uscc = up.uscc`);
  const refused = await queryRows<{ seq: number; row: number }>(tx, sql`select seq, row from ${sql.raw(STAGE)}
    where (action is null or action = 'update') and id is null order by seq`);
  return refused.map((r) => ({ seq: Number(r.seq), row: Number(r.row) }));
}

/** Replaces the confirmed certifications of the written files with the imported lists, in their order. */
export async function replaceStagedCertifications(tx: Executor): Promise<void> {
  await tx.execute(sql`delete from certifications c using ${sql.raw(STAGE)} s
    where s.action = 'update' and c.enterprise_id = s.id and c.status = 'confirmed'`);
  await tx.execute(sql`insert into certifications (enterprise_id, kind, level, title, year)
    select s.id, x.kind, x.level, x.title, x.year
    from ${sql.raw(STAGE)} s
    cross join lateral rows from (jsonb_to_recordset(s.certs) as (kind text, level text, title text, year integer)) with ordinality as x(kind, level, title, year, n)
    where (s.action is null or s.action = 'update') and jsonb_array_length(s.certs) > 0
    order by s.seq, x.n`);
}

/** Counts of the written rows by action, after the merge. */
export async function stagedCounts(tx: Executor): Promise<{ created: number; updated: number }> {
  const [r] = await queryRows<{ created: number | string; updated: number | string }>(tx, sql`select
      count(*) filter (where action is null) as created, count(*) filter (where action = 'update') as updated
    from ${sql.raw(STAGE)}`);
  return { created: Number(r?.created ?? 0), updated: Number(r?.updated ?? 0) };
}

/**
 * The audit entries of the written rows, in row order, as a subquery for appendAuditPendingFrom:
 * import_create / import_update on the enterprise, before (null for a new file) and after.
 */
export const stagedAuditEntries = () => sql`select s.seq as ord,
    case when s.action = 'update' then 'import_update' else 'import_create' end as action,
    'enterprise' as entity, s.id::text as entity_id, s.before, s.after
  from ${sql.raw(STAGE)} s where s.action is null or s.action = 'update'`;
