// The same facts under several cities' policies, side by side. Measures are aligned by their
// `topic` (smart_retrofit, diagnosis, first_set_equipment, …) so that, say, Yangzhou's
// investment subsidy and Suzhou's loan-interest award for the same project sit on one row.
import { evaluatePolicy } from './evaluate.ts';
import { formatRange } from './format.ts';
import type { Overrides } from './parameters.ts';
import type { EvaluationResult, MoneyRange } from './results.ts';
import type { Policy } from './types.ts';

export interface ComparisonCell {
  readonly policyId: string;
  readonly measures: readonly { readonly id: string; readonly title: string; readonly clause: string; readonly eligible: boolean; readonly amount: MoneyRange; readonly amountText: string; readonly reason?: string }[];
  readonly subtotal: MoneyRange;
}

export interface ComparisonRow {
  readonly topic: string;
  readonly cells: readonly ComparisonCell[];
}

export interface ComparisonReport {
  readonly date: string;
  readonly policies: readonly { readonly id: string; readonly city: string; readonly title: string; readonly validity: string; readonly eligibleCount: number; readonly total: MoneyRange; readonly totalText: string }[];
  readonly rows: readonly ComparisonRow[];
  readonly results: readonly EvaluationResult[];
}

const add = (a: MoneyRange, b: MoneyRange): MoneyRange => ({ min: a.min + b.min, max: a.max === null || b.max === null ? null : a.max + b.max });

export function comparePolicies(policies: readonly Policy[], facts: unknown, date: unknown, overrides: Readonly<Record<string, Overrides>> = {}): ComparisonReport {
  const results = policies.map((p) => evaluatePolicy(p, { facts, date, ...(overrides[p.id] && { overrides: overrides[p.id] }) }));
  const topics: string[] = [];
  for (const r of results) for (const m of r.measures) if (!topics.includes(m.topic ?? m.id)) topics.push(m.topic ?? m.id);
  const rows = topics.map((topic) => ({
    topic,
    cells: results.map((r) => {
      const ms = r.measures.filter((m) => (m.topic ?? m.id) === topic);
      return {
        policyId: r.policy.id,
        measures: ms.map((m) => ({
          id: m.id,
          title: m.title,
          clause: m.clause,
          eligible: m.eligible,
          amount: m.amount,
          amountText: m.amountText,
          ...(!m.eligible && m.failures[0] && { reason: m.failures[0].message }),
        })),
        subtotal: ms.filter((m) => m.eligible).reduce((acc, m) => add(acc, m.amount), { min: 0, max: 0 } as MoneyRange),
      };
    }),
  }));
  return {
    date: results[0]?.date ?? String(date),
    policies: results.map((r) => ({
      id: r.policy.id,
      city: r.policy.city,
      title: r.policy.title,
      validity: r.validity.message,
      eligibleCount: r.eligibleCount,
      total: r.total,
      totalText: formatRange(r.total.min, r.total.max),
    })),
    rows,
    results,
  };
}
