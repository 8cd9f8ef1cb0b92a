// `zgsz policies list|show|check|test|facts`: the policy library as data — what is in it,
// whether it loads cleanly, and whether its test cases pass with full clause coverage.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { describeAmount, measureDetail } from '../../domain/policy/describe.ts';
import { validityOn } from '../../domain/policy/evaluate.ts';
import { factSchemaJson } from '../../domain/policy/fact-schema.ts';
import { findMeasure, findPolicy } from '../../domain/policy/find.ts';
import { loadPolicyLibrary, loadPolicyTestFiles, policyLibrary } from '../../io/policy-library.ts';
import { resolveParameters } from '../../domain/policy/parameters.ts';
import { parseTestFiles, runPolicyTests, type PolicyTestReport } from '../../domain/policy/policy-tests.ts';
import { textTable } from '../../domain/policy/text-table.ts';
import { FREQUENCY_LABEL, PAYER_LABEL } from '../../domain/policy/types.ts';
import { action, printJson } from '../run.ts';
import { todayInChina } from './calc.ts';

function list(o: { json?: boolean; at?: string }) {
  const lib = policyLibrary();
  const date = o.at ?? todayInChina();
  const rows = [...lib.policies.values()].map((p) => ({
    id: p.id,
    city: p.city,
    title: p.shortTitle,
    number: p.document.number,
    issueDate: p.document.issueDate,
    validFrom: p.validity.from,
    validTo: p.validity.to,
    status: validityOn(p, date),
    measures: p.measures.length,
    withAmount: p.money.length,
  }));
  if (o.json) return printJson(rows);
  const label = { in_force: '有效', not_yet_in_force: '尚未施行', expired: '已届满' } as const;
  console.log(textTable(
    ['id', '城市', '名称', '文号', '发布', '有效期', `状态(${date})`, '措施(有金额/全部)'],
    rows.map((r) => [r.id, r.city, r.title, r.number ?? '(文本未载)', r.issueDate, `${r.validFrom} 至 ${r.validTo}`, `${label[r.status.status]}${r.status.daysLeft !== undefined ? `,剩余${r.status.daysLeft}天` : ''}`, `${r.withAmount}/${r.measures}`]),
  ));
}

function show(policyId: string, measureId: string | undefined, o: { json?: boolean; at?: string }) {
  const lib = policyLibrary();
  const p = findPolicy(lib, policyId);
  const date = o.at ?? p.validity.from;
  if (measureId) {
    const d = measureDetail(p, findMeasure(p, measureId), resolveParameters(p, date));
    if (o.json) return printJson(d);
    console.log(`【${d.clause}】${d.title}(${d.id})`);
    console.log(`原文:${d.quote}`);
    if (d.payer) console.log(`承担:${d.payer}  频次:${d.frequency}${d.forEach ? `  按${lib.facts.facts.get(d.forEach)?.label}逐个计算` : ''}`);
    console.log(`申请主体:${d.applicants.join('、')}${d.scope.length ? `;且 ${d.scope.join(';')}` : ''}`);
    if (d.conditions.length) console.log(`条件:\n${d.conditions.map((c) => `  - ${c}`).join('\n')}`);
    console.log(`金额:${d.amount}`);
    if (d.quota) console.log(`年度名额参数:${d.quota}`);
    if (d.reading) console.log(`解读:${d.reading}`);
    for (const prm of d.parameters) console.log(`参数 ${prm.name}(${prm.label}):${prm.values.map((v) => `自${v.from}起 ${v.value}`).join(';')}  依据 ${prm.clause}“${prm.words}”`);
    return;
  }
  if (o.json) {
    const snap = resolveParameters(p, date);
    return printJson({
      id: p.id, city: p.city, shortTitle: p.shortTitle, document: p.document, validity: p.validity,
      applicants: { types: p.applicants.types, clause: p.applicants.clause, quote: p.applicants.quote },
      payerReading: p.payerReading, parameters: [...p.parameters.values()], measures: p.measures.map((m) => measureDetail(p, m, snap)),
    });
  }
  console.log(`${p.city} ${p.document.number ?? ''} ${p.document.title}${p.document.part ? ` ${p.document.part}` : ''}`);
  console.log(`发文:${p.document.issuer} ${p.document.issueDate};有效期 ${p.validity.from} 至 ${p.validity.to}(${p.validity.clause}:“${p.validity.quote}”)`);
  console.log(`支持范围:${p.applicants.types.map((t) => lib.facts.facts.get('applicant_type')!.values!.get(t)).join('、')}(${p.applicants.clause}:“${p.applicants.quote}”)`);
  if (p.payerReading) console.log(`承担层级:${p.payerReading}`);
  const snap = resolveParameters(p, date);
  console.log('');
  console.log(textTable(['条款', 'id', '措施', '金额规则', '承担', '频次'], p.measures.map((m) => [m.clause, m.id, m.title, describeAmount(m, snap, lib.facts.facts.get(m.forEach ?? '')?.itemLabel), m.payer ? PAYER_LABEL[m.payer] : '', m.frequency ? FREQUENCY_LABEL[m.frequency] : ''])));
}

