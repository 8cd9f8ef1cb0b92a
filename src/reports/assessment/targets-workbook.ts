// The yearly target table in the layout of the text ("2022年扬州市'智改数转'目标"): 序号, 县(市、区),
// the four project counts (个) and the coverage rate (%). Exported for the city to edit and read
// back; the reader finds the header row by its column titles, resolves regions by name (spaces and
// line breaks, as in the text's "经济技术\n开发区", are ignored) and checks every cell, naming the
// row and column of the first bad one.
import type { Workbook, Worksheet } from 'exceljs';
import ExcelJS from '../../lib/exceljs.ts';
import { invalid } from '../../domain/errors.ts';
import type { RegionTargets, TargetTable } from '../../domain/scoring/index.ts';
import { COUNT_CATEGORIES, parsePercentBasisPoints, validateTargetTable } from '../../domain/scoring/index.ts';
import { cellText } from '../../lib/excel-cell.ts';
import { DEFAULT_IMPORT_LIMITS, type UploadLimits } from '../../io/upload-limits.ts';
import { columnName, NO_CACHED_VALUE, openXlsx } from '../../io/xlsx-reader.ts';
import { styleBody, styleHeader, titleRow, toBuffer } from './excel-style.ts';

export const TARGET_HEADERS = [
  '序号',
  '县(市、区)',
  '智能化改造项目(个)',
  '“上云用数”项目(个)',
  '“数字画像”诊断项目(个)',
  '“数字标杆”创建项目(个)',
  '规上企业“智改数转”覆盖率(%)',
] as const;
const COLUMN_KEYS = [null, 'region', ...COUNT_CATEGORIES, 'coverage'] as const;
export const TARGETS_SHEET = '目标';

export interface RegionName {
  id: string;
  name: string;
}

