import { describe, expect, it } from 'vitest';
import type { Workbook, Worksheet } from 'exceljs';
import ExcelJS from '../../lib/exceljs.ts';
import { DomainError } from '../../domain/errors.ts';
import { REGIONS } from '../../domain/regions.ts';
import { buildQuarterlyBulletin, DEFAULT_SETTINGS, parseAssessmentInput, scoreDistricts, TARGETS_2022 } from '../../domain/scoring/index.ts';
import { allWorkItemsDone, baseInput, fullActivities, onPaceHistory } from '../../domain/scoring/test-support.ts';
import { assessmentTemplateBuffer, parseAssessmentWorkbook } from './assessment-input-workbook.ts';
import { renderBulletinHtml } from './bulletin-html.ts';
import { bulletinWorkbookBuffer } from './bulletin-workbook.ts';
import { scoreWorkbookBuffer } from './score-sheet-workbook.ts';
import { displayWidth, renderScoreTable } from './score-table-text.ts';
import { parseTargetsWorkbook, targetsWorkbookBuffer } from './targets-workbook.ts';

const names = REGIONS.filter((r) => r.level !== 'city').map((r) => ({ id: r.id, name: r.name }));
const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};
const errorOf = async (p: Promise<unknown>): Promise<DomainError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('target table workbook (the text’s layout)', () => {
  it('exports and reads back the 2022 table unchanged', async () => {
    const table = await parseTargetsWorkbook(await targetsWorkbookBuffer(TARGETS_2022), 2022, names);
    expect(table.regions).toEqual(TARGETS_2022.regions);
  });

  it('reads names split over lines as in the text (经济技术\\n开发区) and refuses a bad cell naming row and column', async () => {
    const wb = await load(await targetsWorkbookBuffer(TARGETS_2022));
    const sheet = wb.getWorksheet('目标')!;
    sheet.getCell('B9').value = '经济技术\n开发区';
    const ok = await parseTargetsWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 2023, names);
    expect(ok.regions[6]!.regionId).toBe('yz-etdz');
    expect(ok.year).toBe(2023);
    sheet.getCell('C5').value = -3;
    const e = await errorOf(parseTargetsWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 2023, names));
    expect(e.field).toBe('rows[5].retrofit');
    expect(e.message).toContain('第5行');
    sheet.getCell('C5').value = 30;
    sheet.getCell('B6').value = '瘦西湖新区';
    expect((await errorOf(parseTargetsWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 2023, names))).message).toContain('未知地区“瘦西湖新区”');
  });

  it('refuses a file that is not a workbook', async () => {
    expect((await errorOf(parseTargetsWorkbook(Buffer.from('not a workbook'), 2022, names))).field).toBe('file');
  });
});

