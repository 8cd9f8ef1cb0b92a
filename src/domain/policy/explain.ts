// The explaining evaluator: walks a measure's conditions and amount rule and writes down every
// step in Chinese, citing the clause and the parameter values (with their effective dates).
// It runs only for single evaluations; batches use the compiled function. evaluate.ts runs
// both and refuses to answer if they disagree, and the property tests compare them on random
// enterprises, so the two can never silently drift apart.
import { BOUNDARY_WORDS, compare } from './boundary-words.ts';
import { mulCeil, mulFloor } from './amount-math.ts';
import { amountTooLarge, recognitionCodes } from './compile-fast.ts';
import { formatCount, formatFen, formatRange, formatRate } from './format.ts';
import { missingFact } from './normalize-facts.ts';
import type { ConditionFailure, ExplanationStep, ItemResult, MeasureResult, MoneyRange, ParameterUse } from './results.ts';
import { FREQUENCY_LABEL, PAYER_LABEL, type Condition, type FactItem, type FactRef, type Facts, type Measure, type ParameterSnapshot, type Policy, type Rate } from './types.ts';

export interface ExplainContext {
  readonly policy: Policy;
  readonly snap: ParameterSnapshot;
  readonly facts: Facts;
}

export function parameterUse(snap: ParameterSnapshot, name: string): ParameterUse {
  const r = snap.get(name)!;
  return {
    name,
    label: r.parameter.label,
    value: r.text,
    from: r.from,
    clause: r.parameter.clause,
    ...(r.overridden && { original: r.overridden.originalText }),
  };
}

function paramText(snap: ParameterSnapshot, name: string): string {
  const r = snap.get(name)!;
  const p = r.parameter;
  if (p.type === 'money') return formatFen(r.value as number);
  if (p.type === 'rate') return formatRate(r.value as Rate);
  return formatCount(r.value as number, p.unit ?? '');
}

interface Outcome {
  readonly passed: boolean;
  /** Text for the explanation, whether passed or failed. */
  readonly text: string;
  readonly failure?: ConditionFailure;
  readonly params: readonly ParameterUse[];
}

/** Thrown inside the walker when a fact is needed but absent and no earlier condition failed. */
class Missing {
  constructor(readonly path: string) {}
}

function factValue(ref: FactRef, facts: Facts, item: FactItem | undefined, index: number) {
  const v = ref.collection ? item![ref.field!] : facts[ref.path];
  if (v === undefined) throw new Missing(ref.collection ? `${ref.collection}[${index}].${ref.field}` : ref.path);
  return v;
}

function factPath(ref: FactRef, index: number) {
  return ref.collection ? `${ref.collection}[${index}].${ref.field}` : ref.path;
}

function showValue(ref: FactRef, v: unknown): string {
  const def = ref.def;
  switch (def.type) {
    case 'money': return formatFen(v as number);
    case 'count': return formatCount(v as number, def.unit ?? '');
    case 'level': return `${v as number}${def.unit ?? ''}`;
    case 'boolean': return v ? '是' : '否';
    case 'enum': return def.values!.get(v as string) ?? String(v);
    default: return String(v);
  }
}

