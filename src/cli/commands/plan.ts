// `zgsz plan …`: the 实施意见's ten actions from the command line — the goal tree, a month's
// 月度跟踪调度表 (text or Excel), overdue reports, the 季度督查通报 and reporting a figure. The
// command line acts as the city's operator (市工信局, cliActor), who may report on a unit's behalf.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { businessDate } from '../../config/env.ts';
import { invalid } from '../../domain/errors.ts';
import { AGREEMENT_NAMES, bulletinHtml, bulletinWorkbook, dispatchWorkbook, LIGHT_NAMES, STATE_NAMES } from '../../reports/plan/plan-workbooks.ts';
import { dispatchTable } from '../../use-cases/plan/dispatch-table.ts';
import { getPlanTree } from '../../use-cases/plan/get-plan.ts';
import { overdueReports } from '../../use-cases/plan/overdue-reports.ts';
import { quarterlyBulletin } from '../../use-cases/plan/quarterly-bulletin.ts';
import { reportIndicator } from '../../use-cases/plan/report-indicator.ts';
import { cliActor } from '../cli-actor.ts';
import { action, printJson, withDatabase } from '../run.ts';
import { recordExport } from '../../use-cases/audit/record-export.ts';

const int = (v: string | undefined, field: string, min: number, max: number) => {
  if (v === undefined) return undefined;
  if (!/^\d{1,4}$/.test(v) || Number(v) < min || Number(v) > max) throw invalid(field, `--${field} 须为整数 ${min}–${max}`);
  return Number(v);
};
const percent = (bp: number | null) => (bp === null ? '' : `${(bp / 100).toFixed(2)}%`);

