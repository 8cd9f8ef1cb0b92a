// `zgsz calc`: what an applicant is entitled to under a policy — one case from flags or a JSON
// file, a whole population from a JSON/CSV/XLSX file (免申即享 matching), a what-if with
// parameter overrides, or the same facts under several cities side by side.
import { closeSync, createReadStream, openSync, readFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { invalid } from '../../domain/errors.ts';
import { evaluateBatch, whatIf, type BatchReport, type Match, type WhatIfReport } from '../../domain/policy/batch.ts';
import { comparePolicies, type ComparisonReport } from '../../domain/policy/compare.ts';
import { evaluatePolicy } from '../../domain/policy/evaluate.ts';
import { fenToYuan, formatFen, formatRange } from '../../domain/policy/format.ts';
import { findPolicy } from '../../domain/policy/find.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import type { Overrides } from '../../domain/policy/parameters.ts';
import { formatOfFile, readPopulation } from '../../io/read-population.ts';
import { readUpload, uploadLimits } from '../../io/upload-limits.ts';
import { loadConfig } from '../../config/env.ts';
import type { EvaluationResult, MoneyRange } from '../../domain/policy/results.ts';
import { textTable } from '../../domain/policy/text-table.ts';
import { PAYER_LABEL, type Payer } from '../../domain/policy/types.ts';
import { getBatchJob } from '../../use-cases/policy-batch/get-batch-job.ts';
import { startBatchJob } from '../../use-cases/policy-batch/start-batch-job.ts';
import { cliActor } from '../cli-actor.ts';
import { action, JOB_STATE_TEXT, printJson, withDatabase } from '../run.ts';

interface CalcOptions {
  policy?: string;
  at?: string;
  facts?: string;
  fact: string[];
  batch?: string;
  override: string[];
  compare?: boolean;
  matches?: string;
  explain?: boolean;
  queue?: boolean;
  json?: boolean;
}

/** Today in China time; the domain never reads the clock, the CLI decides what "today" is. */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const collect = (v: string, prev: string[]) => [...prev, v];

function splitAssignment(text: string, field: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw invalid(field, `${field}: “${text}”须写成 名称=值`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}

/** `projects[0].annual_investment=2500万元` → { projects: [{ annual_investment: '2500万元' }] }. */
export function setPath(target: Record<string, unknown>, path: string, value: string, field: string): void {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let node: Record<string, unknown> | unknown[] = target;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const isIndex = /^\d+$/.test(part);
    if (isIndex !== Array.isArray(node)) throw invalid(field, `${field}: 路径 ${path} 在 ${part} 处不正确`);
    const key = isIndex ? Number(part) : part;
    const container = node as Record<string | number, unknown>;
    if (last) container[key] = value;
    else {
      container[key] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {};
      node = container[key] as Record<string, unknown> | unknown[];
    }
  });
}

function readFacts(o: CalcOptions): unknown {
  let facts: Record<string, unknown> = {};
  if (o.facts) {
    const text = o.facts === '-' ? readFileSync(0, 'utf8') : readFileSync(o.facts, 'utf8');
    try {
      facts = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw invalid('facts', `--facts ${o.facts}: JSON 格式错误: ${(e as Error).message}`);
    }
    // A file may hold just the facts or a whole request ({ facts, date, overrides }).
    if (facts && typeof facts === 'object' && 'facts' in facts) facts = facts.facts as Record<string, unknown>;
  }
  for (const a of o.fact) {
    const [path, value] = splitAssignment(a, 'fact');
    setPath(facts, path, value, `fact ${path}`);
  }
  return facts;
}

/** `--override [policy:]name=value`; a policy prefix limits an override to that policy. */
function overridesFor(policyId: string, list: readonly string[]): Overrides {
  const out: Record<string, string> = {};
  for (const a of list) {
    const [key, value] = splitAssignment(a, 'override');
    const colon = key.indexOf(':');
    if (colon >= 0) {
      if (key.slice(0, colon) === policyId) out[key.slice(colon + 1)] = value;
    } else out[key] = value;
  }
  return out;
}

const range = (r: MoneyRange) => formatRange(r.min, r.max);
const payerLine = (byPayer: Record<Payer, MoneyRange>) =>
  (Object.keys(PAYER_LABEL) as Payer[]).filter((p) => byPayer[p].min || byPayer[p].max !== 0).map((p) => `${PAYER_LABEL[p]} ${range(byPayer[p])}`).join(';') || '无';

