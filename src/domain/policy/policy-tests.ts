// Test cases written as data beside each policy (policies/<text>/tests/*.yaml) and the clause
// coverage they achieve. Coverage is measured, not declared:
// - every measure with an amount has a case where it is granted and one where it is refused;
// - every measure has an "only" case: the only measures granted are those of its own clause;
// - every threshold is exercised on both sides of its boundary word: a fact value exactly at
//   the threshold and one unit (1 fen, 1 家) across it, found by reading the cases' facts.
import { z } from 'zod';
import { DomainError, invalid } from '../errors.ts';
import { compiledFor, evaluateNormalized } from './evaluate.ts';
import { parseMoney, QuantityError } from './quantities.ts';
import { normalizeFacts } from './normalize-facts.ts';
import type { EvaluationResult } from './results.ts';
import type { Condition, FactItem, Facts, Measure, Policy } from './types.ts';

const money = z.union([z.string(), z.number()]);
const expectSchema = z.strictObject({
  eligible: z.boolean().optional(),
  status: z.enum(['eligible', 'not_eligible', 'not_in_force']).optional(),
  min: money.optional(),
  max: money.nullable().optional(),
  failing: z.string().optional(),
  message: z.string().optional(),
});
const caseSchema = z.strictObject({
  name: z.string().min(1),
  date: z.string().optional(),
  facts: z.unknown(),
  overrides: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  only: z.boolean().optional(),
  expect: z.record(z.string(), expectSchema).optional(),
  total: z.strictObject({ min: money, max: money.nullable() }).optional(),
  error: z.strictObject({ field: z.string(), message: z.string().optional() }).optional(),
});
const fileSchema = z.strictObject({ date: z.string().optional(), cases: z.array(caseSchema).min(1) });

export type PolicyTestCase = z.infer<typeof caseSchema> & { readonly file: string; readonly index: number };

export interface CaseOutcome {
  readonly file: string;
  readonly name: string;
  readonly passed: boolean;
  readonly problems: readonly string[];
}

export interface MeasureCoverage {
  readonly id: string;
  readonly clause: string;
  readonly granted: number;
  readonly refused: number;
  readonly only: number;
}

export interface ThresholdCoverage {
  readonly measure: string;
  readonly clause: string;
  readonly fact: string;
  readonly word: string;
  readonly threshold: number;
  readonly at: boolean;
  readonly across: boolean;
}

export interface PolicyTestReport {
  readonly policyId: string;
  readonly cases: readonly CaseOutcome[];
  readonly measures: readonly MeasureCoverage[];
  readonly thresholds: readonly ThresholdCoverage[];
  readonly failed: number;
  /** Share of measures with amounts that are fully covered (granted, refused, only). */
  readonly measureCoverage: number;
  readonly thresholdCoverage: number;
  readonly complete: boolean;
}

export function parseTestFiles(files: readonly { file: string; data: unknown }[]): PolicyTestCase[] {
  const out: PolicyTestCase[] = [];
  for (const { file, data } of files) {
    const r = fileSchema.safeParse(data);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw invalid(`${file}#${issue.path.join('.')}`, `${file} ${issue.path.join('.')}: ${issue.message}`);
    }
    r.data.cases.forEach((c, index) => out.push({ ...c, date: c.date ?? r.data.date, file, index }));
  }
  return out;
}

function moneyOf(v: string | number, field: string): number {
  try {
    return parseMoney(v);
  } catch (e) {
    if (e instanceof QuantityError) throw invalid(field, `${field}: ${e.message}`);
    throw e;
  }
}

interface Run {
  readonly result?: EvaluationResult;
  readonly facts?: Facts;
  readonly error?: DomainError;
}

function runCase(policy: Policy, c: PolicyTestCase): Run {
  try {
    if (!c.date) throw invalid('date', '用例缺少 date');
    const compiled = compiledFor(policy, c.date, c.overrides ?? {});
    const facts = normalizeFacts(policy.facts, c.facts);
    return { result: evaluateNormalized(compiled, facts), facts };
  } catch (e) {
    if (e instanceof DomainError) return { error: e };
    throw e;
  }
}

