// Evaluating one applicant against one policy on one date: the public entry point for single
// evaluations (CLI `zgsz calc`, the API). Runs the compiled evaluator for the numbers and the
// explaining evaluator for the reasons, and insists that they agree.
import { assertSafeTotal } from './amount-math.ts';
import { compileFast, STATUS_ELIGIBLE, UNBOUNDED, type FastEvaluator } from './compile-fast.ts';
import { daysBetween, formatChineseDate, parseIsoDate } from './dates.ts';
import { explainMeasure, explainScope, notInForce, parameterUse } from './explain.ts';
import { formatRange } from './format.ts';
import { normalizeFacts } from './normalize-facts.ts';
import { resolveParameters, snapshotKey, type Overrides } from './parameters.ts';
import type { EvaluationResult, MeasureResult, MoneyRange, ValidityInfo } from './results.ts';
import type { Facts, ParameterSnapshot, Payer, Policy } from './types.ts';

export interface Compiled {
  readonly policy: Policy;
  readonly date: string;
  readonly snap: ParameterSnapshot;
  readonly validity: ValidityInfo;
  readonly evaluate: FastEvaluator;
}

const cache = new WeakMap<Policy, Map<string, FastEvaluator>>();
const CACHE_LIMIT = 64;

export function validityOn(policy: Policy, date: string): ValidityInfo {
  const { from, to, clause } = policy.validity;
  if (date < from) {
    return { from, to, clause, status: 'not_yet_in_force', message: `政策自${formatChineseDate(from)}起施行,评估日${formatChineseDate(date)}尚未施行` };
  }
  if (date > to) {
    return { from, to, clause, status: 'expired', message: `政策有效期至${formatChineseDate(to)},评估日${formatChineseDate(date)}已届满失效` };
  }
  const daysLeft = daysBetween(date, to);
  return { from, to, clause, status: 'in_force', daysLeft, message: `评估日在有效期(${from}至${to},首尾两日均含)内,距届满还有${daysLeft}天` };
}

/**
 * The compiled evaluator for a policy on a date with overrides. Compiled once per distinct
 * set of parameter values (dates inside one period share it) and kept in a small per-policy
 * cache, so what-if requests compile on first use and never need a restart.
 */
export function compiledFor(policy: Policy, dateInput: unknown, overrides: Overrides = {}, dateField = 'date'): Compiled {
  const date = parseIsoDate(dateInput, dateField);
  const snap = resolveParameters(policy, date, overrides);
  const validity = validityOn(policy, date);
  const inForce = validity.status === 'in_force';
  const key = `${inForce}|${snapshotKey(snap)}`;
  let perPolicy = cache.get(policy);
  if (!perPolicy) cache.set(policy, (perPolicy = new Map()));
  let evaluate = perPolicy.get(key);
  if (!evaluate) {
    evaluate = compileFast(policy, snap, inForce);
    if (perPolicy.size >= CACHE_LIMIT) perPolicy.delete(perPolicy.keys().next().value!);
    perPolicy.set(key, evaluate);
  }
  return { policy, date, snap, validity, evaluate };
}

export function expiryWarnings(policy: Policy, validity: ValidityInfo): string[] {
  if (validity.status === 'in_force' && validity.daysLeft! <= policy.expiryWarningDays) {
    return [`${policy.shortTitle}将于${formatChineseDate(policy.validity.to)}届满(剩余${validity.daysLeft}天),请关注续期或新政策`];
  }
  return [];
}

export interface EvaluateInput {
  readonly facts: unknown;
  readonly date: unknown;
  readonly overrides?: Overrides;
}

export function evaluatePolicy(policy: Policy, input: EvaluateInput): EvaluationResult {
  const compiled = compiledFor(policy, input.date, input.overrides ?? {});
  const facts = normalizeFacts(policy.facts, input.facts);
  return evaluateNormalized(compiled, facts);
}

export function evaluateNormalized(compiled: Compiled, facts: Facts): EvaluationResult {
  const { policy, snap, validity, date } = compiled;
  const out = new Float64Array(policy.money.length * 3);
  compiled.evaluate(facts, out);

  let measures: MeasureResult[];
  if (validity.status !== 'in_force') {
    measures = policy.money.map((m) => notInForce(m, validity.message, validity.clause));
  } else {
    const ctx = { policy, snap, facts };
    const prelude = explainScope(ctx);
    measures = policy.money.map((m) => explainMeasure(m, ctx, prelude));
    measures.forEach((r, k) => agree(policy, r, out, k));
  }

  const byPayer: Record<Payer, { min: number; max: number | null }> = { city: { min: 0, max: 0 }, county: { min: 0, max: 0 }, shared: { min: 0, max: 0 } };
  const total = { min: 0, max: 0 as number | null };
  for (const r of measures) {
    if (!r.eligible) continue;
    for (const acc of [byPayer[r.payer], total]) {
      acc.min += r.amount.min;
      acc.max = acc.max === null || r.amount.max === null ? null : acc.max + r.amount.max;
    }
  }
  assertSafeTotal(total.min, '合计金额');
  const overrides = [...snap.values()].filter((r) => r.overridden).map((r) => parameterUse(snap, r.parameter.name));
  return {
    policy: { id: policy.id, title: policy.document.title, city: policy.city, number: policy.document.number },
    date,
    validity,
    warnings: expiryWarnings(policy, validity),
    overrides,
    measures,
    eligibleCount: measures.filter((m) => m.eligible).length,
    total: total as MoneyRange,
    totalText: formatRange(total.min, total.max),
    byPayer,
  };
}

/** The two evaluators are independent implementations of one model; a disagreement is a bug. */
function agree(policy: Policy, r: MeasureResult, out: Float64Array, k: number): void {
  const status = out[3 * k]!, lo = out[3 * k + 1]!, hi = out[3 * k + 2]!;
  const fastMax = hi === UNBOUNDED ? null : hi;
  if ((status === STATUS_ELIGIBLE) !== r.eligible || lo !== r.amount.min || fastMax !== r.amount.max) {
    throw new Error(
      `internal: policy ${policy.id} measure ${r.id}: compiled [${status}, ${lo}, ${hi}] ≠ explained [${r.eligible}, ${r.amount.min}, ${r.amount.max}]`,
    );
  }
}
