// All-or-nothing import of the enterprise file from .xlsx, in two passes. The first reads the
// workbook and checks every row (schema, duplicates, the officer's region) without touching the
// database, so a bad file — of any size — never holds a transaction, a lock or a connection; the
// checked rows are spooled to a temporary file meanwhile. The second, only for a clean file, runs
// in one transaction: the spooled rows are copied into a staging table, checked against the stored
// files and merged in SQL (enterprise-import-repository.ts), so memory stays flat and a failure
// midway leaves the database as it was. The workbook is read within the upload limits (src/io/upload-limits.ts); the first 1,000
// errors are listed with their row, column and a Chinese message, and all of them are counted.
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/client.ts';
import { appendAuditPendingFrom } from '../../db/repositories/audit-repository.ts';
import {
  copyIntoImportStage, createImportStage, markStagedRows, mergeImportStage, replaceStagedCertifications, type StagedDecision,
  stagedAuditEntries, stagedCounts, stagedExistingPage, stageLine,
} from '../../db/repositories/enterprise-import-repository.ts';
import { storableJson } from '../../domain/audit/stored-form.ts';
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
  /**
   * Runs in the import's transaction just before it commits, with the final report: a job records
   * its result here, so the rows and the job's "done" commit together or not at all. Throwing
   * rolls the import back.
   */
  beforeCommit?: (tx: Executor, report: ImportReport) => Promise<void>;
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

  const spool = await Spool.open();
  try {
    // Pass 1: every row checked, nothing read from or written to the database. The checked rows
    // are spooled to a temporary file as COPY text, so pass 2 neither parses the workbook again
    // nor holds the rows in memory.
    const checked = new RowErrors();
    {
      const seen = new Map<string, number>();
      let fraction = 0;
      await readRows(sheet, checked, (p) => { fraction = p; }, (rowNumber, cells) => {
        report.rows++;
        if (report.rows % 1000 === 0) progress('check', fraction);
        const valid = validateRow(rowNumber, cells, seen, actor, checked);
        // Once a row is refused nothing will be written: only keep checking.
        if (!valid || checked.total) return null;
        return spool.add(stageLine(spool.rows, valid.row, valid.version, valid.input));
      });
    }
    if (checked.total > 0) return finish(checked);
    await spool.close();
    throwIfAborted(signal);

    // Pass 2: the spooled rows copied into a staging table and merged in one transaction.
    const errors = new RowErrors();
    const rows = report.rows;
    report.rows = 0;
    try {
      await db.transaction(async (tx) => {
        await createImportStage(tx);
        let chunk = 0;
        await copyIntoImportStage(tx, spool.chunks(), () => {
          report.rows += spool.rowsIn(chunk++);
          progress('write', rows ? (report.rows / rows) * 0.8 : 0.8);
          throwIfAborted(signal);
        });
        // One moment for the whole import: every file's updated_at and every audit entry's time.
        const now = new Date();
        await compareExisting(tx, actor, batchSize, now, report, errors);
        if (errors.total === 0) await write(tx, actor, batchSize, now, report, errors);
        report.rows = rows;
        progress('write', 1);
        if (errors.total > 0 || report.dryRun) throw new Rollback();
        // A client that left while the rows were written gets nothing committed either. On PGlite
        // the statements above run in this thread without a turn of the event loop, so a
        // disconnect that arrived meanwhile is still unread: two turns let it be polled and its
        // events run before the last look.
        await loopTurn();
        await loopTurn();
        throwIfAborted(signal);
        if (options.beforeCommit) await options.beforeCommit(tx, { ...finish(errors), committed: true });
      });
      report.committed = true;
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
    return finish(errors);
  } finally {
    await spool.remove();
  }
}

/** Staged rows per COPY chunk (and per progress report). */
const SPOOL_CHUNK_ROWS = 1000;

/** The checked rows as COPY text in a temporary file, in chunks of SPOOL_CHUNK_ROWS. */
class Spool {
  rows = 0;
  private parts: string[] = [];
  private readonly sizes: { bytes: number; rows: number }[] = [];
  private constructor(private readonly dir: string, private readonly handle: FileHandle) {}

  static async open(): Promise<Spool> {
    const dir = await mkdtemp(join(tmpdir(), 'zgsz-import-'));
    return new Spool(dir, await open(join(dir, 'rows.copy'), 'w+'));
  }

  add(line: string): Promise<void> | null {
    this.parts.push(line);
    this.rows++;
    return this.parts.length >= SPOOL_CHUNK_ROWS ? this.flush() : null;
  }

  private async flush(): Promise<void> {
    if (!this.parts.length) return;
    const rows = this.parts.length;
    const buf = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.sizes.push({ bytes: buf.length, rows });
    await this.handle.write(buf);
  }

  close(): Promise<void> {
    return this.flush();
  }