function check(dir: string | undefined, o: { json?: boolean }) {
  const lib = dir ? loadPolicyLibrary(resolve(dir)) : loadPolicyLibrary();
  const summary = [...lib.policies.values()].map((p) => ({ id: p.id, measures: p.measures.length, withAmount: p.money.length, parameters: p.parameters.size }));
  if (o.json) return printJson({ ok: true, facts: lib.facts.facts.size, policies: summary });
  console.log(`事实字典 ${lib.facts.file}:${lib.facts.facts.size} 个事实`);
  for (const s of summary) console.log(`✓ ${s.id}:${s.measures} 项措施(${s.withAmount} 项有金额),${s.parameters} 个参数;结构、事实名、条件重叠与可达性、原文引用均通过`);
}

function printReport(r: PolicyTestReport, verbose: boolean) {
  const passed = r.cases.length - r.failed;
  console.log(`\n${r.policyId}:用例 ${passed}/${r.cases.length} 通过`);
  for (const c of r.cases) {
    if (!c.passed) console.log(`  ✗ ${c.name}(${c.file})\n${c.problems.map((x) => `      ${x}`).join('\n')}`);
    else if (verbose) console.log(`  ✓ ${c.name}`);
  }
  console.log(textTable(
    ['条款', '措施', '符合用例', '不符合用例', '仅本条款决定', '覆盖'],
    r.measures.map((m) => [m.clause, m.id, String(m.granted), String(m.refused), String(m.only), m.granted && m.refused && m.only ? '✓' : '✗']),
    ['l', 'l', 'r', 'r', 'r'],
  ));
  const th = r.thresholds.filter((t) => t.at && t.across).length;
  console.log(`措施覆盖 ${(r.measureCoverage * 100).toFixed(1)}%;界限词边界覆盖 ${th}/${r.thresholds.length}(恰为本数与越过1个单位)`);
  for (const t of r.thresholds.filter((x) => !(x.at && x.across))) console.log(`  ✗ ${t.clause} ${t.measure} ${t.fact} ${t.word} ${t.threshold}`);
}

function test(policyId: string | undefined, o: { json?: boolean; verbose?: boolean }) {
  const lib = policyLibrary();
  const policies = policyId ? [findPolicy(lib, policyId)] : [...lib.policies.values()];
  const reports = policies.map((p) => runPolicyTests(p, parseTestFiles(loadPolicyTestFiles(p))));
  if (o.json) printJson(reports);
  else reports.forEach((r) => printReport(r, !!o.verbose));
  if (!reports.every((r) => r.complete)) {
    if (!o.json) console.log('\n未全部通过或覆盖不完整');
    process.exitCode = 1;
  } else if (!o.json) console.log('\n全部通过,条款覆盖完整');
}

function facts(o: { json?: boolean }) {
  const lib = policyLibrary();
  const schema = factSchemaJson(lib.facts) as { facts: { name: string; label: string; type: string; unit?: string; required: boolean; default?: unknown; values?: Record<string, string>; fields?: { name: string; label: string; type: string; required: boolean; values?: Record<string, string> }[] }[] };
  if (o.json) return printJson(schema);
  const rows: string[][] = [];
  for (const f of schema.facts) {
    rows.push([f.name, f.label, f.type, f.type === 'money' ? '元' : f.unit ?? '', f.required ? '需要时必填' : `默认 ${JSON.stringify(f.default)}`, f.values ? Object.keys(f.values).join(' | ') : '']);
    for (const x of f.fields ?? []) rows.push([`  ${f.name}[].${x.name}`, x.label, x.type, x.type === 'money' ? '元' : '', x.required ? '需要时必填' : '有默认值', x.values ? Object.keys(x.values).join(' | ') : '']);
  }
  console.log(textTable(['事实', '名称', '类型', '单位', '缺省', '取值'], rows));
}

export function register(program: Command): void {
  const cmd = program.command('policies').description('政策库:列表、详情、校验、用例测试、事实字典 (policy library)');
  cmd.command('list').description('列出政策及其有效期状态').option('--at <date>', '按该日判断有效期状态').option('--json').action(action(async (o) => list(o)));
  cmd.command('show').argument('<policy>', '政策 id').argument('[measure]', '措施 id')
    .option('--at <date>', '显示该日适用的参数值').option('--json')
    .description('显示政策或一项措施:原文、条件、金额规则、参数及其生效日期')
    .action(action(async (policy: string, measure: string | undefined, o) => show(policy, measure, o)));
  cmd.command('check').argument('[dir]', '政策目录(默认 policies/)').option('--json')
    .description('加载并校验:结构、未知事实、条件重叠或不可达、缺少条款引用、原文逐字引用')
    .action(action(async (dir: string | undefined, o) => check(dir, o)));
  cmd.command('test').argument('[policy]', '政策 id(默认全部)').option('--verbose', '列出每个通过的用例').option('--json')
    .description('运行政策目录 tests/ 下的用例并报告条款覆盖;未全部通过或覆盖不完整时退出码为1')
    .action(action(async (policy: string | undefined, o) => test(policy, o)));
  cmd.command('facts').option('--json').description('事实字典:每个事实的名称、类型、单位与缺省含义').action(action(async (o) => facts(o)));
}