function evalCondition(c: Condition, ctx: ExplainContext, clause: string, item: FactItem | undefined, index: number): Outcome {
  const { snap, facts, policy } = ctx;
  switch (c.kind) {
    case 'compare': {
      const v = factValue(c.fact, facts, item, index) as number;
      const params = c.threshold.kind === 'param' ? [parameterUse(snap, c.threshold.name)] : [];
      const t = c.threshold.kind === 'param' ? (snap.get(c.threshold.name)!.value as number) : c.threshold.value;
      const tText = c.threshold.kind === 'param'
        ? paramText(snap, c.threshold.name)
        : showValue(c.fact, c.threshold.value);
      const requirement = BOUNDARY_WORDS[c.word]!.requirement(tText);
      const actual = showValue(c.fact, v);
      const passed = compare(c.op, v, t);
      const message = `${c.fact.def.label} ${actual},${requirement}`;
      const wordNote = `(“${c.word}”${c.op === '>=' || c.op === '<=' ? '含本数' : '不含本数'},民法典第1259条)`;
      return {
        passed,
        text: `${message}${wordNote} ${passed ? '✓' : '✗'}`,
        params,
        ...(!passed && { failure: { fact: factPath(c.fact, index), actual, requirement, message, clause } }),
      };
    }
    case 'in':
    case 'equals':
    case 'is': {
      const v = factValue(c.fact, facts, item, index);
      const allowed = c.kind === 'in' ? c.values : [c.value];
      const passed = allowed.includes(v as never);
      const actual = showValue(c.fact, v);
      const requirement = c.kind === 'in' && c.text
        ? `需为${c.text}`
        : `需为${allowed.map((x) => showValue(c.fact, x)).join('或')}`;
      const message = `${c.fact.def.label}: ${actual},${requirement}`;
      return { passed, text: `${message} ${passed ? '✓' : '✗'}`, params: [], ...(!passed && { failure: { fact: factPath(c.fact, index), actual, requirement, message, clause } }) };
    }
    case 'recognitions': {
      const list = facts.recognitions as readonly string[];
      const labels = policy.facts.facts.get('recognitions')!.values!;
      const hits = list.filter((code) => c.codes.includes(code));
      const passed = hits.length >= 1;
      const names = c.codes.map((code) => labels.get(code)!).join('、');
      const requirement = `需本年度新获 ${names} 中至少一项`;
      const actual = hits.length ? hits.map((code) => labels.get(code)!).join('、') : '未获其中任何一项';
      const message = `本年度新获认定或评选: ${actual},${requirement}`;
      return { passed, text: passed ? `本年度新获 ${actual}(${hits.length}项) ✓` : `${message} ✗`, params: [], ...(!passed && { failure: { fact: 'recognitions', actual, requirement, message, clause } }) };
    }
    case 'any': {
      const outcomes: Outcome[] = [];
      for (const b of c.conditions) {
        const o = evalCondition(b, ctx, clause, item, index);
        if (o.passed) return { passed: true, text: `满足其一: ${o.text}`, params: o.params };
        outcomes.push(o);
      }
      const message = `以下条件均不满足(满足其一即可): ${outcomes.map((o) => o.failure!.message).join(';')}`;
      return {
        passed: false,
        text: `${message} ✗`,
        params: outcomes.flatMap((o) => o.params),
        failure: { fact: outcomes.map((o) => o.failure!.fact).join('|'), actual: outcomes.map((o) => o.failure!.actual).join(';'), requirement: '满足其一', message, clause },
      };
    }
  }
}

/**
 * Evaluates conditions in order. Until one fails, a missing fact is an error (the compiled
 * evaluator raises the same one). After a failure the rest are still shown when their facts
 * are present, so the applicant sees every gap at once; absent facts are then skipped.
 */
function walk(conds: readonly Condition[], ctx: ExplainContext, clause: string, item: FactItem | undefined, index: number, steps: ExplanationStep[], failures: ConditionFailure[], failedAlready: boolean): boolean {
  let ok = !failedAlready;
  for (const c of conds) {
    let o: Outcome;
    try {
      o = evalCondition(c, ctx, clause, item, index);
    } catch (e) {
      if (e instanceof Missing) {
        if (ok) throw missingFact(ctx.policy.facts, e.path);
        continue;
      }
      throw e;
    }
    steps.push({ text: item ? `${ctx.policy.facts.facts.get(itemCollection(c) ?? '')?.itemLabel ?? '项目'}${index + 1}: ${o.text}` : o.text, clause, ...(o.params.length && { parameters: o.params }) });
    if (!o.passed) {
      ok = false;
      failures.push(item ? { ...o.failure!, message: `第${index + 1}个${ctx.policy.facts.facts.get(itemCollection(c) ?? '')?.itemLabel ?? '项目'}: ${o.failure!.message}` } : o.failure!);
    }
  }
  return ok;
}

function itemCollection(c: Condition): string | undefined {
  if (c.kind === 'any') return c.conditions.map(itemCollection).find(Boolean);
  return c.kind === 'compare' || c.kind === 'in' || c.kind === 'equals' || c.kind === 'is' ? c.fact.collection : undefined;
}

