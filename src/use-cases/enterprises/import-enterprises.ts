// All-or-nothing import of the enterprise file from .xlsx, in two passes over the uploaded
// workbook. The first checks every row (schema, duplicates, the officer's region) without touching
// the database, so a bad file — of any size — never holds a transaction, a lock or a connection.
// The second, only for a clean file, runs in one transaction: rows are checked against the stored
// files and written in batches, so memory stays flat and a failure midway leaves the database as it
// was. The workbook is read within the upload limits (src/io/upload-limits.ts); the first 1,000
// errors are listed with their row, column and a Chinese message, and all of them are counted.
import type { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/client.ts';
import { type AuditEntry, appendAuditPending } from '../../db/repositories/audit-repository.ts';
import {
  certificationsOf, deleteConfirmedCertificationsOf, findEnterprisesByUscc, insertConfirmedCertifications, upsertEnterprises,
} from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, type Checks, refusal } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { type EnterpriseCreateInput, enterpriseCreateSchema } from '../../domain/enterprise/enterprise-input.ts';
import { cellText } from '../../lib/excel-cell.ts';
import { DEFAULT_IMPORT_LIMITS, readUpload, throwIfAborted, type UploadLimits } from '../../io/upload-limits.ts';
import { NO_CACHED_VALUE, openXlsx, type XlsxSheet, type XlsxValue } from '../../io/xlsx-reader.ts';
import { canonicalJson } from '../../domain/audit/hash-chain.ts';
import { type RowError, RowErrors } from '../row-errors.ts';
import { COLUMNS, type ColumnKey, enterpriseToRow, rowToInput } from './enterprise-columns.ts';
import { type EnterpriseView, presentEnterprise } from './enterprise-presenter.ts';

export type { RowError } from '../row-errors.ts';

/** One field an import changes in an existing file: the preview a user confirms. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface RowChange {
  row: number;
  uscc: string;
  name: string;
  fields: FieldChange[];
}

export interface ImportReport {
  dryRun: boolean;
  committed: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The first MAX_ERRORS (1,000) errors, in row order. */
  errors: RowError[];
  /** Every error found, listed or not. */
  errorsTotal: number;
  /** Rows with at least one error. */
  errorRows: number;
  /** More errors were found than are listed. */
  errorsTruncated: boolean;
  /** The existing files the import changes, field by field (the first MAX_CHANGES of them). */
  changes: RowChange[];
  changesTotal: number;
}

const MAX_CHANGES = 1000;
/** The longest the import keeps the event loop to itself between yields. */
const SLICE_MS = 8;

export interface ImportProgress {
  /** Rows read in this phase. */
  rows: number;
  /** check: every row is validated; write: a clean file is written (skipped when the check failed). */
  phase: 'check' | 'write';
  /** Of the whole import (both phases), 0–1. */
  fraction: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Defaults to DEFAULT_IMPORT_LIMITS; the server and the CLI pass the configured ones. */
  limits?: UploadLimits;
  /** Aborted when the client has gone: the import stops and writes nothing. */
  signal?: AbortSignal;
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
  /** The 档案版本 cell: the version the row was exported at (absent for new enterprises). */
  version: number | undefined;
}

function mapHeader(values: unknown[], rowNumber: number): Map<number, ColumnKey> | RowError[] {
  const byHeader = new Map<string, ColumnKey>(COLUMNS.flatMap((c) => [[c.header, c.key], [c.key, c.key]] as [string, ColumnKey][]));
  const map = new Map<number, ColumnKey>();
  values.forEach((v, i) => {
    const key = byHeader.get(cellText(v));
    if (key) map.set(i, key);
  });
  const found = new Set(map.values());
  const missing = REQUIRED.filter((k) => !found.has(k));
  if (missing.length) {
    return missing.map((k) => ({ row: rowNumber, column: HEADER_OF.get(k)!, message: `缺少列“${HEADER_OF.get(k)}”:第1行须为表头,可先导出一份作为模板` }));
  }
  return map;
}

