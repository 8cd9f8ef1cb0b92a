// A region files its year's counted projects from one .xlsx: every row is validated (evidence per
// 核查内容, region, year open for writing) and the file is written in one transaction, or not at all
// with every error listed by row and column.
import type { Db } from '../../db/client.ts';
import { type AuditEntry, appendAuditBatch } from '../../db/repositories/audit-repository.ts';
import type { StoredTargets } from '../../db/repositories/assessment-repository.ts';
import { insertProjects } from '../../db/repositories/assessment-records-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { type ProjectRecordInput, projectRecordSchema } from '../../domain/scoring/index.ts';
import { cellText } from '../../lib/excel-cell.ts';
import { DEFAULT_IMPORT_LIMITS, throwIfAborted, type UploadLimits } from '../../io/upload-limits.ts';
import { NO_CACHED_VALUE, openXlsx } from '../../io/xlsx-reader.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { assertWritableRegion, requireTargets } from './assessment-scope.ts';
import { PROJECT_COLUMNS, type ProjectColumn, projectRowToInput } from './project-columns.ts';
import { assertYearOpen } from './year-lock.ts';
import { type RowError, RowErrors } from '../row-errors.ts';

export interface ProjectImportReport {
  dryRun: boolean;
  committed: boolean;
  rows: number;
  created: number;
  /** The first 1,000 errors; errorsTotal counts them all. */
  errors: RowError[];
  errorsTotal: number;
  errorRows: number;
  errorsTruncated: boolean;
}

export interface ProjectImportOptions {
  dryRun?: boolean;
  /** Defaults to DEFAULT_IMPORT_LIMITS; the server passes the configured ones. */
  limits?: UploadLimits;
  /** Aborted when the client has gone: reading stops and nothing is written. */
  signal?: AbortSignal;
}

const MAX_ROWS = 5000;
const HEADER = new Map<string, string>(PROJECT_COLUMNS.map((c) => [c.key, c.header]));
const FIELD_COLUMN: Record<string, ProjectColumn> = { regionId: 'region', enterpriseId: 'enterpriseName' };

/** The first sheet's rows as cell texts by column, at most MAX_ROWS of them (refused beyond, at once). */
async function readSheet(file: Buffer, errors: RowErrors, limits: UploadLimits, signal: AbortSignal | undefined): Promise<{ row: number; cells: Record<ProjectColumn, string> }[]> {
  // Dates typed in Excel are numbers formatted as dates: read them as YYYY-MM-DD.
  const sheet = await openXlsx(file, { limits, signal, dates: true });
  const byHeader = new Map<string, ProjectColumn>(PROJECT_COLUMNS.flatMap((c) => [[c.header, c.key], [c.key, c.key]] as [string, ProjectColumn][]));
  let columns: Map<number, ProjectColumn> | null = null;
  const rows: { row: number; cells: Record<ProjectColumn, string> }[] = [];
  for await (const row of sheet.rows()) {
    if (!columns) {
      const found = new Map<number, ProjectColumn>();
      row.cells.forEach((v, i) => {
        const key = v === NO_CACHED_VALUE ? undefined : byHeader.get(cellText(v));
        if (key) found.set(i, key);
      });
      const missing = PROJECT_COLUMNS.filter((c) => c.key !== 'subsidyLevel' && ![...found.values()].includes(c.key));
      if (missing.length) {
        missing.forEach((c) => errors.push({ row: row.number, column: c.header, message: `缺少列“${c.header}”` }));
        return [];
      }
      columns = found;
      continue;
    }
    const cells = Object.fromEntries(PROJECT_COLUMNS.map((c) => [c.key, ''])) as Record<ProjectColumn, string>;
    let formulas = false;
    for (const [i, key] of columns) {
      const v = row.cells[i];
      if (v === NO_CACHED_VALUE) {
        formulas = true;
        errors.push({ row: row.number, column: HEADER.get(key)!, message: '该单元格是公式,但文件中没有保存计算结果:请在 Excel 中打开后保存,或把公式粘贴为数值' });
      } else cells[key] = cellText(v);
    }
    if (formulas || !Object.values(cells).some(Boolean)) continue;
    if (rows.length >= MAX_ROWS) throw invalid('file', `一次最多导入 ${MAX_ROWS} 行,文件超过了 ${MAX_ROWS} 行,请分批导入`);
    rows.push({ row: row.number, cells });
  }
  if (!columns) errors.push({ row: 1, column: '', message: '工作簿为空:第一个工作表须有表头和数据行' });
  return rows;
}

export async function importProjects(db: Db, actor: Actor, file: Buffer, options: ProjectImportOptions = {}): Promise<ProjectImportReport> {
  assertPermission(actor, 'assessment.record');
  const errors = new RowErrors();
  const rows = await readSheet(file, errors, options.limits ?? DEFAULT_IMPORT_LIMITS, options.signal);
  const report: ProjectImportReport = { dryRun: !!options.dryRun, committed: false, rows: rows.length, created: 0, ...errors.summary() };
  const valid: { row: number; input: ProjectRecordInput; year: number }[] = [];
  const targetsByYear = new Map<number, StoredTargets | DomainError>();
  for (const { row, cells } of rows) {
    const parsed = projectRecordSchema.safeParse(projectRowToInput(cells));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'title');
        errors.push({ row, column: HEADER.get(FIELD_COLUMN[field] ?? field) ?? field, message: issue.message });
      }
      continue;
    }
    const year = Number(parsed.data.countedOn.slice(0, 4));
    if (!targetsByYear.has(year)) {
      targetsByYear.set(year, await requireTargets(db, year).catch((e: unknown) => (e instanceof DomainError ? e : Promise.reject(e))));
    }
    try {
      const targets = targetsByYear.get(year)!;
      if (targets instanceof DomainError) throw targets;
      assertWritableRegion(actor, targets, parsed.data.regionId);
      valid.push({ row, input: parsed.data, year });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errors.push({ row, column: HEADER.get(e.field === 'year' ? 'countedOn' : 'region')!, message: e.message });
    }
  }
  Object.assign(report, errors.summary());
  // Formula cells are found while reading, the rest while checking: list them by row.
  report.errors.sort((a, b) => a.row - b.row);
  if (errors.total || report.dryRun) {
    report.created = errors.total ? 0 : valid.length;
    return report;
  }
  throwIfAborted(options.signal);
  await db.transaction(async (tx) => {
    for (const year of new Set(valid.map((v) => v.year))) await assertYearOpen(tx, year);
    const inserted = await insertProjects(tx, valid.map(({ input, year }) => ({
      ...input, year, enterpriseId: input.enterpriseId ?? null, subsidyLevel: input.subsidyLevel ?? null,
    })));
    const audit: AuditEntry[] = inserted.map((r) => ({ action: 'import_create', entity: 'assessment_project', entityId: r.id, after: r }));
    await appendAuditBatch(tx, actor, audit);
    report.created = inserted.length;
  });
  report.committed = true;
  return report;
}
