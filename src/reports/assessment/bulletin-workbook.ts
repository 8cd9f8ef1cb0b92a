// Excel export of the 季度督查通报: the provisional ranking, the lagging regions with what each
// must do, and the tracking table at the quarter's end.
import type { Workbook } from 'exceljs';
import ExcelJS from '../../lib/exceljs.ts';
import type { QuarterlyBulletin } from '../../domain/scoring/index.ts';
import { SUMMARY_HEADERS, summaryRow } from './score-sheet-workbook.ts';
import { styleBody, styleHeader, titleRow, toBuffer } from './excel-style.ts';
import { addTrackingSheet } from './tracking-workbook.ts';

export function buildBulletinWorkbook(b: QuarterlyBulletin): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZGSZ';
  const ranking = wb.addWorksheet('模拟评分排名');
  titleRow(ranking, b.title, SUMMARY_HEADERS.length);
  const summary = ranking.addRow([b.summary]);
  ranking.mergeCells(summary.number, 1, summary.number, SUMMARY_HEADERS.length);
  summary.getCell(1).alignment = { wrapText: true };
  summary.height = 40;
  styleHeader(ranking.addRow(SUMMARY_HEADERS));
  for (const s of b.assessment.sheets) styleBody(ranking.addRow(summaryRow(s)), SUMMARY_HEADERS.length);
  ranking.columns.forEach((col, i) => (col.width = i === 1 ? 16 : i === 0 ? 6 : 13));

  const lagging = wb.addWorksheet('滞后事项及整改要求');
  titleRow(lagging, `${b.title}——滞后事项及整改要求`, 4);
  styleHeader(lagging.addRow(['排名', '地区', '滞后事项', '整改要求']));
  for (const f of b.findings) {
    styleBody(lagging.addRow([f.rank, f.regionName, f.reasons.join('\n') || '无', f.actions.join('\n') || '保持进度']), 4);
  }
  lagging.columns = [{ width: 6 }, { width: 16 }, { width: 60 }, { width: 80 }];
  addTrackingSheet(wb, b.tracking);
  return wb;
}

export const bulletinWorkbookBuffer = (b: QuarterlyBulletin): Promise<Buffer> => toBuffer(buildBulletinWorkbook(b));
