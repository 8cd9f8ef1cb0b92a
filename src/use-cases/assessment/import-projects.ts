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
import ExcelJS from '../../lib/exceljs.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { assertWritableRegion, requireTargets } from './assessment-scope.ts';
import { PROJECT_COLUMNS, type ProjectColumn, projectRowToInput } from './project-columns.ts';
import { assertYearOpen } from './year-lock.ts';
import type { RowError } from '../enterprises/import-enterprises.ts';

export interface ProjectImportReport {
  dryRun: boolean;
  committed: boolean;
  rows: number;
  created: number;
  errors: RowError[];
}

const MAX_ROWS = 5000;
const HEADER = new Map<string, string>(PROJECT_COLUMNS.map((c) => [c.key, c.header]));
const FIELD_COLUMN: Record<string, ProjectColumn> = { regionId: 'region', enterpriseId: 'enterpriseName' };

async function readSheet(file: Buffer): Promise<{ rows: { row: number; cells: Record<ProjectColumn, string> }[]; errors: RowError[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', '文件不是有效的 .xlsx 工作簿 (not a valid .xlsx file)');
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.rowCount < 1) return { rows: [], errors: [{ row: 1, column: '', message: '工作簿为空:第一个工作表须有表头和数据行' }] };
  const byHeader = new Map<string, ProjectColumn>(PROJECT_COLUMNS.flatMap((c) => [[c.header, c.key], [c.key, c.key]] as [string, ProjectColumn][]));
  const columns = new Map<number, ProjectColumn>();
  sheet.getRow(1).eachCell((cell, col) => {
    const key = byHeader.get(cellText(cell.value));
    if (key) columns.set(col, key);
  });
  const missing = PROJECT_COLUMNS.filter((c) => c.key !== 'subsidyLevel' && ![...columns.values()].includes(c.key));
  if (missing.length) return { rows: [], errors: missing.map((c) => ({ row: 1, column: c.header, message: `缺少列“${c.header}”` })) };
  const rows: { row: number; cells: Record<ProjectColumn, string> }[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells = Object.fromEntries(PROJECT_COLUMNS.map((c) => [c.key, ''])) as Record<ProjectColumn, string>;
    for (const [col, key] of columns) cells[key] = cellText(row.getCell(col).value);
    if (Object.values(cells).some(Boolean)) rows.push({ row: n, cells });
  });
  if (rows.length > MAX_ROWS) throw invalid('file', `一次最多导入 ${MAX_ROWS} 行,文件有 ${rows.length} 行,请分批导入`);
  return { rows, errors: [] };
}

export async function importProjects(db: Db, actor: Actor, file: Buffer, options: { dryRun?: boolean } = {}): Promise<ProjectImportReport> {
  assertPermission(actor, 'assessment.record');
  const { rows, errors } = await readSheet(file);
  const report: ProjectImportReport = { dryRun: !!options.dryRun, committed: false, rows: rows.length, created: 0, errors };
  const valid: { row: number; input: ProjectRecordInput; year: number }[] = [];
  const targetsByYear = new Map<number, StoredTargets | DomainError>();
  for (const { row, cells } of rows) {
    const parsed = projectRecordSchema.safeParse(projectRowToInput(cells));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'title');
        report.errors.push({ row, column: HEADER.get(FIELD_COLUMN[field] ?? field) ?? field, message: issue.message });
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
      report.errors.push({ row, column: HEADER.get(e.field === 'year' ? 'countedOn' : 'region')!, message: e.message });
    }
  }
  if (report.errors.length || report.dryRun) {
    report.created = report.errors.length ? 0 : valid.length;
    return report;
  }
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
