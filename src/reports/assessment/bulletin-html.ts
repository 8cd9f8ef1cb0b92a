// Print-ready HTML of the 季度督查通报: one self-contained page (inline CSS, no scripts, no external
// resources) laid out for A4 landscape, in the order a bulletin is read — summary, ranking,
// lagging regions and what each must do, the tracking table, and the readings used.
import type { QuarterlyBulletin, TrackingRow, MonthlyTracking } from '../../domain/scoring/index.ts';
import { CATEGORIES, CATEGORY_INFO, formatCount, forecastStatusName, formatPoints, toPercent } from '../../domain/scoring/index.ts';
import { summaryRow } from './score-sheet-workbook.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const CSS = `
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; margin: 0 auto; max-width: 277mm; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 6pt; letter-spacing: 1pt; }
.doc-no { text-align: center; margin-bottom: 12pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
p.summary { text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 0.6pt solid #000; padding: 2pt 4pt; text-align: center; vertical-align: middle; }
th { background: #eef2f8; font-weight: bold; }
td.text { text-align: left; }
td.warn { background: #fde2e1; }
tr.total td { font-weight: bold; }
ol { margin: 0; padding-left: 1.4em; text-align: left; }
.readings td { text-align: left; font-size: 9pt; }
.footer { margin-top: 16pt; text-align: right; }
@media print { th, td.warn { -webkit-print-color-adjust: exact; print-color-adjust: exact; } h2 { page-break-after: avoid; } }
`;

function rankingTable(b: QuarterlyBulletin): string {
  const head = ['排名', '地区', ...CATEGORIES.map((c) => CATEGORY_INFO[c].name), '目标完成', '五个一', '加分', '减分', '总分'];
  const rows = b.assessment.sheets
    .map((s) => {
      const cells = summaryRow(s, formatPoints);
      return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

function trackingTable(t: MonthlyTracking): string {
  const top = `<tr><th rowspan="2">地区</th>${CATEGORIES.map((c) => `<th colspan="4">${escapeHtml(CATEGORY_INFO[c].name)}</th>`).join('')}</tr>`;
  const sub = `<tr>${CATEGORIES.map(() => '<th>目标</th><th>完成</th><th>完成率</th><th>预警</th>').join('')}</tr>`;
  const row = (r: TrackingRow | MonthlyTracking['cityTotal'], cls = '') =>
    `<tr class="${cls}"><td>${escapeHtml(r.regionName)}</td>${CATEGORIES.map((c) => {
      const cell = r.cells[c];
      const warn = cell.forecast && cell.forecast.status !== 'on-track';
      return (
        `<td>${cell.target}</td><td>${cell.actual}</td>` +
        `<td class="${cell.behindSchedule ? 'warn' : ''}">${escapeHtml(toPercent(cell.rate))}</td>` +
        `<td class="${warn ? 'warn' : ''}">${cell.forecast ? escapeHtml(`${forecastStatusName(cell.forecast)}(${formatCount(cell.forecast.projected)})`) : ''}</td>`
      );
    }).join('')}</tr>`;
  return `<table><thead>${top}${sub}</thead><tbody>${t.rows.map((r) => row(r)).join('\n')}${row(t.cityTotal, 'total')}</tbody></table>`;
}

function findingsTable(b: QuarterlyBulletin): string {
  if (b.lagging.length === 0) return '<p>本季度无滞后地区。</p>';
  const list = (items: string[]) => `<ol>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>`;
  const rows = b.lagging
    .map((f) => `<tr><td>${escapeHtml(f.regionName)}</td><td class="text">${list(f.reasons)}</td><td class="text">${list(f.actions)}</td></tr>`)
    .join('\n');
  return `<table><thead><tr><th style="width:12%">地区</th><th style="width:38%">滞后事项</th><th>整改要求</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderBulletinHtml(b: QuarterlyBulletin, issuedBy = '扬州市“智改数转”工作领导小组办公室'): string {
  const readings = b.assessment.readings
    .map((r) => `<tr><td>${escapeHtml(r.clause)}</td><td>${escapeHtml(r.words)}</td><td>${escapeHtml(r.adopted)}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(b.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(b.title)}</h1>
<div class="doc-no">${escapeHtml(`${b.year}年第${b.quarter}期`)}</div>
<p class="summary">${escapeHtml(b.summary)}</p>
<h2>一、模拟评分排名</h2>
<p class="summary">按截至本季度末的完成情况,依《扬州市制造业“智改数转”评分细则》(扬府发〔2022〕20号附件2)模拟评分;推进活动只检查已结束的季度。</p>
${rankingTable(b)}
<h2>二、滞后地区及整改要求</h2>
${findingsTable(b)}
<h2>三、目标任务跟踪情况(截至${b.tracking.month}月底,序时进度${escapeHtml(toPercent(b.tracking.timeProgress))})</h2>
${trackingTable(b.tracking)}
<h2>四、评分采用的解读</h2>
<table class="readings"><thead><tr><th style="width:14%">条款</th><th style="width:36%">原文</th><th>采用的解读</th></tr></thead><tbody>${readings}</tbody></table>
<div class="footer">${escapeHtml(issuedBy)}</div>
</body>
</html>
`;
}