export function register(program: Command): void {
  const plan = program.command('plan').description('十大行动:目标树、月度跟踪调度、季度督查通报 (the action plan)');

  plan.command('tree').option('--city <city>', 'yangzhou | suzhou').option('--json', 'JSON 输出')
    .description('目标树:各行动的指标、年度目标、原文引文与责任单位')
    .action(action(async (o: { city?: string; json?: boolean }) => {
      const t = getPlanTree(cliActor(), { city: o.city });
      if (o.json) return printJson(t);
      if (!t.available) return console.log(t.reason);
      console.log(`${t.document}《${t.title}》 ${t.firstYear}–${t.lastYear}`);
      for (const a of t.actions) {
        console.log(`\n${a.clause} ${a.title}  ${a.responsibility}`);
        for (const i of a.indicators) {
          const goals = i.goals.map((g) => `${g.year}: ${g.display}${g.stated ? '' : '(进度参考)'}`).join(',');
          console.log(`  ${i.id.padEnd(28)} ${i.name}(${i.kind === 'yearly' ? '年度' : i.kind === 'cumulative' ? '累计' : '水平'})  报送:${i.reporterName}  ${goals}`);
        }
      }
    }));

  plan.command('dispatch').option('--city <city>', 'yangzhou | suzhou').option('--year <year>').option('--month <month>')
    .option('--xlsx <file>', '导出 Excel').option('--json', 'JSON 输出')
    .description('月度跟踪调度表(默认:最近一个已到报送期的月份)')
    .action(action(async (o: { city?: string; year?: string; month?: string; xlsx?: string; json?: boolean }) => withDatabase(async ({ db }, config) => {
      const t = await dispatchTable(db, cliActor(), { city: o.city, year: int(o.year, 'year', 2000, 2100), month: int(o.month, 'month', 1, 12) }, businessDate(config));
      if (o.json) return printJson(t);
      if (!t.available) return console.log(t.reason);
      if (o.xlsx) {
        writeFileSync(o.xlsx, await dispatchWorkbook(t));
        await recordExport(db, cliActor(), { entity: 'plan_dispatch', scope: { city: t.city, year: t.year, month: t.month }, rows: t.actions.reduce((n, a) => n + a.rows.length, 0) });
        return console.log(`已写入 ${o.xlsx}`);
      }
      console.log(`${t.year}年${t.month}月 十大行动跟踪调度表(业务日期 ${t.today})`);
      console.log(`可完成 ${t.summary.green} · 有风险 ${t.summary.amber} · 滞后 ${t.summary.red} · 无年度目标 ${t.summary.none};逾期未报 ${t.summary.overdue} · 逾期报送 ${t.summary.late} · 与平台记录不一致 ${t.summary.disagreements}`);
      for (const a of t.actions) {
        console.log(`\n${a.clause} ${a.title}`);
        console.table(a.rows.map((r) => ({
          指标: r.regionName ? `${r.name}·${r.regionName}` : r.name, 报送单位: r.reporterName, 目标: r.goal ? `${r.goal.display}${r.goal.stated ? '' : '*'}` : '',
          本月: r.report.current?.display ?? '', 完成率: percent(r.completion), 预计年底: r.projectedDisplay ?? '', 预警: LIGHT_NAMES[r.light],
          平台记录: r.records?.display ?? '', 核对: r.records?.agreement ? AGREEMENT_NAMES[r.records.agreement] : '', 报送: STATE_NAMES[r.report.state],
        })));
      }
      console.log('* 进度参考:两个文件目标之间按直线推算,非文件目标');
    })));

  plan.command('overdue').option('--city <city>', 'yangzhou | suzhou').option('--json', 'JSON 输出')
    .description('逾期未报的月度数据')
    .action(action(async (o: { city?: string; json?: boolean }) => withDatabase(async ({ db }, config) => {
      const r = await overdueReports(db, cliActor(), { city: o.city }, businessDate(config));
      if (o.json) return printJson(r);
      if (!r.available) return console.log(r.reason);
      console.log(`逾期未报 ${r.count} 项(业务日期 ${r.today})`);
      if (r.items.length) console.table(r.items.map((i) => ({ 报送单位: i.reporterName, 指标: i.name, 月份: `${i.year}-${String(i.month).padStart(2, '0')}`, 应报日期: i.due })));
    })));

  plan.command('bulletin').requiredOption('--year <year>').requiredOption('--quarter <quarter>', '1–4').option('--city <city>', 'yangzhou | suzhou')
    .option('--xlsx <file>', '导出 Excel').option('--html <file>', '导出打印页').option('--json', 'JSON 输出')
    .description('季度督查通报')
    .action(action(async (o: { year: string; quarter: string; city?: string; xlsx?: string; html?: string; json?: boolean }) => withDatabase(async ({ db }, config) => {
      const b = await quarterlyBulletin(db, cliActor(), { city: o.city, year: int(o.year, 'year', 2000, 2100)!, quarter: int(o.quarter, 'quarter', 1, 4)! }, businessDate(config));
      if (o.json) return printJson(b);
      if (!b.available) return console.log(b.reason);
      if (o.xlsx) writeFileSync(o.xlsx, await bulletinWorkbook(b));
      if (o.html) writeFileSync(o.html, bulletinHtml(b));
      if (o.xlsx) await recordExport(db, cliActor(), { entity: 'plan_bulletin', scope: { city: b.city, year: b.year, quarter: b.quarter } });
      if (o.xlsx || o.html) return console.log(`已写入 ${[o.xlsx, o.html].filter(Boolean).join('、')}`);
      console.log(`${b.header.issuer}\n${b.header.title}(${b.header.date})\n`);
      console.log(`${b.summary.indicators}项指标:可完成 ${b.summary.green},有风险 ${b.summary.amber},滞后 ${b.summary.red},本年度无目标 ${b.summary.none}`);
      if (b.lagging.length) {
        console.log('\n滞后与有风险的指标');
        console.table(b.lagging.map((r) => ({ 指标: r.regionName ? `${r.name}·${r.regionName}` : r.name, 报送单位: r.reporterName, 目标: r.goal?.display ?? '', 最新: r.latest?.display ?? '', 预计年底: r.projectedDisplay ?? '', 预警: LIGHT_NAMES[r.light] })));
      }
      if (b.discipline.length) {
        console.log('\n报送情况');
        console.table(b.discipline.map((d) => ({ 报送单位: d.unit, 未报送: d.missing.length, 逾期报送: d.late.length })));
      }
    })));

  plan.command('report').argument('<indicatorId>').requiredOption('--year <year>').requiredOption('--month <month>').requiredOption('--value <value>', '个数、百分比(65.5)或金额(元)')
    .option('--region <regionId>', '分地区指标的地区').option('--note <note>', '说明(更正时必填)').option('--replaces <revision>', '被更正的版本号').option('--city <city>', 'yangzhou | suzhou')
    .description('报送(或更正)一个指标的月度数据,以市工信局名义代报')
    .action(action(async (indicatorId: string, o: { year: string; month: string; value: string; region?: string; note?: string; replaces?: string; city?: string }) => withDatabase(async ({ db }, config) => {
      const r = await reportIndicator(db, cliActor(), {
        city: o.city, indicatorId, regionId: o.region ?? null, year: int(o.year, 'year', 2000, 2100)!, month: int(o.month, 'month', 1, 12)!,
        value: o.value, note: o.note ?? null, replaces: int(o.replaces, 'replaces', 1, 9999) ?? null,
      }, businessDate(config));
      console.log(`已报送 ${r.indicatorId} ${r.year}年${r.month}月:${r.value}(第${r.revision}版)`);
    })));
}
