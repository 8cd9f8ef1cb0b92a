// Compiles a policy, with the parameter values of one date (and any what-if overrides), into a
// single specialised JavaScript function: thresholds, rates and caps become constants, each
// measure a labelled block that `break`s out on its first failing condition. Evaluating an
// enterprise is then straight-line code with no rule tree to walk — the same shape as a
// hand-written function, which is what the bench compares against.
//
// The generated source contains only numbers, operators, identifiers that the fact schema
// validated against /^[a-z][a-z0-9_]*$/, and strings passed through JSON.stringify, so no
// policy text can inject code.
//
// Output layout per measure k (in policy.money order): out[3k] status (0 eligible,
// 1 not eligible, 2 policy not in force), out[3k+1] min fen, out[3k+2] max fen or -1 when the
// text sets no upper bound. Explanations are built separately (explain.ts) and only on demand.
import { invalid } from '../errors.ts';
import { mulCeil, mulFloor } from './amount-math.ts';
import { RECOGNITIONS_FACT } from './build-policy.ts';
import { missingFact } from './normalize-facts.ts';
import type { AmountRule, Condition, FactRef, Facts, Measure, ParameterSnapshot, Policy, Rate } from './types.ts';

export type FastEvaluator = (facts: Facts, out: Float64Array) => void;

/**
 * The batch form: adds an enterprise's eligible measures straight into the totals (eligible
 * count, min, max and whether max is unbounded, per measure) and leaves the enterprise's own
 * [any eligible, min, max, max unbounded] in `enterprise`, writing no per-measure record.
 */
export type TotalsEvaluator = (facts: Facts, eligible: Float64Array, min: Float64Array, max: Float64Array, unbounded: Uint8Array, enterprise: Float64Array) => void;

export const STATUS_ELIGIBLE = 0;
export const STATUS_NOT_ELIGIBLE = 1;
export const STATUS_NOT_IN_FORCE = 2;
export const UNBOUNDED = -1;

