// Streaming, all-or-nothing import of the enterprise file from .xlsx. Rows are validated as they
// stream and written in batches inside one transaction, so memory stays flat on a 100,000-row file
// and a file with any bad row (or a crash midway) leaves the database as it was. Every error is
// reported with its row, column and a Chinese message.
import { type Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { type AuditEntry, appendAuditBatch } from '../../db/repositories/audit-repository.ts';
import { certificationsOf } from '../../db/repositories/enterprise-repository.ts';
import { certifications, enterprises } from '../../db/schema/enterprises.ts';
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
      let columns: Map<number, ColumnKey> | null = null;
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
        worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
      });
      let sheetSeen = false;
      for await (const sheet of reader) {
        // Only the first worksheet holds the data; further sheets (notes, lists) are ignored.
        if (sheetSeen) break;
        sheetSeen = true;
        for await (const row of sheet) {
          const values = (row.values as unknown[]).slice(1);
          if (!columns) {
            const mapped = mapHeader(values);
            if (Array.isArray(mapped)) {
              report.errors.push(...mapped);
              throw new Rollback();
            }
            columns = mapped;
            continue;
          }
          if (values.every((v) => cellText(v) === '')) continue;
          report.rows++;
          const cells = Object.fromEntries(COLUMNS.map((c) => [c.key, ''])) as Record<ColumnKey, string>;
          for (const [i, key] of columns) cells[key] = cellText(values[i]);
          const parsed = enterpriseCreateSchema.safeParse(rowToInput(cells));
          if (!parsed.success) {
            for (const issue of parsed.error.issues) {
              const field = String(issue.path[0] ?? 'uscc');
              const column = HEADER_OF.get(FIELD_COLUMN[field] ?? field) ?? field;
              const where = issue.path.length > 1 ? `第${Number(issue.path[1]) + 1}项:` : '';
              report.errors.push({ row: row.number, column, message: where + issue.message });
            }
            continue;
          }
          const input = parsed.data;
          const dup = seen.get(input.uscc);
          if (dup) {
            report.errors.push({ row: row.number, column: HEADER_OF.get('uscc')!, message: `统一社会信用代码与第${dup}行重复` });
            continue;
          }
          seen.set(input.uscc, row.number);
          if (!canWriteRegion(actor, input.regionId)) {
            report.errors.push({ row: row.number, column: HEADER_OF.get('region')!, message: '只能导入本地区的企业' });
            continue;
          }
          // Once a row is bad nothing will be kept, so stop writing and only keep validating.
          if (report.errors.length === 0) {
            pending.push({ row: row.number, input });
            if (pending.length >= batchSize) {
              await flush(tx, actor, pending, report);
              pending = [];
            }
          }
          if (report.rows % 1000 === 0) options.onProgress?.({ rows: report.rows, bytes });
        }
      }
      if (!columns && report.errors.length === 0) {
        report.errors.push({ row: 1, column: '', message: '工作簿为空:第一个工作表须有表头和数据行' });
      }
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

/** Equal files regardless of the order certifications are listed in. */
function sameFile(a: { certifications: object[] }, b: { certifications: object[] }): boolean {
  const norm = (x: { certifications: object[] }) => canonicalJson({ ...x, certifications: x.certifications.map(canonicalJson).sort() });
  return norm(a) === norm(b);
}

/** Upserts one batch on USCC; unchanged rows are left alone so a re-import writes nothing. */
async function flush(tx: Executor, actor: Actor, batch: PendingRow[], report: ImportReport): Promise<void> {
  if (!batch.length) return;
  const existing = await tx.select().from(enterprises).where(inArray(enterprises.uscc, batch.map((b) => b.input.uscc)));
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

  const now = new Date();
  const rows = await tx.insert(enterprises)
    .values(changed.map(({ input: { certifications: _c, ...fields } }) => ({ ...fields, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: enterprises.uscc,
      set: {
        name: sql`excluded.name`, regionId: sql`excluded.region_id`, industryCode: sql`excluded.industry_code`,
        aboveScale: sql`excluded.above_scale`, chains: sql`excluded.chains`, legalForm: sql`excluded.legal_form`,
        contactName: sql`excluded.contact_name`, contactPhone: sql`excluded.contact_phone`,
        contactEmail: sql`excluded.contact_email`, address: sql`excluded.address`,
        version: sql`${enterprises.version} + 1`, updatedAt: now,
      },
    })
    .returning();
  const idByUscc = new Map(rows.map((r) => [r.uscc, r]));
  const ids = rows.map((r) => r.id);
  await tx.delete(certifications).where(inArray(certifications.enterpriseId, ids));
  const certRows = changed.flatMap(({ input }) => input.certifications.map((c) => ({ ...c, enterpriseId: idByUscc.get(input.uscc)!.id })));
  for (let i = 0; i < certRows.length; i += 2000) await tx.insert(certifications).values(certRows.slice(i, i + 2000));

  const audit: AuditEntry[] = changed.map(({ input }) => {
    const row = idByUscc.get(input.uscc)!;
    const old = before.get(input.uscc);
    const after = presentEnterprise(row, input.certifications.map((c) => ({ ...c, id: '', enterpriseId: row.id })));
    if (old) report.updated++;
    else report.created++;
    return { action: old ? 'import_update' : 'import_create', entity: 'enterprise', entityId: row.id, before: old ?? null, after };
  });
  await appendAuditBatch(tx, actor, audit);
}
