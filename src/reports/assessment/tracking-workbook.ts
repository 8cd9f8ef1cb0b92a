// Excel export of the 月度跟踪调度表: two header rows (category over 目标/完成/完成率/预计年底/预警),
// one row per region and the 全市合计; cells behind 序时进度 or heading below target are shaded.
import type { Workbook, Worksheet } from 'exceljs';
import ExcelJS from '../../lib/exceljs.ts';
import type { MonthlyTracking, TrackingRow } from '../../domain/scoring/index.ts';
import { CATEGORIES, CATEGORY_INFO, formatCount, forecastStatusName, toPercent } from '../../domain/scoring/index.ts';
import { styleBody, styleHeader, THIN, titleRow, toBuffer, WARN_FILL } from './excel-style.ts';

const SUB = ['目标', '完成', '完成率', '预计年底', '预警'] as const;

export function trackingTitle(t: MonthlyTracking): string {
  return `${t.year}年${t.month}月全市制造业“智改数转”目标任务跟踪调度表(序时进度${toPercent(t.timeProgress)})`;
}

/** Adds the tracking table to a workbook (used by the tracking export and inside the bulletin). */
export function addTrackingSheet(wb: Workbook, t: MonthlyTracking, name = '月度跟踪调度表'): Worksheet {
  const sheet = wb.addWorksheet(name);
  const width = 2 + CATEGORIES.length * SUB.length + 1;
  titleRow(sheet, trackingTitle(t), width);
  const top = sheet.addRow(['序号', '地区', ...CATEGORIES.flatMap((c) => [CATEGORY_INFO[c].name, '', '', '', '']), '滞后项数']);
  const sub = sheet.addRow(['', '', ...CATEGORIES.flatMap(() => [...SUB]), '']);
  CATEGORIES.forEach((_, i) => sheet.mergeCells(2, 3 + i * SUB.length, 2, 2 + (i + 1) * SUB.length));
  sheet.mergeCells(2, 1, 3, 1);
  sheet.mergeCells(2, 2, 3, 2);
  sheet.mergeCells(2, width, 3, width);
  styleHeader(top);
  styleHeader(sub);

  const addRow = (r: TrackingRow | MonthlyTracking['cityTotal'], index: number | '') => {
    const values: (string | number)[] = [index, r.regionName];
    for (const c of CATEGORIES) {
      const cell = r.cells[c];
      values.push(
        cell.target,
        cell.actual,
        toPercent(cell.rate),
        cell.forecast ? formatCount(cell.forecast.projected) : '',
        cell.forecast ? forecastStatusName(cell.forecast) : '',
      );
    }
    values.push('behindCount' in r ? r.behindCount : '');
    const row = sheet.addRow(values);
    styleBody(row, width);
    CATEGORIES.forEach((c, i) => {
      const cell = r.cells[c];
      if (cell.behindSchedule) row.getCell(3 + i * SUB.length + 2).fill = WARN_FILL;
      if (cell.forecast && cell.forecast.status !== 'on-track') row.getCell(3 + i * SUB.length + 4).fill = WARN_FILL;
    });
    return row;
  };
  t.rows.forEach((r, i) => addRow(r, i + 1));
  const total = addRow(t.cityTotal, '');
  total.font = { bold: true };
  sheet.addRow([]);
  const note = sheet.addRow(['说明:完成率低于序时进度、预计年底不能完成目标的单元格以浅红色标示;覆盖率一栏的目标与完成为规上企业家数;预计年底按全年平均进度推算。']);
  sheet.mergeCells(note.number, 1, note.number, width);
  note.getCell(1).border = THIN;
  sheet.columns.forEach((col, i) => (col.width = i === 1 ? 16 : i === 0 ? 6 : 10));
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  return sheet;
}

export function buildTrackingWorkbook(t: MonthlyTracking): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZGSZ';
  addTrackingSheet(wb, t);
  return wb;
}

export const trackingWorkbookBuffer = (t: MonthlyTracking): Promise<Buffer> => toBuffer(buildTrackingWorkbook(t));
