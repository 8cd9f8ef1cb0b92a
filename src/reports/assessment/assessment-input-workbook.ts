// One year's assessment figures as a workbook, for `zgsz score --input FILE.xlsx`: the template
// (with the scored regions filled in) and the reader. The reader turns the sheets into the same
// document as the JSON input and hands it to parseAssessmentInput, so both paths share every
// check; an error is then reported with the sheet and row it came from.
//   完成情况: 年度 on row 1; 地区, the four counts, 实施项目规上企业数, 规上企业总数
//   五个一:   地区, 事项, 是否完成, 证明材料
//   推进活动: 地区, 日期, 类型, 级别, 当地政府承办, 活动名称, 证明材料
//   加分事项: 地区, 类别, 级别, 特殊事项, 名称, 日期, 证明材料
//   减分事项: 地区, 下达单位, 名称, 日期, 证明材料
//   目标:     optional; the target table (built-in table of the year when absent)
import type { Workbook, Worksheet } from 'exceljs';
import ExcelJS from '../../lib/exceljs.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { AssessmentInput, TargetTable } from '../../domain/scoring/index.ts';
import {
  ACTIVITY_TYPE_NAMES,
  BONUS_KIND_NAMES,
  BUILT_IN_TARGETS,
  LEVEL_NAMES,
  parseAssessmentInput,
  WORK_ITEM_NAMES,
} from '../../domain/scoring/index.ts';
import { cellText } from '../../lib/excel-cell.ts';
import { styleHeader, toBuffer } from './excel-style.ts';
import { addTargetsSheet, normalizeLabel, readTargetsSheet, TARGETS_SHEET } from './targets-workbook.ts';

const SHEETS = {
  figures: { name: '完成情况', headers: ['地区', '智能化改造项目', '“上云用数”项目', '“数字画像”诊断项目', '“数字标杆”创建项目', '实施项目规上企业数', '规上企业总数'] },
  work: { name: '五个一', headers: ['地区', '事项', '是否完成', '证明材料'] },
  activities: { name: '推进活动', headers: ['地区', '日期', '类型', '级别', '当地政府承办', '活动名称', '证明材料'] },
  bonus: { name: '加分事项', headers: ['地区', '类别', '级别', '特殊事项', '名称', '日期', '证明材料'] },
  deductions: { name: '减分事项', headers: ['地区', '下达单位', '名称', '日期', '证明材料'] },
} as const;

const WORK_ITEM_LABELS: Record<string, string> = {
  工作专班: 'workTeam',
  行动计划: 'actionPlan',
  奖补政策: 'subsidyPolicy',
  一库一图一方案: 'industrialChain',
  ...Object.fromEntries(Object.entries(WORK_ITEM_NAMES).map(([k, v]) => [normalizeLabel(v), k])),
};
const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const ACTIVITY_LABELS = invert(ACTIVITY_TYPE_NAMES);
const LEVEL_LABELS: Record<string, string> = { ...invert(LEVEL_NAMES), 县级: 'county', 区级: 'county', 县区级: 'county' };
const BONUS_LABELS: Record<string, string> = { ...invert(BONUS_KIND_NAMES), 资金类: 'fund-project', 认定类: 'recognition', 表彰: 'commendation' };
const SUBJECT_LABELS: Record<string, string> = { '': 'other', 无: 'other', 其他: 'other', 星级上云: 'star-cloud', 两化融合贯标: 'integration-standard' };
const ISSUER_LABELS: Record<string, string> = { 省: 'provincial', 省级: 'provincial', 市: 'city', 市级: 'city' };
const YES = new Set(['是', '已完成', '完成', 'Y', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '未完成', 'N', 'n', 'no', 'false', '0', '×', '']);

// ---------------- template ----------------

