// 季度督查通报 (实施意见 三(三) "季度督查通报"): after each quarter, the provisional score and ranking
// of the year so far (附件2 applied to the cumulative figures, activities checked for the quarters
// that have ended), the tracking table at the quarter's last month, the forecast, the regions that
// lag, and what each must do before the year ends.
import type { Category } from './categories.ts';
import { CATEGORIES, CATEGORY_INFO } from './categories.ts';
import type { CategoryForecast, ForecastMethod } from './forecast.ts';
import { forecastStatusName } from './forecast.ts';
import type { RegionFigures } from './input.ts';
import type { ProgressSnapshot } from './progress.ts';
import { snapshotsFor } from './progress.ts';
import { toPercent } from './rational.ts';
import { WORK_ITEM_NAMES } from './records.ts';
import type { AssessmentResult } from './score-districts.ts';
import { scoreDistricts } from './score-districts.ts';
import type { ScoringSettings } from './settings.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import type { TargetTable } from './target-table.ts';
import type { MonthlyTracking } from './tracking.ts';
import { buildMonthlyTracking } from './tracking.ts';
import { invalid } from '../errors.ts';

export type RegionRecords = Pick<RegionFigures, 'regionId' | 'workItems' | 'activities' | 'bonusEvents' | 'deductions'>;

export interface BulletinInput {
  year: number;
  quarter: number;
  targets: TargetTable;
  /** Monthly cumulative progress; must contain the quarter's last month for every scored region. */
  history: ProgressSnapshot[];
  records: RegionRecords[];
}

export interface RegionFinding {
  regionId: string;
  regionName: string;
  rank: number;
  /** Why the region lags (empty: not lagging). */
  reasons: string[];
  /** What the region must do, in the order of 附件2. */
  actions: string[];
}

