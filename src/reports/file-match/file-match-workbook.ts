// 免申即享匹配结果 as a workbook: 汇总 (per measure: matched, not met, missing facts, amounts and,
// with overrides, the what-if change), 名单 (one row per enterprise and measure matched), 缺少事实
// (which facts the file lacks, per measure), 参数 (the overrides used).
import type ExcelJS from 'exceljs';
import ExcelJSLib from '../../lib/exceljs.ts';
import { fenToYuan } from '../../domain/policy/format.ts';
import type { FileMatchResult } from '../../domain/policy/file-match.ts';
import { styleBody, styleHeader, titleRow, toBuffer } from '../assessment/excel-style.ts';

const yuan = (fen: number | null) => (fen === null ? '不设上限' : fenToYuan(fen));
const signed = (a: number | null, b: number | null) => (a === null || b === null ? '—' : `${b - a >= 0 ? '+' : '-'}${fenToYuan(Math.abs(b - a))}`);

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headers: string[], widths: number[], rows: (string | number)[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  titleRow(ws, title, headers.length);
  styleHeader(ws.addRow(headers));
  for (const r of rows) styleBody(ws.addRow(r), headers.length);
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
}

export async function fileMatchWorkbook(r: FileMatchResult, filterText: string): Promise<Buffer> {
  const wb = new ExcelJSLib.Workbook();
  const head = `${r.policy.title} 免申即享匹配(评估日 ${r.date};${filterText};企业 ${r.enterprises} 家,符合 ${r.entitled} 家)`;
  const whatIf = r.overrides.length > 0;
  const headers = ['措施', '条款', '承担层级', '符合(家)', '不符合(家)', '缺少事实(家)', '金额下限(元)', '金额上限(元)',
    ...(whatIf ? ['what-if 符合(家)', 'what-if 上限(元)', '上限增减(元)'] : [])];
  sheet(wb, '汇总', head, headers, [34, 18, 10, 10, 10, 12, 16, 16, ...(whatIf ? [14, 16, 16] : [])], [
    ...r.measures.map((m) => [m.title, m.clause, m.payerLabel, m.eligible, m.notEligible, m.missing, fenToYuan(m.min), yuan(m.max),
      ...(m.scenario ? [m.scenario.eligible, yuan(m.scenario.max), signed(m.max, m.scenario.max)] : [])]),
    ['合计', '', '', r.entitled, '', '', fenToYuan(r.total.min), yuan(r.total.max),
      ...(r.scenarioTotal ? ['', yuan(r.scenarioTotal.max), signed(r.total.max, r.scenarioTotal.max)] : [])],
  ]);
  const title = new Map(r.measures.map((m) => [m.id, m.title]));
  sheet(wb, '名单', `${head}${r.matchesTruncated ? `(名单只列前 ${r.matches.length} 条)` : ''}`,
    ['序号', '企业名称', '统一社会信用代码', '所属地区', '措施', '条款', '金额下限(元)', '金额上限(元)'], [6, 32, 22, 12, 34, 18, 16, 16],
    r.matches.map((x, i) => [i + 1, x.name, x.uscc, x.region, title.get(x.measureId) ?? x.measureId, x.clause, fenToYuan(x.min), yuan(x.max)]));
  sheet(wb, '缺少事实', '档案中未记录、措施需要的事实(按企业数)', ['措施', '条款', '缺少的事实', '企业(家)'], [34, 18, 40, 10],
    r.measures.flatMap((m) => m.missingFacts.map((f) => [m.title, m.clause, f.label, f.enterprises])));
  if (whatIf) {
    sheet(wb, '参数', 'what-if 参数覆盖', ['参数', '原文取值', '覆盖取值', '条款'], [30, 20, 20, 18],
      r.overrides.map((o) => [o.label, o.original ?? '', o.value, o.clause]));
  }
  return toBuffer(wb);
}
