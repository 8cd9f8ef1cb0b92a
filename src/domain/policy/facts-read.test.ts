import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyLibrary } from '../../io/policy-library.ts';
import { DomainError } from '../errors.ts';
import { evaluatePolicy } from './evaluate.ts';
import { factsReadBy, type FactRead } from './facts-read.ts';
import { findPolicy } from './find.ts';
import { factsArb } from './test-arbitraries.ts';

const lib = policyLibrary();
const yangzhou = findPolicy(lib, 'yangzhou-2022-20');
const suzhou = findPolicy(lib, 'suzhou-2020');
const byName = (list: FactRead[]) => new Map(list.map((f) => [f.name, f]));

describe('factsReadBy', () => {
  it('Yangzhou 附件1 reads no Suzhou-only fact: no loans, no legal-person test, no security or identifier facts', () => {
    const read = byName(factsReadBy(yangzhou));
    // Read from policies/yangzhou-2022-20/measures.yaml by hand.
    expect([...read.keys()]).toEqual([
      'applicant_type', 'recognitions', 'platform_level', 'platform_annual_investment',
      'diagnosis_chain', 'diagnosis_factory', 'diagnosis_workshop', 'diagnosis_supervised',
      'iim_certificate', 'cloud_star_level', 'park_digital_investment', 'projects', 'products',
    ]);
    expect(read.get('projects')!.fields).toEqual(['annual_investment']);
    expect(read.get('products')!.fields).toEqual(['first_set_level', 'annual_sales']);
    expect(read.get('recognitions')!.codes).toEqual([
      'national_pilot_smart_manufacturing', 'national_pilot_industrial_internet', 'national_pilot_it_integration',
      'provincial_industrial_internet_platform', 'provincial_internet_benchmark_factory', 'provincial_smart_factory',
      'provincial_industrial_ecommerce_demo', 'provincial_smart_manufacturing_provider', 'national_smart_manufacturing_provider',
      'internet_plus_manufacturing_base',
    ]);
  });

  it('Suzhou reads the loan through its financial platform, the legal-person scope and the unit price, not the annual sales', () => {
    const read = byName(factsReadBy(suzhou));
    expect(read.get('projects')!.fields).toEqual(['loan_via_platform', 'loan_amount']);
    expect(read.get('products')!.fields).toEqual(['first_set_level', 'unit_price']);
    expect(read.has('independent_legal_person')).toBe(true);
    expect(read.has('security_contract_amount')).toBe(true);
    expect(read.has('park_digital_investment')).toBe(false);
    expect(read.get('recognitions')!.codes).toContain('city_smart_demo_factory');
    expect(read.get('recognitions')!.codes).not.toContain('internet_plus_manufacturing_base');
  });

  // The property the form relies on: dropping every fact, field and code the policy does not read
  // never changes an evaluation.
  for (const [policy, date] of [[yangzhou, '2023-06-01'], [suzhou, '2022-06-01']] as const) {
    it(`${policy.id}: facts it does not read do not change its result`, () => {
      const read = byName(factsReadBy(policy));
      const keep = (raw: Record<string, unknown>) => {
        const out: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(raw)) {
          const r = read.get(name);
          if (!r) continue;
          if (r.fields && Array.isArray(value)) {
            out[name] = value.map((item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => r.fields!.includes(k))));
          } else if (r.codes && Array.isArray(value)) {
            out[name] = value.filter((c: string) => r.codes!.includes(c));
          } else {
            out[name] = value;
          }
        }
        return out;
      };
      const run = (facts: Record<string, unknown>) => {
        try {
          const r = evaluatePolicy(policy, { facts, date });
          return r.measures.map((m) => [m.id, m.status, m.amount.min, m.amount.max]);
        } catch (e) {
          if (e instanceof DomainError) return e.code;
          throw e;
        }
      };
      fc.assert(fc.property(factsArb(lib), (facts) => {
        expect(run(keep(facts))).toEqual(run(facts));
      }), { numRuns: 300, seed: 20240601 });
    });
  }
});