describe('assessment input workbook (zgsz score --input FILE.xlsx)', () => {
  /** Fills the template with baseInput's figures (everyone exactly on target) and one change. */
  async function filled(edit?: (wb: Workbook) => void): Promise<Buffer> {
    const wb = await load(await assessmentTemplateBuffer(TARGETS_2022));
    const figures = wb.getWorksheet('完成情况')!;
    TARGETS_2022.regions.forEach((t, i) => {
      figures.getRow(3 + i).values = [t.regionName, t.retrofit, t.cloud, t.portrait, t.benchmark, 40, 100];
    });
    const work = wb.getWorksheet('五个一')!;
    work.eachRow((row, n) => {
      if (n > 1) {
        row.getCell(3).value = '是';
        row.getCell(4).value = `${String(row.getCell(2).value)}文件`;
      }
    });
    const acts = wb.getWorksheet('推进活动')!;
    for (const t of TARGETS_2022.regions) {
      for (const a of fullActivities()) acts.addRow([t.regionName, a.date, { training: '专题培训', 'site-visit': '现场观摩', 'policy-briefing': '政策解读' }[a.type as 'training'], a.level === 'city' ? '市级' : '县(区)级', '是', a.title, a.evidence.join(';')]);
    }
    edit?.(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('a filled template scores exactly like the same figures given as JSON', async () => {
    const fromXlsx = scoreDistricts(await parseAssessmentWorkbook(await filled((wb) => {
      wb.getWorksheet('加分事项')!.addRow(['宝应县', '资金类项目', '国家级', '', '国家智能制造专项', '2022-05-01', '批复文件']);
      wb.getWorksheet('减分事项')!.addRow(['仪征市', '市', '报表逾期', '2022-06-01', '督办通知']);
    })));
    const json = baseInput();
    json.regions[0]!.bonusEvents = [{ kind: 'fund-project', level: 'national', subject: 'other', title: '国家智能制造专项', evidence: ['批复文件'] }];
    json.regions[2]!.deductions = [{ issuer: 'city', title: '报表逾期', evidence: ['督办通知'] }];
    const fromJson = scoreDistricts(parseAssessmentInput(JSON.parse(JSON.stringify({ year: 2022, regions: json.regions }))));
    expect(fromXlsx.sheets.map((s) => [s.regionId, s.total])).toEqual(fromJson.sheets.map((s) => [s.regionId, s.total]));
    expect(fromXlsx.sheets.find((s) => s.regionId === 'yz-baoying')!.subtotals.bonus).toBe(100);
    expect(fromXlsx.sheets.find((s) => s.regionId === 'yz-yizheng')!.subtotals.deductions).toBe(-20);
  });

  it('an error names the sheet and row it came from', async () => {
    const bad = await filled((wb) => (wb.getWorksheet('完成情况')!.getCell('C5').value = '七十'));
    const e = await errorOf(parseAssessmentWorkbook(bad));
    expect(e.message).toContain('「完成情况」第5行');
    expect(e.field).toBe('regions[2].completed.cloud');
    const noEvidence = await filled((wb) => (wb.getWorksheet('推进活动')!.getCell('G3').value = ''));
    const e2 = await errorOf(parseAssessmentWorkbook(noEvidence));
    expect(e2.message).toContain('「推进活动」第3行');
    const badType = await filled((wb) => (wb.getWorksheet('推进活动')!.getCell('C2').value = '座谈会'));
    expect((await errorOf(parseAssessmentWorkbook(badType))).message).toContain('无法识别“座谈会”');
  });
});

describe('exports', () => {
  const result = scoreDistricts(baseInput());

  it('the score workbook has the summary in ranking order, one sheet per region and the readings', async () => {
    const wb = await load(await scoreWorkbookBuffer(result));
    expect(wb.worksheets.map((w: Worksheet) => w.name)).toEqual(['评分总表', ...result.sheets.map((s) => s.regionName), '采用的解读']);
    const summary = wb.getWorksheet('评分总表')!;
    // row 3 is the first region: rank 1, total 100 (高邮/江都, see score-districts.test.ts)
    expect(summary.getCell('A3').value).toBe(1);
    expect(summary.getCell('L3').value).toBe(100);
  });

  it('the bulletin exports to Excel and to print-ready, escaped HTML', async () => {
    const records = TARGETS_2022.regions.map((t) => ({ regionId: t.regionId, workItems: allWorkItemsDone(), activities: fullActivities(), bonusEvents: [], deductions: [] }));
    records[0]!.workItems.workTeam = { done: false, evidence: [] };
    const b = buildQuarterlyBulletin({ year: 2022, quarter: 2, targets: TARGETS_2022, history: onPaceHistory(6), records }, DEFAULT_SETTINGS);
    const wb = await load(await bulletinWorkbookBuffer(b));
    expect(wb.worksheets.map((w: Worksheet) => w.name)).toEqual(['模拟评分排名', '滞后事项及整改要求', '月度跟踪调度表']);
    const html = renderBulletinHtml({ ...b, summary: `${b.summary}<script>alert(1)</script>` });
    expect(html).toContain('<title>2022年第二季度全市制造业“智改数转”工作督查通报</title>');
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('尚未完成“建立一个工作专班”');
  });

  it('the terminal table aligns columns by display width (a CJK character is two cells)', () => {
    expect(displayWidth('宝应县')).toBe(6);
    expect(displayWidth('“上云用数”')).toBe(10);
    const lines = renderScoreTable(result).split('\n').filter((l) => /^\d+ /.test(l));
    expect(lines).toHaveLength(8);
    const widths = new Set(lines.map((l) => displayWidth(l)));
    expect(widths.size).toBe(1);
  });
});
