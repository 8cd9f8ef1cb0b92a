import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyLibrary } from '../../io/policy-library.ts';
import { BatchAccumulator, type PopulationRow } from './batch.ts';
import { compileTotals, generateSource } from './compile-fast.ts';
import { compiledFor } from './evaluate.ts';
import { findPolicy } from './find.ts';
import { factsArb } from './test-arbitraries.ts';
import type { Facts } from './types.ts';

const lib = policyLibrary();

describe('batch totals without per-measure records', () => {
  it('are used only when nothing reads a measure’s own result (no quota, no match list)', () => {
    const yangzhou = compiledFor(findPolicy(lib, 'yangzhou-2022-20'), '2023-06-01');
    const suzhou = compiledFor(findPolicy(lib, 'suzhou-2020'), '2022-06-01');
    const totalsOf = (a: BatchAccumulator) => (a as unknown as { totals?: unknown }).totals;
    expect(totalsOf(new BatchAccumulator(yangzhou))).toBeTypeOf('function');
    expect(totalsOf(new BatchAccumulator(yangzhou, { matchesLimit: 10 }))).toBeUndefined();
    expect(totalsOf(new BatchAccumulator(suzhou))).toBeUndefined(); // 诊断 has a yearly quota
    expect(generateSource(yangzhou.policy, yangzhou.snap, true)).not.toContain('out[');
  });

  it('give each enterprise the result of the per-measure evaluator, and the same report', () => {
    for (const [id, date] of [['yangzhou-2022-20', '2023-06-01'], ['suzhou-2020', '2022-06-01'], ['yangzhou-2022-20', '2030-01-01']] as const) {
      const c = compiledFor(findPolicy(lib, id), date);
      const n = c.policy.money.length;
      const totals = compileTotals(c.policy, c.snap, c.validity.status === 'in_force');
      const out = new Float64Array(3 * n);
      const facts = fc.sample(factsArb(lib), { numRuns: 300, seed: 11 }) as Facts[];
      const el = new Float64Array(n), min = new Float64Array(n), max = new Float64Array(n), ub = new Uint8Array(n), e = new Float64Array(4);
      for (const f of facts) {
        el.fill(0); min.fill(0); max.fill(0); ub.fill(0);
        let evaluated = true;
        try {
          c.evaluate(f, out);
        } catch {
          evaluated = false; // a missing fact or an absurd amount: both forms refuse it
        }
        if (!evaluated) {
          expect(() => totals(f, el, min, max, ub, e)).toThrow();
          continue;
        }
        totals(f, el, min, max, ub, e);
        let any = 0, lo = 0, hi = 0, unbounded = 0;
        for (let k = 0; k < n; k++) {
          const ok = out[3 * k] === 0;
          expect(el[k]).toBe(ok ? 1 : 0);
          if (!ok) continue;
          any = 1;
          lo += out[3 * k + 1]!;
          expect(min[k]).toBe(out[3 * k + 1]);
          if (out[3 * k + 2] === -1) {
            expect(ub[k]).toBe(1);
            unbounded = 1;
          } else {
            expect(max[k]).toBe(out[3 * k + 2]);
            hi += out[3 * k + 2]!;
          }
        }
        expect([...e]).toEqual([any, lo, hi, unbounded]);
      }
    }
  });

  it('report the same totals by measure, payer and region as the evaluator with a match list', () => {
    const c = compiledFor(findPolicy(lib, 'yangzhou-2022-20'), '2023-06-01');
    const fast = new BatchAccumulator(c), full = new BatchAccumulator(c, { matchesLimit: 1 });
    const facts = fc.sample(factsArb(lib), { numRuns: 500, seed: 5 }) as Facts[];
    facts.forEach((f, i) => {
      const row: PopulationRow = { id: `E${i}`, region: ['a', 'b', 'c'][i % 3]!, facts: null, field: `rows[${i}]` };
      let ok = true;
      try {
        c.evaluate(f, new Float64Array(3 * c.policy.money.length));
      } catch {
        ok = false;
      }
      if (!ok) return;
      fast.add(f, row);
      full.add(f, row);
    });
    const { matches: _m, ...expected } = full.report();
    expect(fast.report()).toEqual(expected);
  });
});