function check(policy: Policy, c: PolicyTestCase, run: Run): string[] {
  const problems: string[] = [];
  const where = `${c.file}#cases[${c.index}]`;
  const clauses = Object.keys(c.expect ?? {}).map((id) => policy.money.find((m) => m.id === id)?.clause);
  if (clauses.some((cl) => cl === undefined)) problems.push(`expect 中有未知或无金额的措施: ${Object.keys(c.expect ?? {}).join(', ')}`);
  if (!clauses.every((cl) => cl && c.name.includes(cl)) && !c.error) problems.push(`用例名须引用所测条款(${[...new Set(clauses)].join('、')})`);
  if (c.error) {
    if (!run.error) problems.push(`${where}: 预期错误(字段 ${c.error.field}),实际成功`);
    else {
      if (run.error.field !== c.error.field) problems.push(`预期错误字段 ${c.error.field},实际 ${run.error.field ?? '(无)'}: ${run.error.message}`);
      if (c.error.message && !run.error.message.includes(c.error.message)) problems.push(`错误信息不含“${c.error.message}”: ${run.error.message}`);
    }
    return problems;
  }
  if (run.error) return [...problems, `意外错误 ${run.error.field ?? ''}: ${run.error.message}`];
  const result = run.result!;
  for (const [id, exp] of Object.entries(c.expect ?? {})) {
    const r = result.measures.find((m) => m.id === id);
    if (!r) continue;
    const p = (msg: string) => problems.push(`${id}: ${msg}`);
    if (exp.eligible !== undefined && r.eligible !== exp.eligible) p(`预期${exp.eligible ? '符合' : '不符合'},实际${r.eligible ? '符合' : '不符合'}(${r.failures.map((f) => f.message).join(';') || r.amountText})`);
    if (exp.status !== undefined && r.status !== exp.status) p(`预期状态 ${exp.status},实际 ${r.status}`);
    if (exp.min !== undefined && r.amount.min !== moneyOf(exp.min, `${where}.expect.${id}.min`)) p(`预期下限 ${exp.min},实际 ${r.amount.min}分`);
    if (exp.max !== undefined) {
      const want = exp.max === null ? null : moneyOf(exp.max, `${where}.expect.${id}.max`);
      if (r.amount.max !== want) p(`预期上限 ${exp.max === null ? '未规定' : exp.max},实际 ${r.amount.max === null ? '未规定' : `${r.amount.max}分`}`);
    }
    if (exp.failing !== undefined && !r.failures.some((f) => f.fact === exp.failing)) p(`预期未满足条件 ${exp.failing},实际:${r.failures.map((f) => f.fact).join(', ') || '无'}`);
    if (exp.message !== undefined && ![...r.failures.map((f) => f.message), ...r.steps.map((s) => s.text)].some((t) => t.includes(exp.message!))) p(`说明中找不到“${exp.message}”`);
  }
  if (c.only) {
    const expected = new Set(Object.entries(c.expect ?? {}).filter(([, e]) => e.eligible === true || e.status === 'eligible').map(([id]) => id));
    for (const r of result.measures) {
      if (r.eligible && !expected.has(r.id)) problems.push(`only: 措施 ${r.id}(${r.clause})也符合条件,本用例不是只由所测条款决定`);
    }
  }
  if (c.total) {
    if (result.total.min !== moneyOf(c.total.min, `${where}.total.min`)) problems.push(`合计下限预期 ${c.total.min},实际 ${result.total.min}分`);
    const want = c.total.max === null ? null : moneyOf(c.total.max, `${where}.total.max`);
    if (result.total.max !== want) problems.push(`合计上限预期 ${c.total.max},实际 ${result.total.max}分`);
  }
  return problems;
}

function compareConditions(m: Measure): Extract<Condition, { kind: 'compare' }>[] {
  const out: Extract<Condition, { kind: 'compare' }>[] = [];
  const visit = (c: Condition) => (c.kind === 'any' ? c.conditions.forEach(visit) : c.kind === 'compare' ? out.push(c) : undefined);
  m.conditions.forEach(visit);
  return out;
}

function valuesOf(c: Extract<Condition, { kind: 'compare' }>, facts: Facts): number[] {
  if (c.fact.collection) {
    return (facts[c.fact.collection] as readonly FactItem[]).map((it) => it[c.fact.field!]).filter((v): v is number => typeof v === 'number');
  }
  const v = facts[c.fact.path];
  return typeof v === 'number' ? [v] : [];
}

export function runPolicyTests(policy: Policy, cases: readonly PolicyTestCase[]): PolicyTestReport {
  const outcomes: CaseOutcome[] = [];
  const cover = new Map(policy.money.map((m) => [m.id, { id: m.id, clause: m.clause, granted: 0, refused: 0, only: 0 }]));
  const thresholds = new Map<string, { -readonly [K in keyof ThresholdCoverage]: ThresholdCoverage[K] }>();
  for (const m of policy.money) {
    for (const c of compareConditions(m)) {
      thresholds.set(`${m.id}|${c.place}`, { measure: m.id, clause: m.clause, fact: c.fact.path, word: c.word, threshold: NaN, at: false, across: false });
    }
  }
  for (const c of cases) {
    const run = runCase(policy, c);
    const problems = check(policy, c, run);
    outcomes.push({ file: c.file, name: c.name, passed: problems.length === 0, problems });
    if (problems.length || !run.result || run.result.validity.status !== 'in_force') continue;
    const result = run.result;
    const granted = result.measures.filter((r) => r.eligible);
    for (const [id, exp] of Object.entries(c.expect ?? {})) {
      const cv = cover.get(id);
      if (!cv) continue;
      if (exp.eligible === true) cv.granted++;
      if (exp.eligible === false) cv.refused++;
      if (c.only && exp.eligible === true && granted.every((g) => g.clause === cv.clause)) cv.only++;
    }
    // Boundary exercise is read off the facts of every passing case.
    const compiled = compiledFor(policy, c.date!, c.overrides ?? {});
    for (const m of policy.money) {
      for (const cond of compareConditions(m)) {
        const t = cond.threshold.kind === 'param' ? (compiled.snap.get(cond.threshold.name)!.value as number) : cond.threshold.value;
        const across = cond.op === '>=' || cond.op === '<' ? t - 1 : t + 1;
        const entry = thresholds.get(`${m.id}|${cond.place}`)!;
        entry.threshold = t;
        const vals = valuesOf(cond, run.facts!);
        if (vals.includes(t)) entry.at = true;
        if (vals.includes(across)) entry.across = true;
      }
    }
  }
  const measures = [...cover.values()];
  const full = measures.filter((m) => m.granted > 0 && m.refused > 0 && m.only > 0).length;
  const th = [...thresholds.values()];
  const thFull = th.filter((t) => t.at && t.across).length;
  const failed = outcomes.filter((o) => !o.passed).length;
  return {
    policyId: policy.id,
    cases: outcomes,
    measures,
    thresholds: th,
    failed,
    measureCoverage: measures.length ? full / measures.length : 1,
    thresholdCoverage: th.length ? thFull / th.length : 1,
    complete: failed === 0 && full === measures.length && thFull === th.length,
  };
}