const IDENT = /^[a-z][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe identifier in policy: ${name}`);
  return name;
}

class Gen {
  private readonly lines: string[] = [];
  /** recognition code → local counter variable. */
  constructor(
    readonly policy: Policy,
    readonly snap: ParameterSnapshot,
    readonly codeVars = new Map<string, string>(),
  ) {}
  line(s: string) {
    this.lines.push(s);
  }
  source() {
    return this.lines.join('\n');
  }
  money(name: string): number {
    return this.snap.get(name)!.value as number;
  }
  rate(name: string): Rate {
    return this.snap.get(name)!.value as Rate;
  }
  codeVar(code: string): string {
    let v = this.codeVars.get(code);
    if (!v) {
      v = `rc${this.codeVars.size}`;
      this.codeVars.set(code, v);
    }
    return v;
  }
}

/** Reads a fact; facts without a default throw (naming the field) when they were left out. */
function read(fact: FactRef, itemVar: string, indexVar: string): string {
  if (fact.collection) {
    const access = `${itemVar}.${ident(fact.field!)}`;
    if (fact.def.hasDefault) return access;
    // The path is only assembled when the fact is missing, so the hot loop builds no strings.
    return `reqItem(${access}, ${JSON.stringify(fact.collection)}, ${indexVar}, ${JSON.stringify(fact.field)})`;
  }
  const access = `f.${ident(fact.path)}`;
  return fact.def.hasDefault ? access : `req(${access}, ${JSON.stringify(fact.path)})`;
}

function test(c: Exclude<Condition, { kind: 'any' }>, g: Gen, v: string): string {
  switch (c.kind) {
    case 'compare': {
      const t = c.threshold.kind === 'param' ? (g.snap.get(c.threshold.name)!.value as number) : c.threshold.value;
      return `${v} ${c.op} ${t}`;
    }
    case 'in': return `(${c.values.map((x) => `${v} === ${JSON.stringify(x)}`).join(' || ')})`;
    case 'equals': return `${v} === ${JSON.stringify(c.value)}`;
    case 'is': return `${v} === ${c.value}`;
    case 'recognitions': return `${v} >= 1`;
  }
}

function valueExpr(c: Exclude<Condition, { kind: 'any' }>, g: Gen, itemVar: string, indexVar: string): string {
  if (c.kind === 'recognitions') return `(${c.codes.map((code) => g.codeVar(code)).join(' + ')})`;
  return read(c.fact, itemVar, indexVar);
}

function emitCondition(c: Condition, g: Gen, onFail: string, itemVar = 'it', indexVar = 'j'): void {
  if (c.kind === 'any') {
    g.line('{ let ok = false;');
    for (const b of c.conditions as Exclude<Condition, { kind: 'any' }>[]) {
      g.line(`if (!ok) { const v = ${valueExpr(b, g, itemVar, indexVar)}; if (${test(b, g, 'v')}) ok = true; }`);
    }
    g.line(`if (!ok) ${onFail} }`);
    return;
  }
  g.line(`{ const v = ${valueExpr(c, g, itemVar, indexVar)}; if (!(${test(c, g, 'v')})) ${onFail} }`);
}

/** Emits code leaving the per-unit range in `lo`/`hi` (hi === -1: unbounded). */
function emitUnitAmount(a: AmountRule, m: Measure, g: Gen): void {
  if (a.kind === 'fixed' || a.kind === 'up_to') {
    const v = g.money(a.value);
    g.line(`lo = ${a.kind === 'fixed' ? v : 0}; hi = ${v};`);
    if (a.each) {
      const n = a.each.kind === 'recognitions'
        ? `(${recognitionCodes(m).map((code) => g.codeVar(code)).join(' + ')})`
        : read(a.each.fact, 'it', 'j');
      g.line(`{ const n = ${n}; lo *= n; hi *= n; }`);
    }
    return;
  }
  g.line(`{ const b = ${read(a.base, 'it', 'j')};`);
  if (a.exact) {
    const r = g.rate(a.rateMin!);
    g.line(`lo = mulFloor(b, ${r.num}, ${r.den}); hi = lo;`);
  } else {
    if (a.rateMin) {
      const r = g.rate(a.rateMin);
      g.line(`lo = mulCeil(b, ${r.num}, ${r.den});`);
    } else g.line('lo = 0;');
    if (a.rateMax) {
      const r = g.rate(a.rateMax);
      g.line(`hi = mulFloor(b, ${r.num}, ${r.den});`);
      // A band narrower than one fen rounds its ends past each other; keep min ≤ max.
      if (a.rateMin) g.line('if (lo > hi) lo = hi;');
    } else g.line(`hi = ${-1};`);
  }
  g.line('}');
  if (a.floor) {
    const fl = g.money(a.floor);
    g.line(`if (lo < ${fl}) lo = ${fl}; if (hi !== -1 && hi < ${fl}) hi = ${fl};`);
  }
  for (const cap of a.caps) {
    if (cap.scope !== 'per_item' || !m.forEach) continue;
    const c = g.money(cap.param);
    g.line(`if (lo > ${c}) lo = ${c}; if (${unitUnbounded(a) ? 'hi === -1 || ' : ''}hi > ${c}) hi = ${c};`);
  }
}

// What the generated code may leave out, known from the amount rule alone: the `hi === -1`
// (no upper bound) branches where no `hi = -1` is ever emitted, the min totals where min is
// always 0, and the 2^53 guard where a cap or a constant already bounds the amount.

/** `hi` of one unit can be -1: a rate with no upper rate (不低于 only). */
function unitUnbounded(a: AmountRule): boolean {
  return a.kind === 'rate' && !a.exact && !a.rateMax;
}

/** The enterprise's `hi` can be -1: any cap, per item or per enterprise, bounds it. */
function mayBeUnbounded(a: AmountRule): boolean {
  return unitUnbounded(a) && a.kind === 'rate' && a.caps.length === 0;
}

/** `lo` is 0 whatever the facts: an 最高 amount, or a rate with no lower rate and no floor. */
function minAlwaysZero(a: AmountRule): boolean {
  if (a.kind === 'up_to') return true;
  return a.kind === 'rate' && !a.exact && !a.rateMin && !a.floor;
}

/** A bound on lo and hi known without the facts (undefined: none), for measures with no forEach. */
function staticBound(a: AmountRule, m: Measure, g: Gen): number | undefined {
  if (m.forEach) return undefined;
  if (a.kind === 'fixed' || a.kind === 'up_to') return a.each ? undefined : g.money(a.value);
  if (a.caps.length === 0) return undefined;
  return Math.min(...a.caps.map((c) => g.money(c.param)));
}

function emitEnterpriseCaps(a: AmountRule, m: Measure, g: Gen): void {
  if (a.kind !== 'rate') return;
  for (const cap of a.caps) {
    if (cap.scope === 'per_item' && m.forEach) continue;
    const c = g.money(cap.param);
    g.line(`if (lo > ${c}) lo = ${c}; if (${unitUnbounded(a) ? 'hi === -1 || ' : ''}hi > ${c}) hi = ${c};`);
  }
}

/**
 * `grouped`: the caller has already checked the applicant scope and type for a run of measures
 * with the same applicant types (the batch form), so the measure does not check them again.
 */
function emitMeasure(m: Measure, g: Gen, totals: boolean, grouped = false): void {
  const k = m.index;
  const a = m.amount!;
  const label = `m${k}`;
  g.line(`// ${m.clause} ${m.id}`);
  if (!totals) g.line(`out[${3 * k}] = 1; out[${3 * k + 1}] = 0; out[${3 * k + 2}] = 0;`);
  const addMin = minAlwaysZero(a) ? '' : `tMin[${k}] += lo; eLo += lo; `;
  const result = !totals
    ? `out[${3 * k}] = 0; out[${3 * k + 1}] = lo; out[${3 * k + 2}] = hi;`
    : mayBeUnbounded(a)
      ? `tEl[${k}] += 1; ${addMin}eAny = 1; if (hi === -1) { tUb[${k}] = 1; eUb = 1; } else { tMax[${k}] += hi; eHi += hi; }`
      : `tEl[${k}] += 1; ${addMin}eAny = 1; tMax[${k}] += hi; eHi += hi;`;
  g.line(`${label}: {`);
  if (!grouped) {
    g.line(`if (!scope) break ${label};`);
    g.line(`if (!(${applicantTest(m)})) break ${label};`);
  }
  const top = m.forEach ? m.conditions.filter((c) => !conditionOnItem(c)) : m.conditions;
  for (const c of top) emitCondition(c, g, `break ${label};`);
  // Products and sums stay exact only below 2^53; absurd inputs (90 million talents) are refused.
  const bound = staticBound(a, m, g);
  const guard = bound !== undefined && bound <= Number.MAX_SAFE_INTEGER ? '' : `if (lo > ${Number.MAX_SAFE_INTEGER} || hi > ${Number.MAX_SAFE_INTEGER}) tooLarge(${JSON.stringify(m.id)});`;
  if (!m.forEach) {
    g.line('let lo = 0, hi = 0;');
    emitUnitAmount(a, m, g);
    emitEnterpriseCaps(a, m, g);
    if (guard) g.line(guard);
    g.line(result);
  } else {
    g.line(`const items = f.${ident(m.forEach)}; let any = false, sumLo = 0, sumHi = 0;`);
    g.line('for (let j = 0; j < items.length; j++) { const it = items[j];');
    for (const c of m.conditions.filter(conditionOnItem)) emitCondition(c, g, 'continue;');
    g.line('let lo = 0, hi = 0;');
    emitUnitAmount(a, m, g);
    // A per-item cap bounds every unit, so no unit's hi is -1 and the sum needs no check.
    const unitMayBeUnbounded = a.kind === 'rate' && unitUnbounded(a) && !a.caps.some((c) => c.scope === 'per_item');
    g.line(`any = true; sumLo += lo; ${unitMayBeUnbounded ? 'if (sumHi !== -1) sumHi = hi === -1 ? -1 : sumHi + hi;' : 'sumHi += hi;'} }`);
    g.line(`if (!any) break ${label};`);
    g.line('let lo = sumLo, hi = sumHi;');
    emitEnterpriseCaps(a, m, g);
    g.line(guard);
    g.line(result);
  }
  g.line('}');
}