/**
 * Imports the file. Its audit entries are committed with it but beside the chain (audit_pending);
 * the caller links them with chainPendingAudit — at once (CLI) or after answering (API).
 */
export async function importEnterprises(db: Db, actor: Actor, source: Readable | Buffer, options: ImportOptions = {}): Promise<ImportReport> {
  assertPermission(actor, 'enterprises.import');
  const { signal } = options;
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const batchSize = options.batchSize ?? 1000;
  const file = Buffer.isBuffer(source) ? source : await readUpload(source, limits, signal);
  const sheet = await openXlsx(file, { limits, signal });
  const report: ImportReport = {
    dryRun: !!options.dryRun, committed: false, rows: 0, created: 0, updated: 0, unchanged: 0,
    errors: [], errorsTotal: 0, errorRows: 0, errorsTruncated: false, changes: [], changesTotal: 0,
  };
  const progress = (phase: ImportProgress['phase'], fraction: number) => options.onProgress?.({ rows: report.rows, phase, fraction: phase === 'check' ? fraction / 2 : 0.5 + fraction / 2 });
  const finish = (errors: RowErrors) => {
    Object.assign(report, errors.summary());
    if (errors.total > 0) report.created = report.updated = report.unchanged = 0;
    return report;
  };

  // Pass 1: every row checked, nothing read from or written to the database.
  const checked = new RowErrors();
  {
    const seen = new Map<string, number>();
    let fraction = 0;
    await readRows(sheet, checked, (p) => { fraction = p; }, (rowNumber, cells) => {
      report.rows++;
      if (report.rows % 1000 === 0) progress('check', fraction);
      validateRow(rowNumber, cells, seen, actor, checked);
      return null;
    });
  }
  if (checked.total > 0) return finish(checked);
  throwIfAborted(signal);

  // Pass 2: the same rows, checked against the stored files and written in one transaction.
  const errors = new RowErrors();
  report.rows = 0;
  try {
    await db.transaction(async (tx) => {
      const seen = new Map<string, number>();
      let pending: PendingRow[] = [];
      let fraction = 0;
      // One batch is written while the next is read and validated: on PostgreSQL the database
      // works on the other core meanwhile. Batches never share a USCC (checked below), so their
      // order does not matter; statements on the one transaction connection run in order anyway.
      let inFlight: Promise<void> = Promise.resolve();
      try {
        await readRows(sheet, errors, (p) => { fraction = p; }, (rowNumber, cells) => {
          report.rows++;
          if (report.rows % 1000 === 0) progress('write', fraction);
          const valid = validateRow(rowNumber, cells, seen, actor, errors);
          // Once a row is refused nothing will be kept, so stop writing and only keep reading.
          if (!valid || errors.total) return null;
          pending.push(valid);
          if (pending.length < batchSize) return null;
          const batch = pending;
          pending = [];
          return inFlight.then(() => {
            inFlight = flush(tx, actor, batch, report, errors);
            inFlight.catch(() => {}); // awaited below; this only marks it handled meanwhile
          });
        });
      } finally {
        // Never leave the transaction while a batch is still being written: its statements would
        // otherwise run after the ROLLBACK, outside any transaction.
        await inFlight.catch(() => {});
      }
      await inFlight;
      if (errors.total === 0) await flush(tx, actor, pending, report, errors);
      progress('write', 1);
      if (errors.total > 0 || report.dryRun) throw new Rollback();
      // A client that left while the last batch was written gets nothing committed either.
      throwIfAborted(signal);
    });
    report.committed = true;
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return finish(errors);
}

/**
 * Reads the first worksheet: maps the header row to columns, then hands each non-empty row's
 * cell texts to onRow (awaiting it when it returns a promise). Header problems, cells holding a
 * formula without its result and an empty workbook are recorded in `errors`.
 */
async function readRows(
  sheet: XlsxSheet, errors: RowErrors, onFraction: (f: number) => void,
  onRow: (row: number, cells: Record<ColumnKey, string>) => Promise<void> | null,
): Promise<void> {
  let columns: Map<number, ColumnKey> | null = null;
  let sliceStart = performance.now();
  for await (const row of sheet.rows(onFraction)) {
    if (!columns) {
      const mapped = mapHeader(row.cells, row.number);
      if (Array.isArray(mapped)) {
        mapped.forEach((e) => errors.push(e));
        return;
      }
      columns = mapped;
      continue;
    }
    if (row.cells.every((v) => v !== NO_CACHED_VALUE && cellText(v) === '')) continue;
    const cells = Object.fromEntries(COLUMNS.map((c) => [c.key, ''])) as Record<ColumnKey, string>;
    let formulas = false;
    for (const [i, key] of columns) {
      const v: XlsxValue | undefined = row.cells[i];
      if (v === NO_CACHED_VALUE) {
        formulas = true;
        errors.push({ row: row.number, column: HEADER_OF.get(key)!, message: '该单元格是公式,但文件中没有保存计算结果:请在 Excel 中打开后保存,或把公式粘贴为数值' });
      } else cells[key] = cellText(v);
    }
    if (formulas) continue;
    const wait = onRow(row.number, cells);
    if (wait) await wait;
    // Validating is synchronous: hand the event loop back every few milliseconds so the requests
    // of everyone else (sign-ins above all) are answered while a large file imports.
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  if (!columns) errors.push({ row: 1, column: '', message: '工作簿为空:第一个工作表须有表头和数据行' });
}

/** Validates one row; pushes its errors and returns null, or returns the normalised input. */
function validateRow(rowNumber: number, cells: Record<ColumnKey, string>, seen: Map<string, number>, actor: Actor, errors: RowErrors): PendingRow | null {
  const parsed = enterpriseCreateSchema.safeParse(rowToInput(cells));
  const versionText = cells.version.trim();
  const version = /^[1-9]\d{0,8}$/.test(versionText) ? Number(versionText) : undefined;
  if (versionText && version === undefined) {
    errors.push({ row: rowNumber, column: HEADER_OF.get('version')!, message: '档案版本须为导出时的正整数版本号;新企业请留空' });
  }
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
  if (!rowAllowed(actor, { regionId: input.regionId }, rowNumber, errors)) return null;
  return { row: rowNumber, input, version };
}

/** Asks the access layer about one row and records its refusal against the row. */
function rowAllowed(actor: Actor, record: Checks['enterprise.import'], row: number, errors: RowErrors): boolean {
  const error = refusal(actor, 'enterprise.import', record);
  if (!error) return true;
  errors.push({ row, column: HEADER_OF.get(error.field === 'uscc' ? 'uscc' : 'region')!, message: error.message });
  return false;
}

/** Equal files regardless of the order certifications are listed in. */
function sameFile(a: { certifications: object[] }, b: { certifications: object[] }): boolean {
  const norm = (x: { certifications: object[] }) => canonicalJson({ ...x, certifications: x.certifications.map(canonicalJson).sort() });
  return norm(a) === norm(b);
}

/** The cells an import changes in an existing file, in the sheet's own words. */
function fieldChanges(before: EnterpriseView, after: EnterpriseCreateInput): FieldChange[] {
  const a = enterpriseToRow({ ...before, version: undefined });
  const b = enterpriseToRow(after);
  const out: FieldChange[] = [];
  COLUMNS.forEach((c, i) => {
    if (c.key !== 'version' && a[i] !== b[i]) out.push({ field: c.key, label: c.header, before: a[i] ?? '', after: b[i] ?? '' });
  });
  return out;
}

/**
 * Upserts one batch on USCC; unchanged rows are left alone so a re-import writes nothing. A row
 * carrying the version it was exported at is refused when the file has changed since, and the
 * upsert itself only updates files still at the version read here, so an edit saved while the
 * import runs is never overwritten either.
 */
async function flush(tx: Executor, actor: Actor, batch: PendingRow[], report: ImportReport, errors: RowErrors): Promise<void> {
  if (!batch.length) return;
  const existing = await findEnterprisesByUscc(tx, batch.map((b) => b.input.uscc));
  const byUscc = new Map(existing.map((e) => [e.uscc, e]));
  const certs = await certificationsOf(tx, existing.map((e) => e.id));
  const changed: PendingRow[] = [];
  const before = new Map<string, EnterpriseView>();
  for (const item of batch) {
    const old = byUscc.get(item.input.uscc);
    if (!old) {
      changed.push(item);
      continue;
    }
    if (!rowAllowed(actor, { regionId: item.input.regionId, existingRegionId: old.regionId }, item.row, errors)) continue;
    const view = presentEnterprise(old, certs.get(old.id));
    const { version: _v, id: _i, createdAt: _c, updatedAt: _u, ...comparable } = view;
    if (sameFile(comparable, { ...comparable, ...item.input })) {
      report.unchanged++;
      continue;
    }
    const fields = fieldChanges(view, item.input);
    if (item.version !== undefined && item.version !== old.version) {
      errors.push({
        row: item.row, column: HEADER_OF.get('version')!,
        message: `企业“${old.name}”的档案在导出(版本 ${item.version})后已被修改(当前版本 ${old.version}),本行会改动:${fields.map((f) => f.label).join('、')}。` +
          '请重新导出后在最新内容上修改;确要覆盖,请清空本行的档案版本',
      });
      continue;
    }
    before.set(item.input.uscc, view);
    report.changesTotal++;
    if (report.changes.length < MAX_CHANGES) report.changes.push({ row: item.row, uscc: old.uscc, name: old.name, fields });
    changed.push(item);
  }
  if (errors.total || !changed.length) return;

  // One JSON parameter per statement instead of 15 bind parameters per row: building a
  // 15,000-parameter query dominated the import's time.
  const now = new Date().toISOString();
  const payload = changed.map(({ input: e }) => ({
    uscc: e.uscc, name: e.name, region_id: e.regionId, industry_code: e.industryCode, above_scale: e.aboveScale,
    chains: e.chains, legal_form: e.legalForm, contact_name: e.contactName ?? null, contact_phone: e.contactPhone ?? null,
    contact_email: e.contactEmail ?? null, address: e.address ?? null, created_at: now, updated_at: now,
    version: before.get(e.uscc)?.version ?? 1,
  }));
  const rows = await upsertEnterprises(tx, payload);
  const idByUscc = new Map(rows.map((r) => [r.uscc, r]));
  if (rows.length < changed.length) {
    // Files changed by someone else between the read above and the upsert: refuse the import.
    for (const item of changed) {
      if (!idByUscc.has(item.input.uscc)) {
        errors.push({ row: item.row, column: HEADER_OF.get('uscc')!, message: '该企业档案在导入过程中被他人修改,请重新导出后再导入' });
      }
    }
    return;
  }
  // Only files that existed can have certifications to replace.
  await deleteConfirmedCertificationsOf(tx, rows.filter((r) => before.has(r.uscc)).map((r) => r.id));
  await insertConfirmedCertifications(tx, changed.flatMap(({ input }) => input.certifications.map((c) => ({ ...c, enterprise_id: idByUscc.get(input.uscc)!.id }))));

  const iso = (d: string | Date) => new Date(d).toISOString();
  const audit: AuditEntry[] = changed.map(({ input }) => {
    const row = idByUscc.get(input.uscc)!;
    const old = before.get(input.uscc);
    const { certifications: certList, ...fields } = input;
    const after = {
      id: row.id, ...fields, contactName: fields.contactName ?? null, contactPhone: fields.contactPhone ?? null,
      contactEmail: fields.contactEmail ?? null, address: fields.address ?? null,
      certifications: certList, version: row.version, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
    };
    if (old) report.updated++;
    else report.created++;
    return { action: old ? 'import_update' : 'import_create', entity: 'enterprise', entityId: row.id, before: old ?? null, after };
  });
  await appendAuditPending(tx, actor, audit);
}
