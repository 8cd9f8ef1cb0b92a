import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { generateSource } from './compile-fast.ts';
import { compiledFor, evaluateNormalized, evaluatePolicy } from './evaluate.ts';
import { explainMeasure, explainScope } from './explain.ts';
import { findPolicy } from './find.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { normalizeFacts } from './normalize-facts.ts';
import { resolveParameters } from './parameters.ts';
import { factsArb } from './test-arbitraries.ts';
import type { Facts } from './types.ts';

const lib = policyLibrary();
const yangzhou = findPolicy(lib, 'yangzhou-2022-20');
const suzhou = findPolicy(lib, 'suzhou-2020');

describe('compiled and explaining evaluators agree', () => {
  for (const [policy, date] of [[yangzhou, '2023-06-01'], [suzhou, '2022-06-01']] as const) {
    it(`${policy.id}: on random enterprises, with valid ranges`, () => {
      const compiled = compiledFor(policy, date);
      fc.assert(
        fc.property(factsArb(lib), (facts) => {
          // evaluateNormalized throws if the two evaluators differ on any measure. The only
          // other way out is a clear refusal of amounts beyond exact arithmetic.
          let r;
          try {
            r = evaluateNormalized(compiled, facts as Facts);
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).message).toContain('超出可精确计算的范围');
            return;
          }
          for (const m of r.measures) {
            expect(Number.isSafeInteger(m.amount.min)).toBe(true);
            expect(m.amount.min).toBeGreaterThanOrEqual(0);
            if (m.amount.max !== null) {
              expect(Number.isSafeInteger(m.amount.max)).toBe(true);
              expect(m.amount.min).toBeLessThanOrEqual(m.amount.max);
            }
            if (!m.eligible) {
              expect(m.amount).toEqual({ min: 0, max: 0 });
              expect(m.failures.length).toBeGreaterThan(0);
            }
          }
        }),
        { numRuns: 400, seed: 20220224 },
      );
    });
  }

  it('refuses to answer when the compiled result differs from the explanation', () => {
    const real = compiledFor(yangzhou, '2023-06-01');
    const tampered = { ...real, evaluate: (f: Facts, out: Float64Array) => { real.evaluate(f, out); out[2] = out[2]! + 1; } };
    const facts = normalizeFacts(lib.facts, { applicant_type: 'enterprise', projects: [{ annual_investment: '3000万元' }] });
    expect(() => evaluateNormalized(tampered, facts)).toThrow(/internal: .*smart-retrofit/);
  });
});

describe('explanations', () => {
  const result = evaluatePolicy(yangzhou, {
    date: '2023-06-01',
    facts: { applicant_type: 'enterprise', projects: [{ annual_investment: '1800万元' }] },
  });
  const retrofit = result.measures.find((m) => m.id === 'smart-retrofit')!;

  it('say which condition failed, with the actual value and the threshold in Chinese', () => {
    expect(retrofit.eligible).toBe(false);
    expect(retrofit.failures.map((f) => f.message)).toContain('第1个项目: 年智能制造设备、软件和技术服务投资额 1,800万元,需达到 2,000万元以上');
    expect(retrofit.failures[0]).toMatchObject({ fact: 'projects[0].annual_investment', actual: '1,800万元', requirement: '需达到 2,000万元以上', clause: '附件1 二(一)' });
  });

  it('cite the clause and each parameter value with the date it took effect', () => {
    const ok = evaluatePolicy(yangzhou, { date: '2023-06-01', facts: { applicant_type: 'enterprise', projects: [{ annual_investment: '5000万元' }] } });
    const steps = ok.measures.find((m) => m.id === 'smart-retrofit')!.steps;
    expect(steps.every((s) => s.clause === '附件1 二(一)')).toBe(true);
    const params = steps.flatMap((s) => s.parameters ?? []);
    expect(params).toContainEqual({ name: 'smart_retrofit.cap', label: '智能化改造单个项目补助上限', value: '600万元', from: '2022-02-24', clause: '附件1 二(一)' });
    expect(steps.map((s) => s.text)).toContain('项目1: 单个项目最高 600万元: 0~650万元 → 0~600万元');
  });

  it('report payer totals per level', () => {
    const r = evaluatePolicy(suzhou, {
      date: '2022-06-01',
      facts: { applicant_type: 'enterprise', independent_legal_person: true, projects: [{ loan_via_platform: true, loan_amount: '1000万元' }], cloud_star_level: 4 },
    });
    expect(r.byPayer.city).toEqual({ min: 10_000_000, max: 10_000_000 });
    expect(r.byPayer.county).toEqual({ min: 10_000_000, max: null });
    expect(r.byPayer.shared).toEqual({ min: 0, max: 5_000_000 });
    expect(r.total).toEqual({ min: 20_000_000, max: null });
  });

  it('warn before the validity window lapses', () => {
    const r = evaluatePolicy(yangzhou, { date: '2025-01-01', facts: { applicant_type: 'enterprise' } });
    expect(r.validity.status).toBe('in_force');
    expect(r.warnings[0]).toContain('2025年2月23日届满(剩余53天)');
    expect(evaluatePolicy(yangzhou, { date: '2024-06-01', facts: { applicant_type: 'enterprise' } }).warnings).toEqual([]);
  });

  it('treat a date outside the window as a reason, not an exception', () => {
    const r = evaluatePolicy(suzhou, { date: '2024-01-01', facts: { applicant_type: 'enterprise' } });
    expect(r.validity.status).toBe('expired');
    expect(r.measures.every((m) => m.status === 'not_in_force' && m.failures[0]!.message.includes('已届满失效'))).toBe(true);
  });
});

describe('the explaining evaluator on its own', () => {
  it('names a missing amount base as a domain error, like the compiled one', () => {
    const facts = normalizeFacts(lib.facts, { applicant_type: 'enterprise', platform_level: 'national' });
    const ctx = { policy: yangzhou, snap: resolveParameters(yangzhou, '2023-06-01'), facts };
    const measure = yangzhou.money.find((m) => m.id === 'industrial-internet-platform')!;
    expect(() => explainMeasure(measure, ctx, explainScope(ctx))).toThrow(DomainError);
    expect(() => compiledFor(yangzhou, '2023-06-01').evaluate(facts, new Float64Array(45))).toThrow(/platform_annual_investment/);
  });
});

describe('compilation', () => {
  it('inlines the parameter values as constants (no rule tree at run time)', () => {
    const src = generateSource(yangzhou, resolveParameters(yangzhou, '2023-06-01'));
    expect(src).toContain('v >= 2000000000');
    expect(src).toContain('mulFloor(b, 13, 100)');
    expect(src).toContain('hi > 600000000');
  });

  it('compiles once per parameter set and recompiles for a what-if', () => {
    const a = compiledFor(yangzhou, '2023-06-01');
    const b = compiledFor(yangzhou, '2024-01-01');
    const c = compiledFor(yangzhou, '2023-06-01', { 'smart_retrofit.cap': '800万元' });
    expect(b.evaluate).toBe(a.evaluate);
    expect(c.evaluate).not.toBe(a.evaluate);
    expect(c.snap.get('smart_retrofit.cap')!.overridden).toEqual({ originalText: '600万元' });
  });

  it('rejects an unknown policy with NOT_FOUND naming the field', () => {
    try {
      findPolicy(lib, 'nanjing');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('NOT_FOUND');
      expect((e as DomainError).field).toBe('policy');
    }
  });
});