function applicantTest(m: Measure): string {
  return m.applicantTypes.map((t) => `at === ${JSON.stringify(t)}`).join(' || ');
}

export function amountTooLarge(measureId: string): never {
  throw invalid('facts', `措施 ${measureId} 的金额超出可精确计算的范围(2^53分),请检查输入数值`);
}

export function recognitionCodes(m: Measure): readonly string[] {
  const c = m.conditions.find((x) => x.kind === 'recognitions');
  return c && c.kind === 'recognitions' ? c.codes : [];
}

function conditionOnItem(c: Condition): boolean {
  if (c.kind === 'any') return c.conditions.some(conditionOnItem);
  return (c.kind === 'compare' || c.kind === 'in' || c.kind === 'equals' || c.kind === 'is') && c.fact.collection !== undefined;
}

export function generateSource(policy: Policy, snap: ParameterSnapshot, totals = false): string {
  const g = new Gen(policy, snap);
  // Measures first into `body` so that every recognition code in use gets its counter.
  const body = new Gen(policy, snap, g.codeVars);
  if (!totals) for (const m of policy.money) emitMeasure(m, body, totals);
  else {
    // The batch form checks scope and applicant type once for each run of consecutive measures
    // with the same applicant types. The measures keep their order, so the first missing fact
    // or oversized amount an enterprise meets is the one the per-measure form reports.
    const money = policy.money;
    for (let i = 0; i < money.length; ) {
      let j = i + 1;
      while (j < money.length && applicantTest(money[j]!) === applicantTest(money[i]!)) j++;
      body.line(`if (scope && (${applicantTest(money[i]!)})) {`);
      for (let x = i; x < j; x++) emitMeasure(money[x]!, body, totals, true);
      body.line('}');
      i = j;
    }
  }

  g.line('"use strict";');
  if (totals) {
    g.line('return function totalsFast(f, tEl, tMin, tMax, tUb, e) {');
    g.line('let eAny = 0, eLo = 0, eHi = 0, eUb = 0;');
  } else g.line('return function evaluateFast(f, out) {');
  g.line('const at = f.applicant_type;');
  g.line('let scope = true;');
  for (const c of policy.applicants.conditions) emitCondition(c, g, 'scope = false;');
  if (g.codeVars.size > 0) {
    g.line(`let ${[...g.codeVars.values()].map((v) => `${v} = 0`).join(', ')};`);
    g.line(`{ const r = f.${RECOGNITIONS_FACT}; for (let i = 0; i < r.length; i++) { const c = r[i];`);
    g.line([...g.codeVars].map(([code, v], i) => `${i ? 'else ' : ''}if (c === ${JSON.stringify(code)}) ${v}++;`).join(' '));
    g.line('} }');
  }
  g.line(body.source());
  if (totals) g.line('e[0] = eAny; e[1] = eLo; e[2] = eHi; e[3] = eUb;');
  g.line('};');
  return g.source();
}