function onItem(c: Condition): boolean {
  return itemCollection(c) !== undefined;
}

interface Range {
  lo: number;
  hi: number; // -1 = unbounded
}

function unitAmount(m: Measure, ctx: ExplainContext, item: FactItem | undefined, index: number, steps: ExplanationStep[], prefix: string): Range {
  const a = m.amount!;
  const { snap } = ctx;
  const clause = m.clause;
  const step = (text: string, ...params: string[]) => steps.push({ text: `${prefix}${text}`, clause, ...(params.length && { parameters: params.map((p) => parameterUse(snap, p)) }) });
  if (a.kind === 'fixed' || a.kind === 'up_to') {
    const v = snap.get(a.value)!.value as number;
    const r: Range = { lo: a.kind === 'fixed' ? v : 0, hi: v };
    step(a.kind === 'fixed' ? `定额 ${formatFen(v)}(“补助…/家”为定额)` : `最高 ${formatFen(v)},文本未规定下限,区间为 0~${formatFen(v)}`, a.value);
    if (a.each) {
      const n = a.each.kind === 'recognitions'
        ? (ctx.facts.recognitions as readonly string[]).filter((code) => recognitionCodes(m).includes(code)).length
        : (factValue(a.each.fact, ctx.facts, item, index) as number);
      r.lo *= n;
      r.hi *= n;
      step(`分别计算: ${n}${a.each.kind === 'recognitions' ? '项' : a.each.fact.def.unit ?? '个'} × ${formatFen(v)} = ${formatRange(r.lo, r.hi)}`);
    }
    return r;
  }
  const b = factValue(a.base, ctx.facts, item, index) as number;
  const baseText = `${a.base.def.label} ${formatFen(b)}`;
  const r: Range = { lo: 0, hi: 0 };
  if (a.exact) {
    const rate = snap.get(a.rateMin!)!.value as Rate;
    r.lo = r.hi = mulFloor(b, rate.num, rate.den);
    step(`${baseText} × ${formatRate(rate)} = ${formatFen(r.lo)}(按比例计算,向下取整到分)`, a.rateMin!);
  } else {
    const used: string[] = [];
    if (a.rateMin) {
      const rate = snap.get(a.rateMin)!.value as Rate;
      r.lo = mulCeil(b, rate.num, rate.den);
      used.push(a.rateMin);
    }
    if (a.rateMax) {
      const rate = snap.get(a.rateMax)!.value as Rate;
      r.hi = mulFloor(b, rate.num, rate.den);
      used.push(a.rateMax);
      if (a.rateMin && r.lo > r.hi) r.lo = r.hi;
    } else r.hi = -1;
    const band = a.rateMin && a.rateMax
      ? `${formatRate(snap.get(a.rateMin)!.value as Rate)}~${formatRate(snap.get(a.rateMax)!.value as Rate)}`
      : a.rateMax ? `不高于${formatRate(snap.get(a.rateMax)!.value as Rate)}` : `不低于${formatRate(snap.get(a.rateMin!)!.value as Rate)}`;
    step(`${baseText} × ${band} = ${formatRange(r.lo, r.hi === -1 ? null : r.hi)}(下限向上、上限向下取整到分)`, ...used);
  }
  if (a.floor) {
    const fl = snap.get(a.floor)!.value as number;
    const before = formatRange(r.lo, r.hi === -1 ? null : r.hi);
    if (r.lo < fl) r.lo = fl;
    if (r.hi !== -1 && r.hi < fl) r.hi = fl;
    step(`不低于 ${formatFen(fl)}: ${before} → ${formatRange(r.lo, r.hi === -1 ? null : r.hi)}`, a.floor);
  }
  for (const cap of a.caps) {
    if (cap.scope !== 'per_item' || !m.forEach) continue;
    applyCap(r, cap.param, `单个${ctx.policy.facts.facts.get(m.forEach)?.itemLabel ?? '项目'}`, snap, step);
  }
  return r;
}

