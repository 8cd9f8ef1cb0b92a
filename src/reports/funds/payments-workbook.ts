// 资金拨付台账 as the finance bureau keeps it: one row per payment (or reclaim) with its voucher.
import ExcelJS from '../../lib/exceljs.ts';
import { fenToYuan } from '../../domain/policy/format.ts';
import { styleBody, styleHeader, titleRow, toBuffer } from '../assessment/excel-style.ts';

export interface PaymentLine {
  paidOn: string; voucher: string; kind: 'disburse' | 'reclaim'; purpose: string | null; fundName: string; fundLevel: string; number: string;
  enterpriseName: string; uscc: string; regionName: string; measureTitle: string; clause: string; approvedFen: number | null; amountFen: number; actorName: string;
}

const PURPOSE: Record<string, string> = { advance: '启动资金', award: '奖补资金' };
const signedYuan = (fen: number) => (fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(fen));
const HEADERS = ['序号', '支付日期', '凭证号', '类别', '资金名称', '资金级别', '申请编号', '企业名称', '统一社会信用代码', '所属地区', '支持项目', '政策依据', '核定金额(元)', '本次金额(元)', '经办人'];
const WIDTHS = [6, 12, 22, 10, 28, 8, 16, 30, 22, 12, 28, 18, 14, 14, 10];

export async function paymentsWorkbook(title: string, lines: PaymentLine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('拨付台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  titleRow(ws, title, HEADERS.length);
  styleHeader(ws.addRow(HEADERS));
  let total = 0;
  lines.forEach((l, i) => {
    // A reclaim is money coming back: negative in the ledger's sum.
    const signed = l.kind === 'reclaim' ? -l.amountFen : l.amountFen;
    total += signed;
    styleBody(ws.addRow([
      i + 1, l.paidOn, l.voucher, l.kind === 'reclaim' ? '追回' : PURPOSE[l.purpose ?? 'award'] ?? '奖补资金', l.fundName, l.fundLevel === 'city' ? '市级' : '县级',
      l.number, l.enterpriseName, l.uscc, l.regionName, l.measureTitle, l.clause, l.approvedFen === null ? '' : fenToYuan(l.approvedFen), signedYuan(signed), l.actorName,
    ]), HEADERS.length);
  });
  const sum = ws.addRow(['合计', '', '', '', '', '', '', '', '', '', '', '', '', signedYuan(total), '']);
  styleBody(sum, HEADERS.length);
  sum.font = { bold: true };
  WIDTHS.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return toBuffer(wb);
}