  rowsIn(chunk: number): number {
    return this.sizes[chunk]?.rows ?? 0;
  }

  async *chunks(): AsyncIterable<Buffer> {
    let position = 0;
    for (const { bytes } of this.sizes) {
      const buf = Buffer.allocUnsafe(bytes);
      await this.handle.read(buf, 0, bytes, position);
      position += bytes;
      yield buf;
    }
  }

  async remove(): Promise<void> {
    await this.handle.close().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }
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
      await loopTurn();
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
 * Checks the staged rows whose USCC is on file, in batches of `batchSize` staged rows: the
 * officer's region, unchanged files (left alone, so a re-import writes nothing), and the version
 * the row was exported at (refused when the file has changed since). As before, the first batch
 * with an error is the last one checked. What is decided (and an update's audit before/after) is
 * recorded in the staging table for the merge.
 */
async function compareExisting(tx: Executor, actor: Actor, batchSize: number, now: Date, report: ImportReport, errors: RowErrors): Promise<void> {
  const updatedAt = now.toISOString();
  let afterSeq = -1;
  let batch = -1;
  for (;;) {
    const { staged, existing, certs } = await stagedExistingPage(tx, afterSeq, batchSize);
    if (!staged.length) return;
    const byUscc = new Map(existing.map((e) => [e.uscc, e]));
    const decisions: StagedDecision[] = [];
    for (const item of staged) {
      const at = Math.floor(item.seq / batchSize);
      if (at !== batch) {
        if (errors.total) return;
        batch = at;
      }
      const old = byUscc.get(item.input.uscc);
      // Removed since the page was read: written as a new file, as when it was never there.
      if (!old) continue;
      const input = item.input as EnterpriseCreateInput;
      if (!rowAllowed(actor, { regionId: input.regionId, existingRegionId: old.regionId }, item.row, errors)) continue;
      const view = presentEnterprise(old, certs.get(old.id));
      const { version: _v, id: _i, createdAt: _c, updatedAt: _u, ...comparable } = view;
      if (sameFile(comparable, { ...comparable, ...input })) {
        report.unchanged++;
        decisions.push({ seq: item.seq, action: 'unchanged' });
        continue;
      }
      const fields = fieldChanges(view, input);
      if (item.sheetVersion !== null && item.sheetVersion !== old.version) {
        errors.push({
          row: item.row, column: HEADER_OF.get('version')!,
          message: `企业“${old.name}”的档案在导出(版本 ${item.sheetVersion})后已被修改(当前版本 ${old.version}),本行会改动:${fields.map((f) => f.label).join('、')}。` +
            '请重新导出后在最新内容上修改;确要覆盖,请清空本行的档案版本',
        });
        continue;
      }
      report.changesTotal++;
      if (report.changes.length < MAX_CHANGES) report.changes.push({ row: item.row, uscc: old.uscc, name: old.name, fields });
      const { certifications: certList, ...rest } = input;
      // What the conditional update will make of the file (it is refused otherwise, and the import with it).
      const after = {
        id: old.id, ...rest, contactName: rest.contactName ?? null, contactPhone: rest.contactPhone ?? null,
        contactEmail: rest.contactEmail ?? null, address: rest.address ?? null,
        certifications: certList, version: old.version + 1, createdAt: view.createdAt, updatedAt,
      };
      decisions.push({ seq: item.seq, action: 'update', readVersion: old.version, before: storableJson(view), after: storableJson(after) });
    }
    if (!errors.total) await markStagedRows(tx, decisions);
    afterSeq = staged[staged.length - 1]!.seq;
    // Hand the event loop back between pages, as readRows does between rows.
    await loopTurn();
  }
}

/**
 * Writes the merge: new files inserted, changed ones updated only while still at the version read
 * (an edit saved meanwhile refuses the import), their certifications replaced and one audit entry
 * each, in row order, with one statement apiece.
 */
async function write(tx: Executor, actor: Actor, batchSize: number, now: Date, report: ImportReport, errors: RowErrors): Promise<void> {
  const refused = await mergeImportStage(tx, now);
  if (refused.length) {
    // As when batches were written one by one: the first batch with a refused row stops the import.
    const first = Math.floor(refused[0]!.seq / batchSize);
    for (const r of refused) {
      if (Math.floor(r.seq / batchSize) === first) {
        errors.push({ row: r.row, column: HEADER_OF.get('uscc')!, message: '该企业档案在导入过程中被他人修改,请重新导出后再导入' });
      }
    }
    return;
  }
  await replaceStagedCertifications(tx);
  await appendAuditPendingFrom(tx, actor, now, stagedAuditEntries());
  Object.assign(report, await stagedCounts(tx));
}

/** Resolves after the event loop has gone round once (through its I/O poll). */
function loopTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