function printEvaluation(r: EvaluationResult, explain: boolean): void {
  console.log(`${r.policy.city} ${r.policy.number ?? ''} ${r.policy.title}`);
  console.log(`评估日 ${r.date}:${r.validity.message}`);
  for (const w of r.warnings) console.log(`⚠ ${w}`);
  for (const o of r.overrides) console.log(`what-if: ${o.name} = ${o.value}(原文 ${o.original})`);
  console.log('');
  console.log(textTable(
    ['条款', '措施', '结果', '金额', '承担', '说明'],
    r.measures.map((m) => [m.clause, m.title, m.eligible ? '符合' : m.status === 'not_in_force' ? '未在有效期' : '不符合', m.amountText, m.payerLabel, m.eligible ? '' : m.failures.map((f) => f.message).join(';')]),
  ));
  console.log('');
  console.log(`符合 ${r.eligibleCount} 项,合计 ${r.totalText}(${payerLine(r.byPayer)})`);
  if (!explain) return;
  for (const m of r.measures) {
    console.log(`\n【${m.clause}】${m.title}:${m.eligible ? m.amountText : '不符合'}`);
    console.log(`  原文:${m.quote}`);
    for (const s of m.steps) {
      const params = (s.parameters ?? []).map((p) => `${p.name}=${p.value}(自${p.from}起,${p.clause}${p.original ? `,原文 ${p.original}` : ''})`).join(';');
      console.log(`  - ${s.text}${params ? `  [${params}]` : ''}`);
    }
    if (m.reading) console.log(`  解读:${m.reading}`);
  }
}

function printBatch(r: BatchReport): void {
  console.log(`${r.policy.city} ${r.policy.title}(${r.label})  评估日 ${r.date}:${r.validity.message}`);
  for (const w of r.warnings) console.log(`⚠ ${w}`);
  console.log(`企业 ${r.enterprises.toLocaleString('en')} 家,其中 ${r.entitled.toLocaleString('en')} 家至少符合一项\n`);
  console.log(textTable(
    ['条款', '措施', '符合企业', '金额下限合计', '金额上限合计', '承担', '年度名额'],
    r.measures.map((m) => [
      m.clause, m.title, m.eligible.toLocaleString('en'), formatFen(m.min), m.max === null ? '未规定' : formatFen(m.max), m.payerLabel,
      m.quota ? `${m.quota.value}${m.quota.exceeded ? `(超出,名额内最多 ${m.quota.maxWithinQuota === null ? '未规定' : formatFen(m.quota.maxWithinQuota)})` : ''}` : '',
    ]),
    ['l', 'l', 'r', 'r', 'r'],
  ));
  console.log(`\n按承担层级:${payerLine(r.byPayer)}`);
  console.log(textTable(['地区', '企业', '符合企业', '金额'], r.byRegion.map((g) => [g.region, String(g.enterprises), String(g.entitled), formatRange(g.min, g.max)]), ['l', 'r', 'r']));
  console.log(`\n合计 ${range(r.total)}`);
}

function printWhatIf(r: WhatIfReport): void {
  console.log(`what-if:${r.scenario.overrides.map((o) => `${o.name} ${o.original} → ${o.value}`).join(';')}  企业 ${r.base.enterprises.toLocaleString('en')} 家\n`);
  const d = (v: number | null) => (v === null ? '未规定' : `${v >= 0 ? '+' : '-'}${formatFen(Math.abs(v))}`);
  console.log(textTable(
    ['条款', '措施', '符合企业(现行→调整)', '上限合计(现行)', '上限合计(调整)', '变化'],
    r.measures.map((m) => [m.clause, m.title, `${m.eligible.base}→${m.eligible.scenario}`, m.max.base === null ? '未规定' : formatFen(m.max.base), m.max.scenario === null ? '未规定' : formatFen(m.max.scenario), d(m.max.delta)]),
    ['l', 'l', 'r', 'r', 'r', 'r'],
  ));
  console.log(`\n合计上限:${r.total.max.base === null ? '未规定' : formatFen(r.total.max.base)} → ${r.total.max.scenario === null ? '未规定' : formatFen(r.total.max.scenario)}(${d(r.total.max.delta)});下限变化 ${d(r.total.min.delta)}`);
}