function applyCap(r: Range, param: string, scopeText: string, snap: ParameterSnapshot, step: (text: string, ...params: string[]) => void) {
  const c = snap.get(param)!.value as number;
  const before = formatRange(r.lo, r.hi === -1 ? null : r.hi);
  if (r.lo > c) r.lo = c;
  if (r.hi === -1 || r.hi > c) r.hi = c;
  const after = formatRange(r.lo, r.hi);
  step(`${scopeText}最高 ${formatFen(c)}: ${before === after ? `${after},未超过上限` : `${before} → ${after}`}`, param);
}

function enterpriseCaps(m: Measure, ctx: ExplainContext, r: Range, steps: ExplanationStep[]) {
  const a = m.amount!;
  if (a.kind !== 'rate') return;
  const step = (text: string, ...params: string[]) => steps.push({ text, clause: m.clause, ...(params.length && { parameters: params.map((p) => parameterUse(ctx.snap, p)) }) });
  for (const cap of a.caps) {
    if (cap.scope === 'per_item' && m.forEach) continue;
    applyCap(r, cap.param, cap.scope === 'per_enterprise_year' ? '单个企业每年' : '', ctx.snap, step);
  }
}

export interface Prelude {
  readonly scopeFailures: readonly ConditionFailure[];
  readonly scopeSteps: readonly ExplanationStep[];
}

/** The policy-wide applicant conditions (Suzhou: 独立法人), evaluated once per enterprise. */
export function explainScope(ctx: ExplainContext): Prelude {
  const steps: ExplanationStep[] = [];
  const failures: ConditionFailure[] = [];
  walk(ctx.policy.applicants.conditions, ctx, ctx.policy.applicants.clause, undefined, 0, steps, failures, false);
  return { scopeFailures: failures, scopeSteps: steps };
}

export function explainMeasure(m: Measure, ctx: ExplainContext, prelude: Prelude): MeasureResult {
  try {
    return explainOne(m, ctx, prelude);
  } catch (e) {
    // An amount's base fact left out (conditions passed, so the fact is needed).
    if (e instanceof Missing) throw missingFact(ctx.policy.facts, e.path);
    throw e;
  }
}

function explainOne(m: Measure, ctx: ExplainContext, prelude: Prelude): MeasureResult {
  const steps: ExplanationStep[] = [...prelude.scopeSteps];
  const failures: ConditionFailure[] = [...prelude.scopeFailures];
  const at = ctx.facts.applicant_type as string;
  const typeLabels = ctx.policy.facts.facts.get('applicant_type')!.values!;
  const typeOk = m.applicantTypes.includes(at);
  const typeText = `申请主体类型: ${typeLabels.get(at) ?? at},本措施适用于${m.applicantTypes.map((t) => typeLabels.get(t)).join('、')}`;
  steps.push({ text: `${typeText} ${typeOk ? '✓' : '✗'}`, clause: m.clause });
  if (!typeOk) failures.push({ fact: 'applicant_type', actual: typeLabels.get(at) ?? at, requirement: `需为${m.applicantTypes.map((t) => typeLabels.get(t)).join('或')}`, message: typeText, clause: m.clause });

  const failedBefore = failures.length > 0;
  const top = m.forEach ? m.conditions.filter((c) => !onItem(c)) : m.conditions;
  let ok = walk(top, ctx, m.clause, undefined, 0, steps, failures, failedBefore);
  let range: Range = { lo: 0, hi: 0 };
  let items: ItemResult[] | undefined;

  if (!m.forEach) {
    if (ok) {
      range = unitAmount(m, ctx, undefined, 0, steps, '');
      enterpriseCaps(m, ctx, range, steps);
    }
  } else {
    const coll = ctx.facts[m.forEach] as readonly FactItem[];
    const def = ctx.policy.facts.facts.get(m.forEach)!;
    items = [];
    if (ok) {
      if (coll.length === 0) {
        const message = `未填报${def.label}`;
        failures.push({ fact: m.forEach, actual: '0个', requirement: `需至少一个${def.itemLabel ?? '项目'}`, message, clause: m.clause });
        steps.push({ text: `${message} ✗`, clause: m.clause });
      }
      const itemConds = m.conditions.filter(onItem);
      let any = false, eligibleItems = 0;
      const sum: Range = { lo: 0, hi: 0 };
      coll.forEach((item, j) => {
        const itemFailures: ConditionFailure[] = [];
        const itemOk = walk(itemConds, ctx, m.clause, item, j, steps, itemFailures, false);
        let r: Range = { lo: 0, hi: 0 };
        if (itemOk) {
          r = unitAmount(m, ctx, item, j, steps, `${def.itemLabel ?? '项目'}${j + 1}: `);
          any = true;
          eligibleItems++;
          sum.lo += r.lo;
          if (sum.hi !== -1) sum.hi = r.hi === -1 ? -1 : sum.hi + r.hi;
        }
        items!.push({ index: j, eligible: itemOk, amount: { min: r.lo, max: r.hi === -1 ? null : r.hi }, failures: itemFailures });
      });
      if (eligibleItems > 1) steps.push({ text: `各${def.itemLabel ?? '项目'}合计: ${formatRange(sum.lo, sum.hi === -1 ? null : sum.hi)}`, clause: m.clause });
      if (!any) {
        ok = false;
        // Only item failures explain the outcome when no item qualifies.
        for (const it of items) failures.push(...it.failures);
      } else {
        range = sum;
        enterpriseCaps(m, ctx, range, steps);
      }
    }
  }
  return finish(m, ctx, ok, range, failures, steps, items);
}

