// `zgsz funds …`: yearly funds, their ledgers and the payments workbook, for the finance bureau
// and the city's operators.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invalid } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { parseMoney, QuantityError } from '../../domain/policy/quantities.ts';
import { regionById } from '../../domain/regions.ts';
import { createFund } from '../../use-cases/funds/create-fund.ts';
import { getFund, listFunds } from '../../use-cases/funds/list-funds.ts';
import { paymentsExport } from '../../use-cases/funds/reports.ts';
import { updateFund } from '../../use-cases/funds/update-fund.ts';
import { cliActor } from '../cli-actor.ts';
import { action, printJson, withDatabase } from '../run.ts';

function money(text: string, field: string): number {
  try {
    return parseMoney(text);
  } catch (e) {
    if (e instanceof QuantityError) throw invalid(field, `${field}: ${e.message}(如 1亿元、3000万元)`);
    throw e;
  }
}

const year = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const LEVEL = { city: '市级', county: '县级' } as const;

export function register(program: Command): void {
  const funds = program.command('funds').description('资金:年度预算、承诺、拨付台账 (funds)');

  funds.command('list').option('--city <city>', 'yangzhou | suzhou').option('--year <year>', '年度').option('--json', 'JSON 输出')
    .description('列出年度资金(低于原文规模的标注)')
    .action(action(async (o: { city?: string; year?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const rows = await listFunds(db, cliActor(), { city: o.city, year: year(o.year) });
      if (o.json) return printJson(rows);
      console.table(rows.map((f) => ({
        编号: f.id, 资金: f.name, 级别: LEVEL[f.level], 地区: f.regionId ? regionById(f.regionId)?.name ?? f.regionId : '', 预算: formatFen(f.budgetFen),
        已承诺: formatFen(f.committedFen), 已拨付: formatFen(f.disbursedFen), 剩余: formatFen(f.remainingFen), 提示: f.floorWarning ?? '',
      })));
    })));

  funds.command('create').requiredOption('--city <city>', 'yangzhou | suzhou').requiredOption('--year <year>', '年度')
    .requiredOption('--level <level>', 'city(市级)| county(县级)').option('--region <regionId>', '县级资金的地区,如 yz-baoying')
    .requiredOption('--budget <amount>', '预算,如 1亿元、3000万元').option('--name <name>', '资金名称').option('--measures <list>', '只支付这些措施:政策/措施,逗号分隔')
    .description('设立年度资金')
    .action(action(async (o: { city: string; year: string; level: string; region?: string; budget: string; name?: string; measures?: string }) => withDatabase(async ({ db }) => {
      const f = await createFund(db, cliActor(), {
        city: o.city, year: Number(o.year), level: o.level, ...(o.region ? { regionId: o.region } : {}), budgetFen: money(o.budget, 'budget'),
        ...(o.name ? { name: o.name } : {}), ...(o.measures ? { measures: o.measures.split(',').map((m) => m.trim()) } : {}),
      });
      console.log(`已设立 ${f.name}(${f.id}),预算 ${formatFen(f.budgetFen)}${f.floorWarning ? `。注意:${f.floorWarning}` : ''}`);
    })));

  funds.command('set-budget').argument('<id>', '资金编号').requiredOption('--budget <amount>', '新预算').description('调整预算(不得低于已承诺)')
    .action(action(async (id: string, o: { budget: string }) => withDatabase(async ({ db }) => {
      const { fund } = await getFund(db, cliActor(), id);
      const f = await updateFund(db, cliActor(), id, { version: fund.version, budgetFen: money(o.budget, 'budget') });
      console.log(`${f.name} 预算调整为 ${formatFen(f.budgetFen)}(已承诺 ${formatFen(f.committedFen)},剩余 ${formatFen(f.remainingFen)})${f.floorWarning ? `。注意:${f.floorWarning}` : ''}`);
    })));

  funds.command('ledger').argument('<id>', '资金编号').option('--json', 'JSON 输出').description('资金台账:每一笔承诺、释放、拨付、追回')
    .action(action(async (id: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const r = await getFund(db, cliActor(), id);
      if (o.json) return printJson(r);
      console.log(`${r.fund.name}:预算 ${formatFen(r.fund.budgetFen)},已承诺 ${formatFen(r.fund.committedFen)},已拨付 ${formatFen(r.fund.disbursedFen)}`);
      const KIND: Record<string, string> = { budget: '预算', commit: '承诺', release: '释放', disburse: '拨付', reclaim: '追回' };
      console.table(r.ledger.map((l) => ({ 时间: l.at.slice(0, 19).replace('T', ' '), 类别: KIND[l.kind] ?? l.kind, 金额: formatFen(Math.abs(l.amountFen)), 凭证号: l.voucher ?? '', 依据: l.clause ?? '', 说明: l.note ?? '', 经办: l.actorName })));
    })));

  funds.command('payments').requiredOption('--xlsx <file>', '输出 .xlsx').option('--city <city>', 'yangzhou | suzhou').option('--year <year>', '年度')
    .description('导出资金拨付台账(每笔拨付或追回一行,含凭证号)')
    .action(action(async (o: { xlsx: string; city?: string; year?: string }) => withDatabase(async ({ db }) => {
      writeFileSync(o.xlsx, await paymentsExport(db, cliActor(), { city: o.city, year: year(o.year) }));
      console.log(`已导出到 ${o.xlsx}`);
    })));
}
