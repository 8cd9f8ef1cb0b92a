// The Chinese score table for the terminal (`zgsz score`): columns aligned by display width (a CJK
// character takes two cells), optionally followed by each region's explained lines and the
// readings used.
import type { AssessmentResult } from '../../domain/scoring/index.ts';
import { CATEGORIES, formatPoints, SECTION_NAMES } from '../../domain/scoring/index.ts';
import { assessmentTitle, summaryRow } from './score-sheet-workbook.ts';

const SHORT: Record<(typeof CATEGORIES)[number], string> = {
  retrofit: '智能化改造',
  cloud: '上云用数',
  portrait: '数字画像',
  benchmark: '数字标杆',
  coverage: '覆盖率',
};

/** Display width: East Asian wide/full-width characters count two; ambiguous ones (“ ”) one, as wcwidth does. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

const pad = (s: string, width: number, right = false) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

export function renderTable(headers: string[], rows: string[][], numericFrom = 2): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i >= numericFrom)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderScoreTable(result: AssessmentResult, options: { explain?: boolean } = {}): string {
  const headers = ['排名', '地区', ...CATEGORIES.map((c) => SHORT[c]), '目标小计', '五个一', '加分', '减分', '总分'];
  const rows = result.sheets.map((s) => summaryRow(s, formatPoints).map(String));
  const out = [assessmentTitle(result), ...(result.reference ? [`依据:${result.reference}`] : []), '', renderTable(headers, rows)];
  if (!options.explain) {
    out.push('', '(--explain 显示每项得分的计算过程与采用的解读;--json 输出完整评分表)');
    return out.join('\n');
  }
  for (const s of result.sheets) {
    out.push('', `【${s.regionName}】总分 ${formatPoints(s.total)},第${s.rank}名`);
    let section = '';
    for (const l of s.lines) {
      if (l.section !== section) {
        section = l.section;
        out.push(`  ${SECTION_NAMES[l.section]}(小计 ${formatPoints(s.subtotals[l.section])})`);
      }
      out.push(`    ${l.item}  ${formatPoints(l.points)}分 [${l.clause}]`, `      ${l.explanation}`);
    }
  }
  out.push('', '采用的解读(可用 --settings 文件调整):');
  for (const r of result.readings) out.push(`  ${r.clause}“${r.words}”:${r.adopted}  [${r.setting}]`);
  return out.join('\n');
}
