// Streaming, all-or-nothing import of the enterprise file from .xlsx. Rows are validated as they
// stream and written in batches inside one transaction, so memory stays flat on a 100,000-row file
// and a file with any bad row (or a crash midway) leaves the database as it was. Every error is
// reported with its row, column and a Chinese message.
import { type Readable, Transform } from 'node:stream';
import ExcelJS from '../../lib/exceljs.ts';
import { sql } from 'drizzle-orm';
import { type Db, type Executor, queryRows } from '../../db/client.ts';
import { type AuditEntry, appendAuditBatch } from '../../db/repositories/audit-repository.ts';
import { certificationsOf } from '../../db/repositories/enterprise-repository.ts';
import { enterprises } from '../../db/schema/enterprises.ts';
import type { Actor } from '../../domain/actor.ts';
import { type EnterpriseCreateInput, enterpriseCreateSchema } from '../../domain/enterprise/enterprise-input.ts';
import { invalid } from '../../domain/errors.ts';
import { canWriteRegion, assertPermission } from '../../server/access/rules.ts';
import { cellText } from '../../lib/excel-cell.ts';
import { canonicalJson } from '../../domain/audit/hash-chain.ts';
import { COLUMNS, type ColumnKey, rowToInput } from './enterprise-columns.ts';
import { presentEnterprise } from './enterprise-presenter.ts';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  committed: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

export interface ImportProgress {
  rows: number;
  bytes: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

const FIELD_COLUMN: Record<string, ColumnKey> = { regionId: 'region' };
/**
 * Where a spreadsheet is filled differently from the JSON API (names and 是/否 rather than ids and
 * booleans), the message says what to write in the cell.
 */
const SHEET_MESSAGES: Record<string, string> = {
  regionId: '所属地区须填地区名称(如 宝应县、昆山市、苏州工业园区)或编号(如 yz-baoying)',
  aboveScale: '是否规上须填“是”或“否”',
  legalForm: '法人类型须填“独立法人”或“分支机构”',
};
const HEADER_OF = new Map<string, string>(COLUMNS.map((c) => [c.key, c.header]));
const REQUIRED: ColumnKey[] = ['uscc', 'name', 'region', 'industryCode', 'aboveScale', 'legalForm'];

class Rollback extends Error {}

interface PendingRow {
  row: number;
  input: EnterpriseCreateInput;
}

function mapHeader(values: unknown[]): Map<number, ColumnKey> | RowError[] {
  const byHeader = new Map<string, ColumnKey>(COLUMNS.flatMap((c) => [[c.header, c.key], [c.key, c.key]] as [string, ColumnKey][]));
  const map = new Map<number, ColumnKey>();
  values.forEach((v, i) => {
    const key = byHeader.get(cellText(v));
    if (key) map.set(i, key);
  });
  const found = new Set(map.values());
  const missing = REQUIRED.filter((k) => !found.has(k));
  if (missing.length) {
    return missing.map((k) => ({ row: 1, column: HEADER_OF.get(k)!, message: `缺少列“${HEADER_OF.get(k)}”:第1行须为表头,可先导出一份作为模板` }));
  }
  return map;
}

export async function importEnterprises(db: Db, actor: Actor, source: Readable, options: ImportOptions = {}): Promise<ImportReport> {
  assertPermission(actor, 'enterprises.import');
  const batchSize = options.batchSize ?? 1000;
  const report: ImportReport = { dryRun: !!options.dryRun, committed: false, rows: 0, created: 0, updated: 0, unchanged: 0, errors: [] };
  let bytes = 0;
  // Counting in a transform (not a 'data' listener) keeps the stream paused until the reader is
  // attached, which on PostgreSQL happens only after the transaction has begun.
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  source.on('error', (e) => counted.destroy(e));
  source.pipe(counted);

  try {
    await db.transaction(async (tx) => {
      const seen = new Map<string, number>();
      let pending: PendingRow[] = [];
      // One batch is written while the next is read and validated: on PostgreSQL the database
      // works on the other core meanwhile. Batches never share a USCC (checked below), so their
      // order does not matter; statements on the one transaction connection run in order anyway.
      let inFlight: Promise<void> = Promise.resolve();
      try {
        const header = await readRows(counted, (rowNumber, cells) => {
          report.rows++;
          if (report.rows % 1000 === 0) options.onProgress?.({ rows: report.rows, bytes });
          const input = validateRow(rowNumber, cells, seen, actor, report.errors);
          // Once a row is bad nothing will be kept, so stop writing and only keep validating.
          if (!input || report.errors.length) return null;
          pending.push({ row: rowNumber, input });
          if (pending.length < batchSize) return null;
          const batch = pending;
          pending = [];
          return inFlight.then(() => {
            inFlight = flush(tx, actor, batch, report);
            inFlight.catch(() => {}); // awaited below; this only marks it handled meanwhile
          });
        });
        if (header.length) report.errors.push(...header);
      } finally {
        // Never leave the transaction while a batch is still being written: its statements would
        // otherwise run after the ROLLBACK, outside any transaction.
        await inFlight.catch(() => {});
      }
      await inFlight;
      if (report.errors.length === 0) await flush(tx, actor, pending, report);
      options.onProgress?.({ rows: report.rows, bytes });
      if (report.errors.length > 0 || report.dryRun) throw new Rollback();
    });
    report.committed = true;
  } catch (e) {
    if (!(e instanceof Rollback)) {
      if (e instanceof Error && /zip|end of central directory|invalid signature|Corrupted/i.test(e.message)) {
        throw invalid('file', '文件不是有效的 .xlsx 工作簿 (not a valid .xlsx file)');
      }
      throw e;
    }
  }
  if (report.errors.length > 0) report.created = report.updated = report.unchanged = 0;
  return report;
}

/**
 * Streams the first worksheet: maps the header row to columns, then hands each non-empty row's
 * cell texts to onRow (awaiting it when it returns a promise). Returns header errors, if any.
 */
async function readRows(source: Readable, onRow: (row: number, cells: Record<ColumnKey, string>) => Promise<void> | null): Promise<RowError[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
  });
  let columns: Map<number, ColumnKey> | null = null;
  for await (const sheet of reader) {
    // Only the first worksheet holds the data; further sheets (notes, lists) are ignored.
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1);
      if (!columns) {
        const mapped = mapHeader(values);
        if (Array.isArray(mapped)) return mapped;
        columns = mapped;
        continue;
      }
      if (values.every((v) => cellText(v) === '')) continue;
      const cells = Object.fromEntries(COLUMNS.map((c) => [c.key, ''])) as Record<ColumnKey, string>;
      for (const [i, key] of columns) cells[key] = cellText(values[i]);
      const wait = onRow(row.number, cells);
      if (wait) await wait;
    }
    break;
  }
  return columns ? [] : [{ row: 1, column: '', message: '工作簿为空:第一个工作表须有表头和数据行' }];
}

