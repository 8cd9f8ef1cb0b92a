// Excel of the ten actions' 月度跟踪调度表 (one row per indicator, grouped under its action, in the
// order of the text) and of the 季度督查通报, and the bulletin as a print page. Figures come
// formatted from the use cases (个 / % / 万元), so the sheet reads as the office writes it.
import type { Workbook } from 'exceljs';
import ExcelJS from '../../lib/exceljs.ts';
import { escapeHtml } from '../assessment/bulletin-html.ts';
import { styleBody, styleHeader, THIN, titleRow, toBuffer, WARN_FILL } from '../assessment/excel-style.ts';
import type { DispatchTable } from '../../use-cases/plan/dispatch-table.ts';
import type { QuarterlyBulletin } from '../../use-cases/plan/quarterly-bulletin.ts';
import type { PresentedRow } from '../../use-cases/plan/plan-support.ts';

export const LIGHT_NAMES = { green: '可完成', amber: '有风险', red: '滞后', none: '—' } as const;
export const STATE_NAMES = { 'on-time': '按时', late: '逾期报送', overdue: '未报(已逾期)', pending: '未到期' } as const;
export const AGREEMENT_NAMES = { agrees: '一致', differs: '与平台记录不一致', 'below-records': '低于平台记录' } as const;

const percent = (bp: number | null) => (bp === null ? '' : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`);

const HEAD = ['序号', '指标', '报送单位', '年度目标', '本月数据', '完成率', '预计年底', '预警', '平台记录', '核对', '报送情况', '报送日期', '说明'];

function rowValues(r: PresentedRow, index: string): (string | number)[] {
  return [
    index, r.regionName ? `${r.name}·${r.regionName}` : r.name, r.reporterName ?? '',
    r.goal ? `${r.goal.display}${r.goal.stated ? '' : '(进度参考)'}` : '文件未设',
    r.report.current?.display ?? '', percent(r.completion), r.projectedDisplay ?? '', LIGHT_NAMES[r.light],
    r.records?.display ?? '', r.records?.agreement ? AGREEMENT_NAMES[r.records.agreement] : '',
    STATE_NAMES[r.report.state], r.report.current?.firstReportedOn ?? `应于 ${r.report.due} 前`, r.report.current?.note ?? '',
  ];
}

export function addDispatchSheet(wb: Workbook, t: DispatchTable): void {
  const sheet = wb.addWorksheet('月度跟踪调度表');
  titleRow(sheet, `${t.year}年${t.month}月全市制造业“智改数转”十大行动跟踪调度表`, HEAD.length);
  styleHeader(sheet.addRow(HEAD));
  for (const a of t.actions) {
    const head = sheet.addRow([`${a.clause} ${a.title}`]);
    sheet.mergeCells(head.number, 1, head.number, HEAD.length);
    head.font = { bold: true };
    head.getCell(1).border = THIN;
    a.rows.forEach((r, i) => {
      const row = sheet.addRow(rowValues(r, String(i + 1)));
      styleBody(row, HEAD.length);
      if (r.light === 'red' || r.light === 'amber') row.getCell(8).fill = WARN_FILL;
      if (r.records?.agreement && r.records.agreement !== 'agrees') row.getCell(10).fill = WARN_FILL;
      if (r.report.state === 'overdue' || r.report.state === 'late') row.getCell(11).fill = WARN_FILL;
    });
  }
  sheet.addRow([]);
  const note = sheet.addRow(['说明:本月数据为月末数(年度指标为本年累计,累计指标为累计总数,比率为当月水平);预计年底按本年进度推算;预警“可完成/有风险/滞后”为预计年底达到目标、达到目标的设定比例、低于该比例;“进度参考”为两个文件目标之间按直线推算的年度进度,非文件目标。']);
  sheet.mergeCells(note.number, 1, note.number, HEAD.length);
  note.getCell(1).alignment = { wrapText: true };
  sheet.columns.forEach((col, i) => (col.width = [6, 34, 14, 14, 12, 10, 12, 8, 12, 14, 12, 14, 30][i] ?? 12));
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
}

export async function dispatchWorkbook(t: DispatchTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addDispatchSheet(wb, t);
  return toBuffer(wb);
}

export async function bulletinWorkbook(b: QuarterlyBulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('督查通报');
  titleRow(s, b.header.title, 8);
  s.addRow([`${b.header.issuer}  ${b.header.date}`]);
  s.addRow([b.header.basis]);
  s.addRow([`截至${b.year}年${b.throughMonth}月,${b.summary.indicators}项指标中可完成${b.summary.green}项、有风险${b.summary.amber}项、滞后${b.summary.red}项、无年度目标${b.summary.none}项。`]);
  s.addRow([]);
  styleHeader(s.addRow(['行动', '可完成', '有风险', '滞后', '无年度目标']));
  for (const a of b.actions) styleBody(s.addRow([`${a.clause} ${a.title}`, a.green, a.amber, a.red, a.none]), 5);
  s.addRow([]);
  styleHeader(s.addRow(['滞后与有风险的指标', '报送单位', '年度目标', '最新数据', '完成率', '预计年底', '预警']));
  for (const r of b.lagging) {
    const row = s.addRow([r.regionName ? `${r.name}·${r.regionName}` : r.name, r.reporterName ?? '', r.goal?.display ?? '', r.latest?.display ?? '', percent(r.completion), r.projectedDisplay ?? '', LIGHT_NAMES[r.light]]);
    styleBody(row, 7);
    row.getCell(7).fill = WARN_FILL;
  }
  s.addRow([]);
  styleHeader(s.addRow(['报送单位', '未报送', '逾期报送']));
  for (const d of b.discipline) styleBody(s.addRow([d.unit, d.missing.join(';'), d.late.join(';')]), 3);
  s.addRow([]);
  styleHeader(s.addRow(['与平台记录不一致', '报送单位', '报送数据', '平台记录', '核对']));
  for (const r of b.disagreements) styleBody(s.addRow([r.regionName ? `${r.name}·${r.regionName}` : r.name, r.reporterName ?? '', r.report.current?.display ?? '', r.records?.display ?? '', r.records?.agreement ? AGREEMENT_NAMES[r.records.agreement] : '']), 5);
  s.columns.forEach((col, i) => (col.width = i === 0 ? 40 : i === 1 ? 28 : 14));
  return toBuffer(wb);
}

const CSS = `
@page { size: A4 portrait; margin: 18mm 16mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; margin: 0 auto; max-width: 178mm; font-size: 11pt; line-height: 1.6; color: #000; }
.issuer { text-align: center; color: #c00; font-size: 20pt; font-weight: bold; letter-spacing: 2pt; border-bottom: 2pt solid #c00; padding-bottom: 6pt; }
h1 { font-size: 16pt; text-align: center; margin: 14pt 0 4pt; }
.date { text-align: center; margin-bottom: 10pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
p { text-indent: 2em; margin: 4pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
th, td { border: 0.6pt solid #000; padding: 2pt 4pt; text-align: center; white-space: nowrap; }
td.text { text-align: left; white-space: normal; }
th { background: #eef2f8; }
td.warn { background: #fde2e1; }
@media print { th, td.warn { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

/** The bulletin as one self-contained page (no scripts, no external resources) for printing. */
export function bulletinHtml(b: QuarterlyBulletin): string {
  const e = escapeHtml;
  const table = (head: string[], rows: string[][], warnCol = -1) => `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${
    rows.length ? rows.map((r) => `<tr>${r.map((c, i) => `<td class="${i === 0 ? 'text' : ''}${i === warnCol ? ' warn' : ''}">${e(c)}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${head.length}">无</td></tr>`}</tbody></table>`;
  const name = (r: PresentedRow) => (r.regionName ? `${r.name}·${r.regionName}` : r.name);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(b.header.title)}</title><style>${CSS}</style></head><body>
<div class="issuer">${e(b.header.issuer)}</div>
<h1>${e(b.header.title)}</h1>
<div class="date">${e(b.header.date)}</div>
<p>${e(b.header.basis)},现将截至${b.year}年${b.throughMonth}月各项指标推进情况通报如下。</p>
<h2>一、总体情况</h2>
<p>${b.summary.indicators}项指标中,预计年底可完成${b.summary.green}项,有风险${b.summary.amber}项,滞后${b.summary.red}项,本年度文件未设目标${b.summary.none}项。</p>
${table(['行动', '可完成', '有风险', '滞后', '无年度目标'], b.actions.map((a) => [`${a.clause} ${a.title}`, String(a.green), String(a.amber), String(a.red), String(a.none)]))}
<h2>二、滞后与有风险的指标</h2>
${table(['指标', '报送单位', '年度目标', '最新数据', '完成率', '预计年底', '预警'], b.lagging.map((r) => [name(r), r.reporterName ?? '', r.goal?.display ?? '', r.latest?.display ?? '', percent(r.completion), r.projectedDisplay ?? '', LIGHT_NAMES[r.light]]), 6)}
<h2>三、报送情况</h2>
${table(['报送单位', '未报送', '逾期报送'], b.discipline.map((d) => [d.unit, d.missing.join(';') || '—', d.late.join(';') || '—']))}
<h2>四、与平台记录不一致的数据</h2>
${table(['指标', '报送单位', '报送数据', '平台记录', '核对'], b.disagreements.map((r) => [name(r), r.reporterName ?? '', r.report.current?.display ?? '', r.records?.display ?? '', r.records?.agreement ? AGREEMENT_NAMES[r.records.agreement] : '']), 4)}
<p>请滞后和有风险指标的责任单位对照目标倒排进度;未按时报送的单位请于下月调度前补报;与平台记录不一致的数据请核实后更正并说明原因。</p>
</body></html>`;
}