export function buildAssessmentTemplate(targets: TargetTable): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZGSZ';
  const figures = wb.addWorksheet(SHEETS.figures.name);
  figures.addRow(['年度', targets.year]);
  styleHeader(figures.addRow([...SHEETS.figures.headers]));
  for (const r of targets.regions) figures.addRow([r.regionName, 0, 0, 0, 0, 0, 0]);
  figures.columns.forEach((c) => (c.width = 18));
  const work = wb.addWorksheet(SHEETS.work.name);
  styleHeader(work.addRow([...SHEETS.work.headers]));
  for (const r of targets.regions) for (const label of ['工作专班', '行动计划', '奖补政策', '一库一图一方案']) work.addRow([r.regionName, label, '否', '']);
  work.columns = [{ width: 16 }, { width: 18 }, { width: 10 }, { width: 60 }];
  for (const key of ['activities', 'bonus', 'deductions'] as const) {
    const sheet = wb.addWorksheet(SHEETS[key].name);
    styleHeader(sheet.addRow([...SHEETS[key].headers]));
    sheet.columns.forEach((c) => (c.width = 18));
  }
  const notes = wb.addWorksheet('填表说明');
  for (const line of [
    '完成情况:按《指标说明》计数——智能化改造项目须当年获县级及以上奖补资金;上云用数项目须有星级上云认定;数字画像须有完整协议/合同/诊断报告;数字标杆须有认定文件。',
    '五个一:是否完成填“是/否”;填“是”的须在“证明材料”列列出文件、新闻报道、图片视频等(多项用分号分隔)。',
    `推进活动:类型填 ${Object.values(ACTIVITY_TYPE_NAMES).join('/')};级别填 ${Object.values(LEVEL_NAMES).join('/')};当地政府承办填 是/否;日期如 2022-03-15。`,
    `加分事项:类别填 ${Object.values(BONUS_KIND_NAMES).join('/')};级别填 国家级/省级(市级及以下不加分);特殊事项填 星级上云/两化融合贯标 或留空。`,
    '减分事项:下达单位填 省/市。',
    '目标:可修改目标表;删除该表则使用该年度内置目标表。',
  ]) {
    notes.addRow([line]);
  }
  notes.getColumn(1).width = 120;
  addTargetsSheet(wb, targets, TARGETS_SHEET);
  return wb;
}

export const assessmentTemplateBuffer = (targets: TargetTable): Promise<Buffer> => toBuffer(buildAssessmentTemplate(targets));

// ---------------- reader ----------------

interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

function readRows(sheet: Worksheet, headers: readonly string[], headerRowNumber: number): SheetRow[] {
  const header = sheet.getRow(headerRowNumber);
  const col = new Map<string, number>();
  header.eachCell((cell, n) => col.set(normalizeLabel(cellText(cell.value)), n));
  for (const h of headers) {
    if (!col.has(normalizeLabel(h))) throw invalid(`${sheet.name}.header`, `「${sheet.name}」表第${headerRowNumber}行缺少列“${h}”:请使用 zgsz score --template 生成的模板`);
  }
  const rows: SheetRow[] = [];
  sheet.eachRow((row, n) => {
    if (n <= headerRowNumber) return;
    const cells = Object.fromEntries(headers.map((h) => [h, cellText(row.getCell(col.get(normalizeLabel(h))!).value)]));
    if (Object.values(cells).every((v) => v === '')) return;
    rows.push({ row: n, cells });
  });
  return rows;
}