/** Validates one row; pushes its errors and returns null, or returns the normalised input. */
function validateRow(rowNumber: number, cells: Record<ColumnKey, string>, seen: Map<string, number>, actor: Actor, errors: RowError[]): EnterpriseCreateInput | null {
  const parsed = enterpriseCreateSchema.safeParse(rowToInput(cells));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'uscc');
      const column = HEADER_OF.get(FIELD_COLUMN[field] ?? field) ?? field;
      const where = issue.path.length > 1 ? `第${Number(issue.path[1]) + 1}项:` : '';
      errors.push({ row: rowNumber, column, message: where + (SHEET_MESSAGES[field] ?? issue.message) });
    }
    return null;
  }
  const input = parsed.data;
  const dup = seen.get(input.uscc);
  if (dup) {
    errors.push({ row: rowNumber, column: HEADER_OF.get('uscc')!, message: `统一社会信用代码与第${dup}行重复` });
    return null;
  }
  seen.set(input.uscc, rowNumber);
  if (!canWriteRegion(actor, input.regionId)) {
    errors.push({ row: rowNumber, column: HEADER_OF.get('region')!, message: '只能导入本地区的企业' });
    return null;
  }
  return input;
}

/** Equal files regardless of the order certifications are listed in. */
function sameFile(a: { certifications: object[] }, b: { certifications: object[] }): boolean {
  const norm = (x: { certifications: object[] }) => canonicalJson({ ...x, certifications: x.certifications.map(canonicalJson).sort() });
  return norm(a) === norm(b);
}

