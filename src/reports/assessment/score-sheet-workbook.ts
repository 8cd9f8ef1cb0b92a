// Excel export of the annual assessment (年度考核评分表): a summary sheet in ranking order, one
// explained sheet per region (every line with its clause, data and explanation), and the readings
// the scores were computed under.
import type { Workbook } from 'exceljs';
import ExcelJS from '../../lib/exceljs.ts';
import type { AssessmentResult, RegionScoreSheet } from '../../domain/scoring/index.ts';
import { CATEGORIES, CATEGORY_INFO, formatPoints, pointsToNumber, SECTION_NAMES } from '../../domain/scoring/index.ts';
import { styleBody, styleHeader, titleRow, toBuffer } from './excel-style.ts';

export const SUMMARY_HEADERS = [
  '排名',
  '地区',
  ...CATEGORIES.map((c) => `${CATEGORY_INFO[c].name}(15)`),
  '目标完成情况(75)',
  '工作推进情况(25)',
  '加分(≤10)',
  '减分',
  '总分',
];

/** One region's line of the ranking table; `points` renders a score (a number for Excel, text elsewhere). */
export function summaryRow<P>(s: RegionScoreSheet, points: (p: RegionScoreSheet['total']) => P = pointsToNumber as never): (number | string | P)[] {
  return [
    s.rank,
    s.regionName,
    ...CATEGORIES.map((c) => points(s.categories[c].points)),
    points(s.subtotals.targets),
    points(s.subtotals.progress),
    points(s.subtotals.bonus),
    points(s.subtotals.deductions),
    points(s.total),
  ];
}

export function assessmentTitle(result: AssessmentResult): string {
  return result.throughQuarter < 4
    ? `${result.year}年扬州市制造业“智改数转”考核模拟评分表(截至第${result.throughQuarter}季度)`
    : `${result.year}年扬州市制造业“智改数转”考核评分表`;
}

export function buildScoreWorkbook(result: AssessmentResult): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZGSZ';
  const summary = wb.addWorksheet('评分总表');
  titleRow(summary, assessmentTitle(result), SUMMARY_HEADERS.length);
  styleHeader(summary.addRow(SUMMARY_HEADERS));
  for (const s of result.sheets) styleBody(summary.addRow(summaryRow(s)), SUMMARY_HEADERS.length);
  summary.columns.forEach((col, i) => (col.width = i === 1 ? 16 : i === 0 ? 6 : 13));
  summary.getRow(2).height = 36;
  if (result.reference) summary.addRow([`依据:${result.reference}`]);

  for (const s of result.sheets) {
    const sheet = wb.addWorksheet(s.regionName.slice(0, 31));
    const headers = ['类别', '项目', '条款', '得分', '满分', '计分数据', '说明'];
    titleRow(sheet, `${s.regionName} ${s.year}年“智改数转”考核评分明细(总分${formatPoints(s.total)},第${s.rank}名)`, headers.length);
    styleHeader(sheet.addRow(headers));
    for (const l of s.lines) {
      const data = Object.entries(l.data)
        .map(([k, v]) => `${k}:${v}`)
        .join(';');
      styleBody(sheet.addRow([SECTION_NAMES[l.section], l.item, l.clause, pointsToNumber(l.points), l.max === null ? '' : pointsToNumber(l.max), data, l.explanation]), headers.length);
    }
    for (const [k, name] of Object.entries(SECTION_NAMES) as [keyof typeof SECTION_NAMES, string][]) {
      const row = sheet.addRow([`${name}小计`, '', '', pointsToNumber(s.subtotals[k])]);
      row.font = { bold: true };
    }
    const total = sheet.addRow(['总分', '', '', pointsToNumber(s.total)]);
    total.font = { bold: true };
    sheet.columns = [{ width: 22 }, { width: 26 }, { width: 14 }, { width: 8 }, { width: 8 }, { width: 40 }, { width: 80 }];
  }

  const readings = wb.addWorksheet('采用的解读');
  titleRow(readings, '评分细则中有歧义之处采用的解读(可在评分设置中调整)', 4);
  styleHeader(readings.addRow(['条款', '原文', '采用的解读', '设置']));
  for (const r of result.readings) styleBody(readings.addRow([r.clause, r.words, r.adopted, r.setting]), 4);
  readings.columns = [{ width: 18 }, { width: 50 }, { width: 60 }, { width: 40 }];
  return wb;
}

export const scoreWorkbookBuffer = (result: AssessmentResult): Promise<Buffer> => toBuffer(buildScoreWorkbook(result));