/** A numeric cell as a number; anything else passes through so the shared checks name it. */
const numberOrRaw = (v: string): unknown => (v === '' ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
const evidenceList = (v: string): string[] => v.split(/[;;\n]/).map((s) => s.trim()).filter(Boolean);
const dateText = (v: string): string => v.replace(/[./年月]/g, '-').replace(/日$/, '').replace(/-(\d)(?=-|$)/g, '-0$1');

function lookup(map: Record<string, string>, v: string, where: string, field: string, what: string): string {
  const key = map[v] ?? map[normalizeLabel(v)];
  if (key === undefined) {
    const options = [...new Set(Object.keys(map).filter(Boolean))].join('/');
    throw invalid(field, `${where}“${what}”无法识别“${v}”,应为 ${options}`);
  }
  return key;
}

function yesNo(v: string, where: string, field: string, what: string): boolean {
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  throw invalid(field, `${where}“${what}”应填 是/否,收到“${v}”`);
}

type Located = { sheet: string; row: number };

/** Reads the workbook into an AssessmentInput; errors name the sheet and row. */
export async function parseAssessmentWorkbook(data: Buffer | ArrayBuffer, regionNames: readonly { id: string; name: string }[] = []): Promise<AssessmentInput> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    throw invalid('file', '无法读取该文件:须为 .xlsx 格式(可用 zgsz score --template 生成模板)');
  }
  const sheet = (key: keyof typeof SHEETS, required: boolean) => {
    const s = wb.getWorksheet(SHEETS[key].name);
    if (!s && required) throw invalid('file', `文件中缺少「${SHEETS[key].name}」表`);
    return s;
  };
  const figuresSheet = sheet('figures', true)!;
  const yearText = cellText(figuresSheet.getCell(1, 2).value);
  if (cellText(figuresSheet.getCell(1, 1).value) !== '年度' || !/^\d{4}$/.test(yearText)) {
    throw invalid('year', `「${SHEETS.figures.name}」表第1行应为“年度 | 2022”这样的年度,收到“${yearText}”`);
  }
  const year = Number(yearText);

  // Targets: the sheet if present, else the built-in table; names resolve through them.
  const targetsSheet = wb.getWorksheet(TARGETS_SHEET);
  const known = [...regionNames, ...(BUILT_IN_TARGETS.get(year)?.regions ?? []).map((r) => ({ id: r.regionId, name: r.regionName }))];
  let targetsDoc: { regions: Record<string, unknown>[] } | undefined;
  const locations: Record<string, Located[]> = { targets: [], regions: [] };
  if (targetsSheet) {
    const t = readTargetsSheet(targetsSheet, year, known.length ? known : []);
    targetsDoc = {
      regions: t.regions.map((r) => ({
        regionId: r.regionId,
        regionName: r.regionName,
        retrofit: r.retrofit,
        cloud: r.cloud,
        portrait: r.portrait,
        benchmark: r.benchmark,
        coveragePercent: (r.coverageBasisPoints / 100).toString(),
      })),
    };
    locations.targets = t.rowNumbers.map((row) => ({ sheet: TARGETS_SHEET, row }));
    for (const r of t.regions) known.push({ id: r.regionId, name: r.regionName });
  }
  const idOf = (name: string) => known.find((k) => normalizeLabel(k.name) === normalizeLabel(name) || k.id === name)?.id;

  const regions: Record<string, unknown>[] = [];
  const indexOf = new Map<string, number>();
  const sub: Record<string, Located[][]> = { activities: [], bonusEvents: [], deductions: [] };
  const workRows = new Map<string, Located>();
  for (const r of readRows(figuresSheet, SHEETS.figures.headers, 2)) {
    const c = r.cells;
    const id = idOf(c['地区']!) ?? c['地区']!;
    indexOf.set(id, regions.length);
    locations.regions!.push({ sheet: SHEETS.figures.name, row: r.row });
    regions.push({
      regionId: id,
      completed: {
        retrofit: numberOrRaw(c['智能化改造项目']!),
        cloud: numberOrRaw(c['“上云用数”项目']!),
        portrait: numberOrRaw(c['“数字画像”诊断项目']!),
        benchmark: numberOrRaw(c['“数字标杆”创建项目']!),
      },
      coverage: { covered: numberOrRaw(c['实施项目规上企业数']!), total: numberOrRaw(c['规上企业总数']!) },
      workItems: {},
      activities: [],
      bonusEvents: [],
      deductions: [],
    });
    for (const k of Object.keys(sub)) sub[k]!.push([]);
  }
  const regionFor = (name: string, where: string, sheetName: string, row: number): number => {
    const id = idOf(name) ?? name;
    const i = indexOf.get(id);
    if (i === undefined) throw invalid(`${sheetName}[${row}].地区`, `${where}“地区”:“${name}”不在「${SHEETS.figures.name}」表中`);
    return i;
  };

  const workSheet = sheet('work', false);
  if (workSheet) {
    for (const r of readRows(workSheet, SHEETS.work.headers, 1)) {
      const where = `「${SHEETS.work.name}」第${r.row}行`;
      const i = regionFor(r.cells['地区']!, where, SHEETS.work.name, r.row);
      const item = lookup(WORK_ITEM_LABELS, r.cells['事项']!, where, `${SHEETS.work.name}[${r.row}].事项`, '事项');
      const done = yesNo(r.cells['是否完成']!, where, `${SHEETS.work.name}[${r.row}].是否完成`, '是否完成');
      (regions[i]!.workItems as Record<string, unknown>)[item] = { done, evidence: evidenceList(r.cells['证明材料']!) };
      workRows.set(`${i}.${item}`, { sheet: SHEETS.work.name, row: r.row });
    }
  }
  const activitySheet = sheet('activities', false);
  if (activitySheet) {
    for (const r of readRows(activitySheet, SHEETS.activities.headers, 1)) {
      const where = `「${SHEETS.activities.name}」第${r.row}行`;
      const f = (h: string) => `${SHEETS.activities.name}[${r.row}].${h}`;
      const i = regionFor(r.cells['地区']!, where, SHEETS.activities.name, r.row);
      (regions[i]!.activities as unknown[]).push({
        date: dateText(r.cells['日期']!),
        type: lookup(ACTIVITY_LABELS, r.cells['类型']!, where, f('类型'), '类型'),
        level: lookup(LEVEL_LABELS, r.cells['级别']!, where, f('级别'), '级别'),
        hostedByLocalGovernment: yesNo(r.cells['当地政府承办']!, where, f('当地政府承办'), '当地政府承办'),
        title: r.cells['活动名称']!,
        evidence: evidenceList(r.cells['证明材料']!),
      });
      sub.activities![i]!.push({ sheet: SHEETS.activities.name, row: r.row });
    }
  }
  const bonusSheet = sheet('bonus', false);
  if (bonusSheet) {
    for (const r of readRows(bonusSheet, SHEETS.bonus.headers, 1)) {
      const where = `「${SHEETS.bonus.name}」第${r.row}行`;
      const f = (h: string) => `${SHEETS.bonus.name}[${r.row}].${h}`;
      const i = regionFor(r.cells['地区']!, where, SHEETS.bonus.name, r.row);
      (regions[i]!.bonusEvents as unknown[]).push({
        kind: lookup(BONUS_LABELS, r.cells['类别']!, where, f('类别'), '类别'),
        level: lookup(LEVEL_LABELS, r.cells['级别']!, where, f('级别'), '级别'),
        subject: lookup(SUBJECT_LABELS, r.cells['特殊事项']!, where, f('特殊事项'), '特殊事项'),
        title: r.cells['名称']!,
        ...(r.cells['日期'] ? { date: dateText(r.cells['日期']) } : {}),
        evidence: evidenceList(r.cells['证明材料']!),
      });
      sub.bonusEvents![i]!.push({ sheet: SHEETS.bonus.name, row: r.row });
    }
  }
  const deductionSheet = sheet('deductions', false);
  if (deductionSheet) {
    for (const r of readRows(deductionSheet, SHEETS.deductions.headers, 1)) {
      const where = `「${SHEETS.deductions.name}」第${r.row}行`;
      const i = regionFor(r.cells['地区']!, where, SHEETS.deductions.name, r.row);
      (regions[i]!.deductions as unknown[]).push({
        issuer: lookup(ISSUER_LABELS, r.cells['下达单位']!, where, `${SHEETS.deductions.name}[${r.row}].下达单位`, '下达单位'),
        title: r.cells['名称']!,
        ...(r.cells['日期'] ? { date: dateText(r.cells['日期']) } : {}),
        evidence: evidenceList(r.cells['证明材料']!),
      });
      sub.deductions![i]!.push({ sheet: SHEETS.deductions.name, row: r.row });
    }
  }

  try {
    return parseAssessmentInput({ year, ...(targetsDoc ? { targets: targetsDoc } : {}), regions });
  } catch (e) {
    if (!(e instanceof DomainError) || !e.field) throw e;
    const at = locate(e.field, locations, sub, workRows);
    if (!at) throw e;
    throw new DomainError(e.code, `「${at.sheet}」第${at.row}行:${e.message}`, e.field, { sheet: at.sheet, row: at.row });
  }
}

/** Maps a field of the JSON document (regions[2].activities[1].date) back to its sheet and row. */
function locate(field: string, locations: Record<string, Located[]>, sub: Record<string, Located[][]>, workRows: Map<string, Located>): Located | undefined {
  const t = /^targets\.regions\[(\d+)\]/.exec(field);
  if (t) return locations.targets?.[Number(t[1])];
  const m = /^regions\[(\d+)\](?:\.(workItems|activities|bonusEvents|deductions)(?:\[(\d+)\]|\.(\w+)))?/.exec(field);
  if (!m) return undefined;
  const i = Number(m[1]);
  if (!m[2]) return locations.regions?.[i];
  if (m[2] === 'workItems') return workRows.get(`${i}.${m[4]}`) ?? locations.regions?.[i];
  const list = sub[m[2]]?.[i] ?? [];
  if (m[3] !== undefined) return list[Number(m[3])];
  return list[0] ?? locations.regions?.[i];
}