function finish(m: Measure, ctx: ExplainContext, ok: boolean, r: Range, failures: ConditionFailure[], steps: ExplanationStep[], items: ItemResult[] | undefined): MeasureResult {
  if (ok && (r.lo > Number.MAX_SAFE_INTEGER || r.hi > Number.MAX_SAFE_INTEGER)) amountTooLarge(m.id);
  const amount: MoneyRange = ok ? { min: r.lo, max: r.hi === -1 ? null : r.hi } : { min: 0, max: 0 };
  const payer = m.payer!;
  if (ok) {
    const payerText = payer === 'shared' ? '按现行财政体制分级承担(文本未规定比例)' : `由${PAYER_LABEL[payer]}财政承担`;
    // An upper bound with no floor reads as the text words it (最高……), not as an interval from 0.
    const amountWords = amount.min === 0 && amount.max !== null && amount.max > 0 ? `最高可获 ${formatFen(amount.max)}` : `金额 ${formatRange(amount.min, amount.max)}`;
    steps.push({ text: `结论: 符合条件,${amountWords},${payerText}`, clause: m.clause });
  } else {
    steps.push({ text: `结论: 不符合条件(${failures.length}项未满足)`, clause: m.clause });
  }
  const quota = m.quota ? ctx.snap.get(m.quota)! : undefined;
  return {
    ...measureHeader(m),
    payer,
    payerLabel: PAYER_LABEL[payer],
    frequency: FREQUENCY_LABEL[m.frequency!],
    status: ok ? 'eligible' : 'not_eligible',
    eligible: ok,
    amount,
    amountText: ok ? formatRange(amount.min, amount.max) : '—',
    failures,
    ...(items && { items }),
    steps,
    ...(quota && { quota: { value: quota.value as number, text: `${quota.parameter.label}: ${quota.text}${quota.parameter.unit ?? ''}(批量测算时按名额统计)` } }),
    ...(m.reading !== undefined && { reading: m.reading }),
  };
}

/** What identifies a measure and its words, at the head of every result and description. */
export function measureHeader(m: Measure) {
  return {
    id: m.id,
    title: m.title,
    clause: m.clause,
    quote: m.quote,
    ...(m.topic !== undefined && { topic: m.topic }),
  };
}

/** A measure of a policy not in force on the date: the reason, no exception. */
export function notInForce(m: Measure, message: string, clause: string): MeasureResult {
  return {
    ...measureHeader(m),
    payer: m.payer!,
    payerLabel: PAYER_LABEL[m.payer!],
    frequency: FREQUENCY_LABEL[m.frequency!],
    status: 'not_in_force',
    eligible: false,
    amount: { min: 0, max: 0 },
    amountText: '—',
    failures: [{ fact: 'date', actual: message, requirement: '评估日须在政策有效期内', message, clause }],
    steps: [{ text: message, clause }],
    ...(m.reading !== undefined && { reading: m.reading }),
  };
}
