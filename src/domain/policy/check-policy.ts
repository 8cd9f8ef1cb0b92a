// Static checks run on load, after the structure is known to be sound: quotes are verbatim,
// no condition is unreachable, always true or redundant, and measures that the text makes
// alternatives (分别 by level) cannot both apply. All facts are integers (fen, counts, levels),
// so numeric conditions are closed integer intervals and the analysis is exact.
import { invalid } from '../errors.ts';
import { checkSnapshotOrder, resolveParameters, snapshotDates } from './parameters.ts';
import type { Condition, FactDef, Measure, ParameterSnapshot, Policy } from './types.ts';

type Constraint =
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'set'; readonly values: ReadonlySet<string> };

const fileOf = (place: string) => place.slice(0, place.indexOf('#'));
const fail = (place: string, message: string) => invalid(place, `${fileOf(place)} ${place.slice(place.indexOf('#') + 1)}: ${message}`);

function domain(def: FactDef): Constraint {
  switch (def.type) {
    case 'money':
    case 'count': return { kind: 'range', lo: 0, hi: Infinity };
    case 'level': return { kind: 'range', lo: def.min ?? 0, hi: def.max ?? Infinity };
    case 'boolean': return { kind: 'set', values: new Set(['true', 'false']) };
    case 'enum': return { kind: 'set', values: new Set(def.values!.keys()) };
    default: throw new Error(`no domain for ${def.type}`);
  }
}

function constraintOf(c: Condition, snap: ParameterSnapshot): { key: string; constraint: Constraint } | undefined {
  switch (c.kind) {
    case 'compare': {
      const t = c.threshold.kind === 'param' ? (snap.get(c.threshold.name)!.value as number) : c.threshold.value;
      const range =
        c.op === '>=' ? { lo: t, hi: Infinity } : c.op === '>' ? { lo: t + 1, hi: Infinity } : c.op === '<=' ? { lo: -Infinity, hi: t } : { lo: -Infinity, hi: t - 1 };
      return { key: c.fact.path, constraint: { kind: 'range', ...range } };
    }
    case 'equals':
      return typeof c.value === 'number'
        ? { key: c.fact.path, constraint: { kind: 'range', lo: c.value, hi: c.value } }
        : { key: c.fact.path, constraint: { kind: 'set', values: new Set([c.value]) } };
    case 'in': return { key: c.fact.path, constraint: { kind: 'set', values: new Set(c.values) } };
    case 'is': return { key: c.fact.path, constraint: { kind: 'set', values: new Set([String(c.value)]) } };
    case 'recognitions': return { key: `recognitions:${[...c.codes].sort().join(',')}`, constraint: { kind: 'set', values: new Set(c.codes) } };
    case 'any': return undefined;
  }
}