/** Whitespace-, quote- and bracket-insensitive form of a title or a name. */
export const normalizeLabel = (s: string): string =>
  s.replace(/\s+/g, '').replace(/[“”"]/g, '').replace(/（/g, '(').replace(/）/g, ')');

export const targetsTitle = (year: number) => `${year}年扬州市“智改数转”目标`;

/** Adds the target sheet to a workbook (also used inside the assessment input template). */
export function addTargetsSheet(wb: Workbook, table: TargetTable, name = TARGETS_SHEET): Worksheet {
  const sheet = wb.addWorksheet(name);
  titleRow(sheet, targetsTitle(table.year), TARGET_HEADERS.length);
  styleHeader(sheet.addRow([...TARGET_HEADERS]));
  table.regions.forEach((r, i) => {
    const row = sheet.addRow([i + 1, r.regionName, r.retrofit, r.cloud, r.portrait, r.benchmark, r.coverageBasisPoints / 100]);
    styleBody(row, TARGET_HEADERS.length);
  });
  sheet.columns = [{ width: 6 }, { width: 18 }, { width: 14 }, { width: 14 }, { width: 16 }, { width: 16 }, { width: 18 }];
  sheet.getRow(2).height = 36;
  return sheet;
}

export function buildTargetsWorkbook(table: TargetTable): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZGSZ';
  addTargetsSheet(wb, table);
  return wb;
}

export const targetsWorkbookBuffer = (table: TargetTable): Promise<Buffer> => toBuffer(buildTargetsWorkbook(table));

/** Reads a target sheet; `regions` are the regions a row may name (by name or id). */
export function readTargetsSheet(sheet: Worksheet, year: number, regions: readonly RegionName[]): TargetTable & { rowNumbers: number[] } {
  const wanted = TARGET_HEADERS.map(normalizeLabel);
  let headerRow = 0;
  const columnOf = new Map<string, number>();
  sheet.eachRow((row, n) => {
    if (headerRow) return;
    // row.values is sparse (index 0 and empty cells are holes): Array.from fills them.
    const labels = Array.from(row.values as unknown[], (v) => normalizeLabel(cellText(v)));
    if (labels.includes(normalizeLabel('县(市、区)'))) {
      headerRow = n;
      wanted.forEach((w, i) => {
        const col = labels.findIndex((l) => l === w || (i >= 2 && l.startsWith(w.replace(/\(.*\)$/, ''))));
        if (col > 0 && COLUMN_KEYS[i]) columnOf.set(COLUMN_KEYS[i]!, col);
      });
    }
  });
  if (!headerRow) throw invalid(`${sheet.name}`, `「${sheet.name}」表中找不到表头“县(市、区)”:请使用导出的目标表作模板`);
  for (const [i, key] of COLUMN_KEYS.entries()) {
    if (key && !columnOf.has(key)) throw invalid(`${sheet.name}.header`, `「${sheet.name}」表缺少列“${TARGET_HEADERS[i]}”`);
  }
  const byName = new Map(regions.flatMap((r) => [[normalizeLabel(r.name), r], [r.id, r]] as [string, RegionName][]));
  const out: RegionTargets[] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow((row, n) => {
    if (n <= headerRow) return;
    const text = (key: string) => cellText(row.getCell(columnOf.get(key)!).value);
    const name = text('region');
    const figures = COUNT_CATEGORIES.map((c) => text(c));
    if (!name && figures.every((f) => f === '') && text('coverage') === '') return; // blank line
    const where = `「${sheet.name}」第${n}行`;
    const region = byName.get(normalizeLabel(name));
    if (!region) throw invalid(`rows[${n}].region`, `${where}“县(市、区)”:未知地区“${name}”`);
    const counts = Object.fromEntries(
      COUNT_CATEGORIES.map((c, i) => {
        const v = figures[i]!;
        if (!/^\d+$/.test(v) || Number(v) <= 0) {
          throw invalid(`rows[${n}].${c}`, `${where}“${TARGET_HEADERS[i + 2]}”须为正整数,收到“${v}”`);
        }
        return [c, Number(v)];
      }),
    ) as Record<(typeof COUNT_CATEGORIES)[number], number>;
    let coverageBasisPoints: number;
    try {
      coverageBasisPoints = parsePercentBasisPoints(text('coverage'), `rows[${n}].coverage`);
    } catch {
      throw invalid(`rows[${n}].coverage`, `${where}“${TARGET_HEADERS[6]}”须为大于0、不超过100的百分数(最多两位小数),收到“${text('coverage')}”`);
    }
    out.push({ regionId: region.id, regionName: region.name, ...counts, coverageBasisPoints });
    rowNumbers.push(n);
  });
  const table = validateTargetTable({ year, regions: out }, 'targets');
  return { ...table, rowNumbers };
}

/** A target table has a row per region; far more rows than that is not a target table. */
const TARGETS_MAX_ROWS = 1000;

/**
 * Reads an uploaded target table workbook (the sheet named 目标, else the first sheet) within the
 * upload limits, into a small in-memory sheet that readTargetsSheet checks cell by cell.
 */
export async function parseTargetsWorkbook(data: Buffer, year: number, regions: readonly RegionName[], options: { limits?: UploadLimits; signal?: AbortSignal } = {}): Promise<TargetTable> {
  const source = await openXlsx(data, { limits: options.limits ?? DEFAULT_IMPORT_LIMITS, signal: options.signal, sheet: TARGETS_SHEET, dates: true });
  const sheet = new ExcelJS.Workbook().addWorksheet(source.name || TARGETS_SHEET);
  let rows = 0;
  for await (const row of source.rows()) {
    if (++rows > TARGETS_MAX_ROWS) throw invalid('file', `「${source.name}」表超过 ${TARGETS_MAX_ROWS} 行:目标表每个县(市、区)一行`);
    row.cells.forEach((v, i) => {
      if (v === NO_CACHED_VALUE) {
        throw invalid(`rows[${row.number}]`, `「${source.name}」第${row.number}行 ${columnName(i + 1)}${row.number} 单元格是公式,但文件中没有保存计算结果:请在 Excel 中打开后保存,或把公式粘贴为数值`);
      }
      if (v !== null) sheet.getCell(row.number, i + 1).value = v;
    });
  }
  const { rowNumbers: _rows, ...table } = readTargetsSheet(sheet, year, regions);
  return table;
}
