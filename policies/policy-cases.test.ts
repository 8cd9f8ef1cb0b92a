// Runs the test cases written beside each policy (policies/<text>/tests/*.yaml), one Vitest
// test per case, and fails unless every measure with an amount and every threshold is covered.
// (It lives here, beside the data, rather than in src/; tsconfig does not typecheck policies/,
// which holds only this file of code.)
import { describe, expect, it } from 'vitest';
import { loadPolicyTestFiles, policyLibrary } from '../src/io/policy-library.ts';
import { parseTestFiles, runPolicyTests } from '../src/domain/policy/policy-tests.ts';
import type { Condition, Measure, Policy } from '../src/domain/policy/types.ts';

const lib = policyLibrary();

for (const policy of lib.policies.values()) {
  describe(`${policy.id} (${policy.document.number ?? policy.document.title})`, () => {
    const report = runPolicyTests(policy, parseTestFiles(loadPolicyTestFiles(policy)));

    for (const c of report.cases) {
      it(c.name, () => expect(c.problems).toEqual([]));
    }

    it('every measure with an amount is granted, refused and decided alone by its clause in some case', () => {
      const gaps = report.measures.filter((m) => !(m.granted && m.refused && m.only)).map((m) => `${m.clause} ${m.id}: 符合${m.granted} 不符合${m.refused} 仅本条款${m.only}`);
      expect(gaps).toEqual([]);
      expect(report.measureCoverage).toBe(1);
    });

    it('every threshold is tested exactly at its value and one unit across (民法典 第1259条)', () => {
      const gaps = report.thresholds.filter((t) => !(t.at && t.across)).map((t) => `${t.clause} ${t.measure} ${t.fact} ${t.word} ${t.threshold}: 恰为本数${t.at ? '✓' : '✗'} 越过${t.across ? '✓' : '✗'}`);
      expect(gaps).toEqual([]);
    });
  });
}

describe('the policy cases can fail', () => {
  const yangzhou = lib.policies.get('yangzhou-2022-20')!;
  const cases = parseTestFiles(loadPolicyTestFiles(yangzhou));

  function mutate(edit: (m: Measure) => Measure): Policy {
    const money = yangzhou.money.map((m) => (m.id === 'smart-retrofit' ? edit(m) : m));
    return { ...yangzhou, money, measures: yangzhou.measures.map((m) => money.find((x) => x.id === m.id) ?? m) };
  }

  it('catches 以上 misread as 超过 (the threshold itself excluded)', () => {
    const wrong = mutate((m) => ({ ...m, conditions: m.conditions.map((c): Condition => (c.kind === 'compare' ? { ...c, word: '超过', op: '>' } : c)) }));
    const failed = runPolicyTests(wrong, cases).cases.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toContain('附件1 二(一): 投资额恰为2000万元(以上含本数)可获补助,不高于260万元');
  });

  it('catches a cap applied to the sum of projects instead of to each project', () => {
    const wrong = mutate((m) => ({ ...m, amount: { ...(m.amount as Extract<Measure['amount'], { kind: 'rate' }>), caps: [{ param: 'smart_retrofit.cap', scope: 'per_enterprise' as const }] } }));
    const failed = runPolicyTests(wrong, cases).cases.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toContain('附件1 二(一): 多个项目分别判断门槛、分别封顶后相加');
  });
});