/** Upserts one batch on USCC; unchanged rows are left alone so a re-import writes nothing. */
async function flush(tx: Executor, actor: Actor, batch: PendingRow[], report: ImportReport): Promise<void> {
  if (!batch.length) return;
  const existing = await tx.select().from(enterprises)
    .where(sql`${enterprises.uscc} in (select jsonb_array_elements_text(${JSON.stringify(batch.map((b) => b.input.uscc))}::jsonb))`);
  const byUscc = new Map(existing.map((e) => [e.uscc, e]));
  const certs = await certificationsOf(tx, existing.map((e) => e.id));
  const changed: PendingRow[] = [];
  const before = new Map<string, ReturnType<typeof presentEnterprise>>();
  for (const item of batch) {
    const old = byUscc.get(item.input.uscc);
    if (!old) {
      changed.push(item);
      continue;
    }
    if (!canWriteRegion(actor, old.regionId)) {
      report.errors.push({ row: item.row, column: HEADER_OF.get('uscc')!, message: '该企业已在其他地区建档,不能由本地区导入修改' });
      continue;
    }
    const view = presentEnterprise(old, certs.get(old.id));
    const { version: _v, id: _i, createdAt: _c, updatedAt: _u, ...comparable } = view;
    if (sameFile(comparable, { ...comparable, ...item.input })) {
      report.unchanged++;
      continue;
    }
    before.set(item.input.uscc, view);
    changed.push(item);
  }
  if (report.errors.length || !changed.length) return;

  // One JSON parameter per statement instead of 15 bind parameters per row: building a
  // 15,000-parameter query dominated the import's time.
  const now = new Date().toISOString();
  const payload = changed.map(({ input: e }) => ({
    uscc: e.uscc, name: e.name, region_id: e.regionId, industry_code: e.industryCode, above_scale: e.aboveScale,
    chains: e.chains, legal_form: e.legalForm, contact_name: e.contactName ?? null, contact_phone: e.contactPhone ?? null,
    contact_email: e.contactEmail ?? null, address: e.address ?? null, created_at: now, updated_at: now,
  }));
  const rows = await queryRows<{ id: string; uscc: string; version: number; created_at: string | Date; updated_at: string | Date }>(tx, sql`
    insert into enterprises (uscc, name, region_id, industry_code, above_scale, chains, legal_form, contact_name,
      contact_phone, contact_email, address, created_at, updated_at)
    select uscc, name, region_id, industry_code, above_scale, chains, legal_form, contact_name,
      contact_phone, contact_email, address, created_at, updated_at
    from json_populate_recordset(null::enterprises, ${JSON.stringify(payload)}::json)
    on conflict (uscc) do update set name = excluded.name, region_id = excluded.region_id,
      industry_code = excluded.industry_code, above_scale = excluded.above_scale, chains = excluded.chains,
      legal_form = excluded.legal_form, contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,
      contact_email = excluded.contact_email, address = excluded.address, version = enterprises.version + 1,
      updated_at = excluded.updated_at
    returning id, uscc, version, created_at, updated_at`);
  const idByUscc = new Map(rows.map((r) => [r.uscc, r]));
  // Only files that existed can have certifications to replace.
  const replaced = rows.filter((r) => before.has(r.uscc)).map((r) => r.id);
  if (replaced.length) {
    await tx.execute(sql`delete from certifications where enterprise_id in (select (jsonb_array_elements_text(${JSON.stringify(replaced)}::jsonb))::uuid)`);
  }
  const certRows = changed.flatMap(({ input }) => input.certifications.map((c) => ({ ...c, enterprise_id: idByUscc.get(input.uscc)!.id })));
  if (certRows.length) {
    await tx.execute(sql`insert into certifications (enterprise_id, kind, level, title, year)
      select enterprise_id, kind, level, title, year from json_populate_recordset(null::certifications, ${JSON.stringify(certRows)}::json)`);
  }

  const iso = (d: string | Date) => new Date(d).toISOString();
  const audit: AuditEntry[] = changed.map(({ input }) => {
    const row = idByUscc.get(input.uscc)!;
    const old = before.get(input.uscc);
    const { certifications: certs, ...fields } = input;
    const after = {
      id: row.id, ...fields, contactName: fields.contactName ?? null, contactPhone: fields.contactPhone ?? null,
      contactEmail: fields.contactEmail ?? null, address: fields.address ?? null,
      certifications: certs, version: row.version, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
    };
    if (old) report.updated++;
    else report.created++;
    return { action: old ? 'import_update' : 'import_create', entity: 'enterprise', entityId: row.id, before: old ?? null, after };
  });
  await appendAuditBatch(tx, actor, audit);
}
