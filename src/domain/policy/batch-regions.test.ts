import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyLibrary } from '../../io/policy-library.ts';
import { BatchAccumulator, MAX_REGIONS, type PopulationRow } from './batch.ts';
import { compiledFor, type Compiled } from './evaluate.ts';
import { findPolicy } from './find.ts';
import { factsArb } from './test-arbitraries.ts';
import type { Facts } from './types.ts';

const lib = policyLibrary();

// Region names that only differ where the accumulator's region table does not look (same length,
// same characters at the sampled places), so they share a slot and must be told apart by probing;
// and one name built at run time, a different string object with the same text as a literal.
const SAME_SLOT = Array.from({ length: 40 }, (_, i) => `R${String.fromCharCode(0x4e00 + i)}abcdefgh`);
const REGIONS = ['', 'yz-baoying', '扬州市邗江区', ' yz-baoying', 'yz-baoying ', ...SAME_SLOT, ['yz', 'gaoyou'].join('-'), 'yz-gaoyou'];

interface Expected { enterprises: number; entitled: number; min: number; max: number | null }

/** Region totals added up from the per-measure evaluator's record of each enterprise, with a Map. */
function reference(c: Compiled, cases: readonly { facts: Facts; region: string | undefined }[]): Map<string, Expected> {
  const out = new Float64Array(3 * c.policy.money.length);
  const byRegion = new Map<string, Expected>();
  for (const { facts, region } of cases) {
    c.evaluate(facts, out);
    const key = region ?? '(未填地区)';
    const r = byRegion.get(key) ?? { enterprises: 0, entitled: 0, min: 0, max: 0 };
    byRegion.set(key, r);
    r.enterprises++;
    let any = false;
    for (let k = 0; k < c.policy.money.length; k++) {
      if (out[3 * k] !== 0) continue;
      any = true;
      r.min += out[3 * k + 1]!;
      r.max = r.max === null || out[3 * k + 2] === -1 ? null : r.max + out[3 * k + 2]!;
    }
    if (any) r.entitled++;
  }
  return byRegion;
}

/**
 * The enterprise is evaluated, and its amounts are small enough that a batch of a few hundred
 * stays below 2^53 fen (larger totals are refused by the report, with or without regions).
 */
function evaluates(c: Compiled, f: Facts): boolean {
  const out = new Float64Array(3 * c.policy.money.length);
  try {
    c.evaluate(f, out);
  } catch {
    return false;
  }
  let sum = 0;
  for (let k = 0; k < c.policy.money.length; k++) if (out[3 * k] === 0) sum += out[3 * k + 1]! + Math.max(0, out[3 * k + 2]!);
  return sum < 1e12;
}

describe('batch totals by region', () => {
  it('equal per-region sums of the per-measure results, whatever the region names', () => {
    const yangzhou = compiledFor(findPolicy(lib, 'yangzhou-2022-20'), '2023-06-01');
    const suzhou = compiledFor(findPolicy(lib, 'suzhou-2020'), '2022-06-01');
    const caseArb = fc.record({ facts: factsArb(lib), region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined, freq: 8 }) });
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 200, size: 'large' }), (raw) => {
        for (const c of [yangzhou, suzhou]) {
          const cases = (raw as { facts: Facts; region: string | undefined }[]).filter((x) => evaluates(c, x.facts));
          // Yangzhou takes the batch form (no quota); Suzhou, with a quota, the per-measure records.
          const acc = new BatchAccumulator(c);
          cases.forEach((x, i) => acc.add(x.facts, { id: `E${i}`, ...(x.region !== undefined && { region: x.region }), facts: null, field: `rows[${i}]` }));
          const expected = reference(c, cases);
          const report = acc.report();
          expect(report.byRegion.length).toBe(expected.size);
          for (const r of report.byRegion) expect({ enterprises: r.enterprises, entitled: r.entitled, min: r.min, max: r.max }).toEqual(expected.get(r.region));
          expect(report.byRegion.reduce((n, r) => n + r.enterprises, 0)).toBe(cases.length);
        }
      }),
      { numRuns: 60, seed: 20240611 },
    );
  });

  it(`take up to ${MAX_REGIONS} different regions and refuse one more, naming the row`, () => {
    const c = compiledFor(findPolicy(lib, 'yangzhou-2022-20'), '2023-06-01');
    const facts = fc.sample(factsArb(lib), { numRuns: 50, seed: 3 }).filter((f) => evaluates(c, f as Facts)) as Facts[];
    const acc = new BatchAccumulator(c);
    const row = (i: number, region: string): PopulationRow => ({ id: `E${i}`, region, facts: null, field: `population.csv 第${i + 2}行` });
    for (let i = 0; i < MAX_REGIONS; i++) acc.add(facts[i % facts.length]!, row(i, `地区${i % 7}-${i}`));
    // Regions already seen are still accepted once the table is full.
    for (let i = 0; i < MAX_REGIONS; i += 97) acc.add(facts[i % facts.length]!, row(i, `地区${i % 7}-${i}`));
    expect(() => acc.add(facts[0]!, row(MAX_REGIONS, 'one too many'))).toThrow(`population.csv 第${MAX_REGIONS + 2}行: 名单中的地区超过 ${MAX_REGIONS} 个不同的值`);
    const report = acc.report();
    expect(report.byRegion.length).toBe(MAX_REGIONS);
    expect(report.enterprises).toBe(MAX_REGIONS + Math.ceil(MAX_REGIONS / 97));
    expect(report.byRegion.find((r) => r.region === '地区0-0')!.enterprises).toBe(2);
    expect(report.byRegion.find((r) => r.region === '地区1-1')!.enterprises).toBe(1);
  });
});