export interface QuarterlyBulletin {
  year: number;
  quarter: number;
  title: string;
  /** The provisional assessment of the year so far. */
  assessment: AssessmentResult;
  tracking: MonthlyTracking;
  findings: RegionFinding[];
  lagging: RegionFinding[];
  summary: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
const UNIT: Record<Category, string> = { retrofit: '个', cloud: '个', portrait: '个', benchmark: '个', coverage: '家规上企业' };

export function buildQuarterlyBulletin(input: BulletinInput, settings: ScoringSettings = DEFAULT_SETTINGS, method: ForecastMethod = 'run-rate'): QuarterlyBulletin {
  const { year, quarter, targets } = input;
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw invalid('quarter', `季度须为1–4,收到 ${String(quarter)}`);
  const month = quarter * 3;
  const current = snapshotsFor(targets, input.history, month);
  const records = new Map(input.records.map((r) => [r.regionId, r]));
  const regions: RegionFigures[] = targets.regions.map((t) => {
    const p = current.get(t.regionId)!;
    const r = records.get(t.regionId);
    return {
      regionId: t.regionId,
      completed: p.completed,
      coverage: p.coverage,
      workItems: r?.workItems ?? {
        workTeam: { done: false, evidence: [] },
        actionPlan: { done: false, evidence: [] },
        subsidyPolicy: { done: false, evidence: [] },
        industrialChain: { done: false, evidence: [] },
      },
      // Only what has happened by the end of the quarter counts for the year so far.
      activities: (r?.activities ?? []).filter((a) => Number(a.date.slice(5, 7)) <= month),
      bonusEvents: r?.bonusEvents ?? [],
      deductions: r?.deductions ?? [],
    };
  });
  // A bulletin scores the year so far: a region that has not filed its coverage summary yet is
  // scored at 0% and told to file it, rather than failing the whole bulletin.
  const assessment = scoreDistricts({ year, targets, regions }, { settings, throughQuarter: quarter, allowMissingCoverage: true });
  const tracking = buildMonthlyTracking(targets, input.history, month, settings, method);
  const monthsLeft = 12 - month;

  const findings = assessment.sheets.map((sheet): RegionFinding => {
    const row = tracking.rows.find((r) => r.regionId === sheet.regionId)!;
    const reasons: string[] = [];
    const actions: string[] = [];
    for (const c of CATEGORIES) {
      const cellData = row.cells[c];
      const f = cellData.forecast as CategoryForecast;
      const name = CATEGORY_INFO[c].name;
      if (cellData.behindSchedule) reasons.push(`${name}完成率${toPercent(cellData.rate)},低于序时进度${toPercent(tracking.timeProgress)}`);
      if (f.status !== 'on-track') reasons.push(`${name}${forecastStatusName(f)}(${f.final ? '' : '预计'}完成率${toPercent(f.projectedRate)})`);
      if (f.remaining > 0 && (cellData.behindSchedule || f.status !== 'on-track')) {
        actions.push(
          monthsLeft > 0
            ? `${name}:还需完成${f.remaining}${UNIT[c]}(目标${f.target},已完成${f.actual}),今后${monthsLeft}个月每月至少${f.perMonthNeeded}${UNIT[c]}` +
                (f.status === 'below-half' ? `;年底前至少达到目标的${settings.halfTargetPercent}%,否则该项不得分` : '')
            : `${name}:未完成目标(还差${f.remaining}${UNIT[c]})`,
        );
      }
    }
    if (current.get(sheet.regionId)!.coverage.total === 0) {
      reasons.push('尚未报送规上企业覆盖率汇总表');
      actions.push('报送当年规上企业实施“智改数转”项目情况汇总表(附件2 附则(一)1)');
    }
    const check = sheet.activityCheck;
    const missedQuarters = check.quarters.filter((q) => !q.met).map((q) => q.period);
    const missedHalves = check.halves.filter((h) => !h.met).map((h) => h.period);
    if (missedQuarters.length > 0 || missedHalves.length > 0) {
      const what = [...missedQuarters.map((q) => `${q}未举办推进活动`), ...missedHalves.map((h) => `${h}未承办市级专题推进活动`)].join('、');
      reasons.push(what);
      actions.push(`${what}:按附件2 二(二),“举办一系列推进活动”一项年度不得分;请核实是否有漏报的活动记录并补报证明材料,后续每季度至少举办一场`);
    }
    if (quarter % 2 === 1 && settings.requireHalfYearCityEvent) {
      // The half year is still running: remind a region that has not yet hosted its city event.
      const half = quarter === 1 ? 1 : 2;
      const hosted = regions
        .find((r) => r.regionId === sheet.regionId)!
        .activities.some((a) => Math.ceil(Number(a.date.slice(5, 7)) / 6) === half && a.level === 'city' && a.hostedByLocalGovernment);
      if (!hosted) actions.push(`${half === 1 ? '上半年(6月30日前)' : '下半年(12月31日前)'}须由当地政府承办一场市级专题推进活动`);
    }
    for (const w of sheet.workItems) {
      if (w.item !== 'activities' && !w.done) {
        reasons.push(`尚未完成“${WORK_ITEM_NAMES[w.item]}”`);
        actions.push(`年底前完成“${WORK_ITEM_NAMES[w.item]}”并报送相关文件等证明材料`);
      }
    }
    return { regionId: sheet.regionId, regionName: sheet.regionName, rank: sheet.rank, reasons, actions };
  });
  const lagging = findings.filter((f) => f.reasons.length > 0);
  const title = `${year}年第${QUARTER_NAMES[quarter - 1]}季度全市制造业“智改数转”工作督查通报`;
  const summary =
    `截至${year}年${month}月底,序时进度${toPercent(tracking.timeProgress)}。` +
    `按当前完成情况模拟评分,${assessment.sheets[0]?.regionName ?? ''}暂列第一。` +
    (lagging.length > 0 ? `${lagging.map((l) => l.regionName).join('、')}等${lagging.length}个地区存在滞后事项,须加快推进。` : '各地区均按序时推进。');
  return { year, quarter, title, assessment, tracking, findings, lagging, summary };
}
