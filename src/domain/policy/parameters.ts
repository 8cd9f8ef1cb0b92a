// Which parameter values apply on a date, and what-if overrides on top of them.
import { invalid } from '../errors.ts';
import { parseParameterValue } from './build-policy.ts';
import { QuantityError } from './quantities.ts';
import type { Parameter, ParameterSnapshot, Policy, Rate, ResolvedParameter } from './types.ts';
import { isRate } from './quantities.ts';

/** Overrides as given by a caller: parameter name → value text ("800万元", "15%", 40). */
export type Overrides = Readonly<Record<string, string | number>>;

function valueOn(p: Parameter, date: string) {
  // Values are sorted by `from`; the last one that has started applies. Before the first
  // value (a date before the policy is in force) the first value stands in: the evaluation
  // reports "not yet in force" anyway, and the explanation still shows the numbers.
  let chosen = p.values[0]!;
  for (const v of p.values) if (v.from <= date) chosen = v;
  return chosen;
}

export function resolveParameters(policy: Policy, date: string, overrides: Overrides = {}): ParameterSnapshot {
  const parsed = parseOverrides(policy, overrides);
  const out = new Map<string, ResolvedParameter>();
  for (const p of policy.parameters.values()) {
    const v = valueOn(p, date);
    const o = parsed.get(p.name);
    out.set(p.name, o
      ? { parameter: p, value: o.value, text: o.text, from: v.from, overridden: { originalText: v.text } }
      : { parameter: p, value: v.value, text: v.text, from: v.from });
  }
  checkSnapshotOrder(policy, out, 'overrides');
  return out;
}

export function parseOverrides(policy: Policy, overrides: Overrides): Map<string, { value: number | Rate; text: string }> {
  const out = new Map<string, { value: number | Rate; text: string }>();
  for (const [name, raw] of Object.entries(overrides)) {
    const field = `overrides.${name}`;
    const p = policy.parameters.get(name);
    if (!p) {
      const names = [...policy.parameters.keys()].filter((n) => n.split('.')[0] === name.split('.')[0]);
      throw invalid(field, `未知参数 ${name}(政策 ${policy.id})${names.length ? `;同类参数:${names.join('、')}` : ''}`);
    }
    try {
      out.set(name, { value: parseParameterValue(p.type, raw), text: String(raw) });
    } catch (e) {
      if (e instanceof QuantityError) throw invalid(field, `${field}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/**
 * A band must run low→high and a floor must sit under every cap, or "caps applied in order"
 * would produce a range whose ends cross. Checked for every snapshot, including what-ifs.
 */
export function checkSnapshotOrder(policy: Policy, snap: ParameterSnapshot, fieldPrefix: string): void {
  const rate = (n: string) => snap.get(n)!.value as Rate;
  const money = (n: string) => snap.get(n)!.value as number;
  for (const m of policy.money) {
    const a = m.amount!;
    if (a.kind !== 'rate') continue;
    if (a.rateMin && a.rateMax && !a.exact) {
      const lo = rate(a.rateMin), hi = rate(a.rateMax);
      if (BigInt(lo.num) * BigInt(hi.den) > BigInt(hi.num) * BigInt(lo.den)) {
        throw invalid(`${fieldPrefix}.${a.rateMin}`, `措施 ${m.id}: 比例下限 ${snap.get(a.rateMin)!.text} 高于上限 ${snap.get(a.rateMax)!.text}`);
      }
    }
    if (a.floor) {
      for (const cap of a.caps) {
        if (money(a.floor) > money(cap.param)) {
          throw invalid(`${fieldPrefix}.${a.floor}`, `措施 ${m.id}: 保底 ${snap.get(a.floor)!.text} 高于上限 ${snap.get(cap.param)!.text}`);
        }
      }
    }
  }
}

export function snapshotKey(snap: ParameterSnapshot): string {
  const parts: string[] = [];
  for (const [name, r] of snap) parts.push(`${name}=${isRate(r.value) ? `${r.value.num}/${r.value.den}` : r.value}`);
  return parts.join(';');
}

/** Dates on which some parameter takes a new value inside the validity window (plus its start). */
export function snapshotDates(policy: Policy): string[] {
  const dates = new Set([policy.validity.from]);
  for (const p of policy.parameters.values()) {
    for (const v of p.values) if (v.from > policy.validity.from && v.from <= policy.validity.to) dates.add(v.from);
  }
  return [...dates].sort();
}
