// `zgsz applications …`: listing and reports for administration, the 公示 closing job, review
// chains and the holiday calendar.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { businessDate } from '../../config/env.ts';
import { invalid } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { regionById } from '../../domain/regions.ts';
import { getApplication } from '../../use-cases/applications/get-application.ts';
import { listApplications } from '../../use-cases/applications/list-applications.ts';
import { listReviewChains, setReviewChain } from '../../use-cases/applications/set-review-chain.ts';
import { applicationsReport } from '../../use-cases/funds/reports.ts';
import { closePublicityPeriods } from '../../use-cases/publicity/close-due-batches.ts';
import { getCalendarYear, setCalendarYear } from '../../use-cases/publicity/holiday-calendar.ts';
import { cliActor } from '../cli-actor.ts';
import { action, printJson, withDatabase } from '../run.ts';

const STATUS: Record<string, string> = { draft: '草稿', in_review: '审核中', in_publicity: '公示中', returned: '已退回', approved: '已批准', rejected: '不予支持' };

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalid('file', `${file}: 不是有效的 JSON 文件(${(e as Error).message})`);
  }
}

export function register(program: Command): void {
  const apps = program.command('applications').description('项目申报:列表、报表、公示到期、审核链、节假日 (applications)');

  apps.command('list').option('--status <list>', '状态,逗号分隔:draft,in_review,in_publicity,returned,approved,rejected').option('--year <year>', '年度')
    .option('--policy <id>', '政策').option('--region <id>', '地区').option('--json', 'JSON 输出').description('列出申请')
    .action(action(async (o: { status?: string; year?: string; policy?: string; region?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await listApplications(db, cliActor(), { status: o.status?.split(','), year: o.year ? Number(o.year) : undefined, policyId: o.policy, regionId: o.region }, 1, 100);
      if (o.json) return printJson(r);
      console.log(`共 ${r.total} 件${r.total > 100 ? '(显示前100件)' : ''}`);
      console.table(r.items.map((a) => ({
        编号: a.number, 企业: a.enterpriseName, 地区: regionById(a.regionId)?.name ?? a.regionId, 措施: a.measureTitle, 状态: STATUS[a.status] ?? a.status,
        当前步骤: a.currentStep?.name ?? '', 测算: a.amountText, 核定: a.approvedFen === null ? '' : formatFen(a.approvedFen), 已拨付: formatFen(a.disbursedFen - a.reclaimedFen),
      })));
    })));

  apps.command('show').argument('<id>', '申请编号(UUID)').option('--json', 'JSON 输出').description('一件申请:测算说明、材料、历史、资金')
    .action(action(async (id: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const d = await getApplication(db, cliActor(), id);
      if (o.json) return printJson(d);
      const a = d.application;
      console.log(`${a.number} ${a.enterpriseName} ${a.measureTitle}(${a.clause}):${STATUS[a.status]}${a.currentStep ? `,待“${a.currentStep.name}”` : ''}`);
      console.log(`测算 ${a.amountText}${a.approvedFen !== null ? `;核定 ${formatFen(a.approvedFen)},已拨付 ${formatFen(a.disbursedFen - a.reclaimedFen)}` : ''}`);
      for (const s of d.evaluation.steps) console.log(`  · ${s.text}`);
      console.log('材料:');
      for (const e of d.evidence) console.log(`  ${e.files.length ? '✓' : '✗'} ${e.label}${e.files.map((f) => ` [${f.fileName}:${f.status}${f.duplicates.length ? `,与 ${f.duplicates.map((x) => x.number).join('、')} 相同` : ''}]`).join('')}`);
      console.log('历史:');
      for (const h of d.history) console.log(`  ${h.at.slice(0, 16).replace('T', ' ')} ${h.actorName}:${h.summary}${h.opinion ? `(${h.opinion})` : ''}`);
    })));

  apps.command('report').option('--city <city>', 'yangzhou | suzhou').option('--year <year>', '年度').option('--json', 'JSON 输出')
    .description('按状态、措施、地区、月份统计申请,及资金使用')
    .action(action(async (o: { city?: string; year?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await applicationsReport(db, cliActor(), { city: o.city, year: o.year ? Number(o.year) : undefined });
      if (o.json) return printJson(r);
      const row = (g: { count: number; approvedFen: number; disbursedFen: number }) => ({ 件数: g.count, 核定: formatFen(g.approvedFen), 已拨付: formatFen(g.disbursedFen) });
      console.log('按状态'); console.table(r.byStatus.map((g) => ({ 状态: STATUS[g.key] ?? g.key, ...row(g) })));
      console.log('按措施'); console.table(r.byMeasure.map((g) => ({ 措施: g.title, ...row(g) })));
      console.log('按地区'); console.table(r.byRegion.map((g) => ({ 地区: g.regionName, ...row(g) })));
      console.log('资金'); console.table(r.funds.map((f) => ({ 资金: f.name, 预算: formatFen(f.budgetFen), 已承诺: formatFen(f.committedFen), 已拨付: formatFen(f.disbursedFen), 剩余: formatFen(f.remainingFen) })));
    })));

  apps.command('close-publicity').description('结束已到期的公示,申请进入批准步骤(服务运行时每30秒自动执行)')
    .action(action(async () => withDatabase(async ({ db }, config) => {
      const n = await closePublicityPeriods(db, businessDate(config));
      console.log(n ? `已结束 ${n} 批到期公示` : '没有到期的公示');
    })));

  const chains = apps.command('chains').description('审核链(按政策、措施、年度的版本)');
  chains.command('list').option('--policy <id>', '政策').option('--json', 'JSON 输出').description('列出审核链各版本')
    .action(action(async (o: { policy?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const rows = await listReviewChains(db, cliActor(), o.policy);
      if (o.json) return printJson(rows);
      for (const c of rows) {
        const def = c.chain as { steps: { name: string; mode: string }[]; publicity: { length: number; unit: string } };
        console.log(`${c.policyId}${c.measureId ? `/${c.measureId}` : ''} ${c.year}年 第${c.version}版:${def.steps.map((s) => s.name).join(' → ')};公示${def.publicity.length}${def.publicity.unit === 'working' ? '个工作日' : '天'}`);
      }
    })));
  chains.command('set').requiredOption('--policy <id>', '政策').option('--measure <id>', '措施(缺省:该政策全部措施)').requiredOption('--year <year>', '年度')
    .requiredOption('--file <chain.json>', '审核链定义 {steps, publicity}').description('设定审核链新版本;已开始的申请不受影响')
    .action(action(async (o: { policy: string; measure?: string; year: string; file: string }) => withDatabase(async ({ db }) => {
      const c = await setReviewChain(db, cliActor(), { policyId: o.policy, ...(o.measure ? { measureId: o.measure } : {}), year: Number(o.year), chain: readJson(o.file) });
      console.log(`已设定 ${c.policyId}${c.measureId ? `/${c.measureId}` : ''} ${c.year}年审核链第${c.version}版`);
    })));

  const calendar = program.command('calendar').description('节假日与调休(工作日公示期按此计算)');
  calendar.command('show').argument('<year>', '年度').description('列出一年的放假日和调休上班日')
    .action(action(async (y: string) => withDatabase(async ({ db }) => {
      const r = await getCalendarYear(db, cliActor(), Number(y));
      for (const d of r.days) console.log(`${d.day} ${d.kind === 'holiday' ? '放假' : '上班'} ${d.note}`);
      if (!r.days.length) console.log(`${y}年尚未设定节假日`);
    })));
  calendar.command('set').argument('<year>', '年度').argument('<file>', 'JSON:{"days":[{"day":"2023-05-01","kind":"holiday","note":"劳动节"}]}')
    .description('设定一年的节假日(整年替换)')
    .action(action(async (y: string, file: string) => withDatabase(async ({ db }) => {
      const r = await setCalendarYear(db, cliActor(), Number(y), readJson(file));
      console.log(`已设定 ${y} 年 ${r.days.length} 个特殊日期`);
    })));
}
