// fast-check generators of complete fact sets, biased towards the policies' own thresholds and
// caps (and one unit either side), where rounding and boundary words matter. Test-only.
import fc from 'fast-check';
import { isRate } from './quantities.ts';
import type { FactDef, PolicyLibrary } from './types.ts';

function interesting(lib: PolicyLibrary, type: 'money' | 'count'): number[] {
  const out = new Set<number>([0, 1]);
  for (const p of lib.policies.values()) {
    for (const param of p.parameters.values()) {
      if (param.type !== type) continue;
      for (const v of param.values) {
        if (isRate(v.value)) continue;
        for (const d of [-1, 0, 1]) if (v.value + d >= 0) out.add(v.value + d);
        // Bases whose rate lands exactly on, just under and just over a cap.
        if (type === 'money') for (const r of [10, 13, 15, 20, 30, 100]) out.add(Math.floor((v.value * 100) / r));
      }
    }
  }
  return [...out];
}

function valueArb(def: FactDef, money: number[], counts: number[]): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'money': return fc.oneof(fc.constantFrom(...money), fc.integer({ min: 0, max: 200_000_000_000 }));
    case 'count': return fc.oneof(fc.constantFrom(...counts), fc.integer({ min: 0, max: 100_000_000 }));
    case 'level': return fc.integer({ min: def.min!, max: def.max! });
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...def.values!.keys());
    case 'codes': return fc.array(fc.constantFrom(...def.values!.keys()), { maxLength: 4 });
    case 'collection': return fc.array(recordArb(def.fields!, money, counts), { maxLength: 3 });
  }
}

function recordArb(defs: ReadonlyMap<string, FactDef>, money: number[], counts: number[]): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, def] of defs) shape[name] = valueArb(def, money, counts);
  return fc.record(shape);
}

/** Facts in engine form (money already in fen), every fact present. */
export function factsArb(lib: PolicyLibrary): fc.Arbitrary<Record<string, unknown>> {
  return recordArb(lib.facts.facts, interesting(lib, 'money'), interesting(lib, 'count'));
}