function intersect(a: Constraint, b: Constraint): Constraint {
  if (a.kind === 'range' && b.kind === 'range') return { kind: 'range', lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
  if (a.kind === 'set' && b.kind === 'set') return { kind: 'set', values: new Set([...a.values].filter((v) => b.values.has(v))) };
  throw new Error('mixed constraint kinds');
}

const isEmpty = (c: Constraint) => (c.kind === 'range' ? c.lo > c.hi : c.values.size === 0);
const covers = (outer: Constraint, inner: Constraint) =>
  outer.kind === 'range' && inner.kind === 'range'
    ? outer.lo <= inner.lo && outer.hi >= inner.hi
    : outer.kind === 'set' && inner.kind === 'set' && [...inner.values].every((v) => outer.values.has(v));

function factOf(c: Condition) {
  return c.kind === 'compare' || c.kind === 'in' || c.kind === 'equals' || c.kind === 'is' ? c.fact : undefined;
}

/** Checks one condition against its fact's domain; returns its constraint (clipped to the domain). */
function checkAgainstDomain(c: Condition, snap: ParameterSnapshot, when: string): { key: string; constraint: Constraint } | undefined {
  const k = constraintOf(c, snap);
  const fact = factOf(c);
  if (!k || !fact) return k;
  const dom = domain(fact.def);
  const clipped = intersect(dom, k.constraint);
  if (isEmpty(clipped)) throw fail(c.place, `条件在事实 ${fact.path} 的取值范围内不可能成立(不可达)${when}`);
  if (covers(k.constraint, dom)) throw fail(c.place, `条件对 ${fact.path} 的任何取值都成立,无意义${when}`);
  return { key: k.key, constraint: clipped };
}

function measureConstraints(policy: Policy, m: Measure, snap: ParameterSnapshot, when: string): Map<string, Constraint> {
  const byFact = new Map<string, { constraint: Constraint; place: string }>();
  for (const c of [...policy.applicants.conditions, ...m.conditions]) {
    if (c.kind === 'any') {
      for (const branch of c.conditions) checkAgainstDomain(branch, snap, when);
      continue;
    }
    const k = checkAgainstDomain(c, snap, when);
    if (!k) continue;
    const prev = byFact.get(k.key);
    if (prev) {
      const both = intersect(prev.constraint, k.constraint);
      if (isEmpty(both)) throw fail(c.place, `与 ${prev.place.slice(prev.place.indexOf('#') + 1)} 互斥,措施 ${m.id} 不可达${when}`);
      if (covers(prev.constraint, k.constraint) || covers(k.constraint, prev.constraint)) {
        throw fail(c.place, `与 ${prev.place.slice(prev.place.indexOf('#') + 1)} 重叠(一个条件蕴含另一个)${when}`);
      }
      byFact.set(k.key, { constraint: both, place: c.place });
    } else {
      byFact.set(k.key, { constraint: k.constraint, place: c.place });
    }
  }
  return new Map([...byFact].map(([key, v]) => [key, v.constraint]));
}

/** Two measures are provably exclusive when they have disjoint applicants or a fact on which they cannot both hold. */
function disjoint(a: Measure, ca: Map<string, Constraint>, b: Measure, cb: Map<string, Constraint>): boolean {
  if (!a.applicantTypes.some((t) => b.applicantTypes.includes(t))) return true;
  for (const [key, x] of ca) {
    const y = cb.get(key);
    if (y && !key.startsWith('recognitions:') && isEmpty(intersect(x, y))) return true;
  }
  return false;
}

export function checkPolicy(policy: Policy): void {
  checkQuotes(policy);
  for (const date of snapshotDates(policy)) {
    const when = date === policy.validity.from ? '' : `(自 ${date} 起的参数)`;
    const snap = resolveParameters(policy, date);
    checkSnapshotOrder(policy, snap, `${policy.dir}/parameters.yaml#parameters`);
    const constraints = new Map<Measure, Map<string, Constraint>>();
    for (const m of policy.money) constraints.set(m, measureConstraints(policy, m, snap, when));
    const groups = new Map<string, Measure[]>();
    for (const m of policy.money) if (m.exclusiveGroup) groups.set(m.exclusiveGroup, [...(groups.get(m.exclusiveGroup) ?? []), m]);
    for (const [group, members] of groups) {
      if (members.length < 2) throw fail(members[0]!.place, `exclusive_group ${group} 只有一个措施`);
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i]!, b = members[j]!;
          if (!disjoint(a, constraints.get(a)!, b, constraints.get(b)!)) {
            throw fail(b.place, `与措施 ${a.id} 同属 exclusive_group ${group},但条件重叠(二者可能同时成立)${when}`);
          }
        }
      }
    }
  }
}

/** Quotes must be the text's own words; a paraphrase cannot be cited as the legal basis. */
function checkQuotes(policy: Policy): void {
  const text = policy.sourceText;
  if (text === undefined) return;
  const must = (quote: string, place: string) => {
    if (!text.includes(quote)) throw fail(place, `原文“${quote.length > 30 ? `${quote.slice(0, 30)}……` : quote}”在 source.txt 中找不到(须逐字引用)`);
  };
  must(policy.validity.quote, `${policy.dir}/policy.yaml#validity.quote`);
  must(policy.applicants.quote, `${policy.dir}/policy.yaml#applicants.quote`);
  for (const m of policy.measures) must(m.quote, `${m.place}.quote`);
  for (const p of policy.parameters.values()) must(p.words, `${policy.dir}/parameters.yaml#parameters.${p.name}.reference.words`);
}