function printComparison(r: ComparisonReport): void {
  console.log(`评估日 ${r.date},同一事实在各政策下的结果:`);
  for (const p of r.policies) console.log(`  ${p.city}:${p.title} —— ${p.validity};符合 ${p.eligibleCount} 项,合计 ${p.totalText}`);
  console.log('');
  const cell = (c: ComparisonReport['rows'][number]['cells'][number]) =>
    c.measures.length === 0 ? '(无对应措施)' : c.measures.map((m) => `${m.clause} ${m.eligible ? m.amountText : '不符合'}`).join(';');
  console.log(textTable(['主题', ...r.policies.map((p) => p.city)], r.rows.map((row) => [row.topic, ...row.cells.map(cell)])));
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Writes the match list as CSV through a small buffer: the batch may be a million rows. */
function matchWriter(path: string) {
  const fd = openSync(path, 'w');
  let buf = '\ufeffid,name,region,measure,clause,min_yuan,max_yuan\n';
  const flush = () => { writeSync(fd, buf); buf = ''; };
  return {
    onMatch(m: Match) {
      for (const x of m.measures) {
        buf += `${[m.id, m.name ?? '', m.region ?? '', x.id, x.clause, fenToYuan(x.min), x.max === null ? '' : fenToYuan(x.max)].map(csvCell).join(',')}\n`;
      }
      if (buf.length > 1 << 20) flush();
    },
    close() { flush(); closeSync(fd); },
  };
}

/** The match list a queued batch keeps with its result (as the web page asks for). */
const QUEUED_MATCHES = 10_000;

async function run(o: CalcOptions): Promise<void> {
  const lib = policyLibrary();
  const date = o.at ?? todayInChina();
  if (o.compare) {
    const ids = o.policy ? o.policy.split(',') : [...lib.policies.keys()];
    const policies = ids.map((id) => findPolicy(lib, id.trim()));
    const report = comparePolicies(policies, readFacts(o), date, Object.fromEntries(policies.map((p) => [p.id, overridesFor(p.id, o.override)])));
    if (o.json) printJson(report);
    else printComparison(report);
    return;
  }
  if (!o.policy) throw invalid('policy', `请用 --policy 指定政策(可用:${[...lib.policies.keys()].join('、')}),或用 --compare 对比全部政策`);
  const policy = findPolicy(lib, o.policy);
  const overrides = overridesFor(policy.id, o.override);
  if (o.queue) {
    if (!o.batch) throw invalid('queue', '--queue 只用于批量:请同时给出 --batch 名单.csv 或 .xlsx');
    const batch = o.batch;
    const format = formatOfFile(batch);
    if (format === 'json') throw invalid('batch', '--queue 的名单须为 .csv 或 .xlsx(JSON 名单请直接计算,不加 --queue)');
    if (o.matches) throw invalid('matches', '--queue 时匹配名单随任务保存,用 zgsz calc-status 任务号 --json 查看;不能同时用 --matches');
    const job = await withDatabase(async ({ db }, config) => {
      const limits = uploadLimits(config, format === 'xlsx' ? 'batch-xlsx' : 'batch-csv');
      const file = await readUpload(createReadStream(batch), limits);
      return startBatchJob(db, cliActor(), file, { policyId: policy.id, date, overrides, format, fileName: basename(batch), limits, matchesLimit: QUEUED_MATCHES });
    });
    if (o.json) printJson(job);
    else console.log(`已排入批量测算任务 ${job.id}(${job.fileName}):由服务实例执行;查看进度与报告:zgsz calc-status ${job.id}`);
    return;
  }
  if (o.batch) {
    const writer = o.matches ? matchWriter(o.matches) : undefined;
    const progress = process.stderr.isTTY && !o.json ? (n: number) => process.stderr.write(`\r已处理 ${n.toLocaleString('en')} 家…`) : undefined;
    // The limits of an upload apply to a file read here too (raise them with the variables for a one-off).
    const rows = readPopulation(o.batch, lib.facts, { limits: uploadLimits(loadConfig(), formatOfFile(o.batch) === 'xlsx' ? 'batch-xlsx' : 'batch-csv') });
    try {
      const opts = { date, ...(writer && { onMatch: writer.onMatch }), ...(progress && { onProgress: progress }) };
      if (Object.keys(overrides).length) {
        const report = await whatIf(policy, rows, { ...opts, overrides });
        if (o.json) printJson(report);
        else printWhatIf(report);
      } else {
        const report = await evaluateBatch(policy, rows, opts);
        if (o.json) printJson(report);
        else printBatch(report);
      }
    } finally {
      writer?.close();
      if (progress) process.stderr.write('\r');
    }
    if (o.matches && !o.json) console.log(`匹配名单已写入 ${o.matches}`);
    return;
  }
  if (!o.facts && o.fact.length === 0) throw invalid('facts', '请用 --facts FILE.json 或 --fact 名称=值 提供事实(事实字典:zgsz policies facts)');
  const result = evaluatePolicy(policy, { facts: readFacts(o), date, overrides });
  if (o.json) printJson(result);
  else printEvaluation(result, !!o.explain);
}

export function register(program: Command): void {
  program
    .command('calc')
    .description('计算政策兑现:单个企业、批量(免申即享)、what-if、跨城市对比 (entitlement calculation)')
    .option('--policy <id>', '政策 id(zgsz policies list);--compare 时可用逗号分隔多个')
    .option('--at <date>', '评估日 YYYY-MM-DD(默认今天,中国时间)')
    .option('--facts <file>', '事实 JSON 文件(- 为标准输入);金额以元为单位或带单位字符串,如 "2500万元"')
    .option('--fact <name=value>', '单个事实,可重复;如 applicant_type=enterprise、projects[0].annual_investment=2500万元', collect, [])
    .option('--batch <file>', '批量:.json、.csv 或 .xlsx 企业名单(列见 policies/README.md)')
    .option('--override <[policy:]name=value>', '参数覆盖(what-if),可重复;如 smart_retrofit.cap=800万元', collect, [])
    .option('--compare', '同一事实在各政策下并列对比')
    .option('--matches <file.csv>', '批量时把每家企业的匹配措施写入 CSV(免申即享名单)')
    .option('--explain', '显示每项措施的计算步骤、引用条款与参数')
    .option('--queue', '批量时排入后台任务(.csv 或 .xlsx),由正在运行的服务实例执行,打印任务号后即返回;用 calc-status 查看 (queue for the servers)')
    .option('--json', 'JSON 输出(金额单位:分)')
    .addHelpText('after', `
示例:
  zgsz calc --policy yangzhou-2022-20 --at 2023-06-01 --fact applicant_type=enterprise --fact "projects[0].annual_investment=2500万元" --explain
  zgsz calc --policy suzhou-2020 --facts enterprise.json --json
  zgsz calc --policy yangzhou-2022-20 --batch enterprises.csv --at 2023-06-01 --matches matches.csv
  zgsz calc --policy yangzhou-2022-20 --batch enterprises.xlsx --override smart_retrofit.cap=800万元
  zgsz calc --policy yangzhou-2022-20 --batch province.csv --at 2023-06-01 --queue
  zgsz calc --compare --at 2023-06-01 --facts enterprise.json`)
    .action(action(run));
  program
    .command('calc-status').argument('<job>', '批量测算任务号 (job id)')
    .option('--json', 'JSON 输出(含完整报告与匹配名单,金额单位:分)')
    .description('查看排入后台的批量测算任务:状态、进度与报告 (a queued batch)')
    .action(action(async (id: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const job = await getBatchJob(db, cliActor(), id, true);
      if (o.json) return printJson(job);
      const state = JOB_STATE_TEXT[job.status];
      const percent = job.progress.total ? Math.floor((job.progress.done / job.progress.total) * 100) : 0;
      console.log(`批量测算任务 ${job.id}  ${job.fileName ?? ''}  ${job.policyId}  评估日 ${job.date}  ${state}  已读 ${percent}%  提交人 ${job.createdByName}  第 ${job.attempt} 次执行`);
      if (job.error) console.log(`  ${job.error.message}`);
      if (job.result) {
        console.log('');
        printBatch(job.result.report);
        if (job.result.whatIf) { console.log(''); printWhatIf(job.result.whatIf); }
      }
      if (job.status === 'failed') process.exitCode = 2;
    })));
}