export function compileFast(policy: Policy, snap: ParameterSnapshot, inForce: boolean): FastEvaluator {
  const n = policy.money.length;
  if (!inForce) {
    return (_facts, out) => {
      for (let k = 0; k < n; k++) { out[3 * k] = STATUS_NOT_IN_FORCE; out[3 * k + 1] = 0; out[3 * k + 2] = 0; }
    };
  }
  return compileSource(policy, generateSource(policy, snap)) as FastEvaluator;
}

/** The batch form of compileFast (see TotalsEvaluator); the same code with other writes. */
export function compileTotals(policy: Policy, snap: ParameterSnapshot, inForce: boolean): TotalsEvaluator {
  if (!inForce) return (_f, _el, _min, _max, _ub, e) => e.fill(0);
  return compileSource(policy, generateSource(policy, snap, true)) as TotalsEvaluator;
}

function compileSource(policy: Policy, source: string): unknown {
  const req = (v: unknown, path: string) => {
    if (v === undefined) throw missingFact(policy.facts, path);
    return v;
  };
  const reqItem = (v: unknown, collection: string, index: number, field: string) => {
    if (v === undefined) throw missingFact(policy.facts, `${collection}[${index}].${field}`);
    return v;
  };
  const factory = new Function('mulFloor', 'mulCeil', 'req', 'reqItem', 'tooLarge', source) as (...deps: unknown[]) => unknown;
  return factory(mulFloor, mulCeil, req, reqItem, amountTooLarge);
}
