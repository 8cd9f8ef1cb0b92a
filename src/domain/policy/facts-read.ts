// Which facts of the shared dictionary one policy actually reads. Both cities' texts share one
// dictionary (so an enterprise file can be evaluated under either), but a form asking a Yangzhou
// applicant about loans through Suzhou's financial platform, or offering 苏州市级示范工厂 as a
// recognition, asks questions whose answers cannot change the result.
import type { AmountRule, Condition, FactRef, Policy } from './types.ts';

export interface FactRead {
  readonly name: string;
  /** Collections: the item fields read, in dictionary order. */
  readonly fields?: string[];
  /** Codes facts (recognitions): the codes some condition asks for, in dictionary order. */
  readonly codes?: string[];
}

/** The facts the policy's evaluated measures and its applicant scope read, in dictionary order. */
export function factsReadBy(policy: Policy): FactRead[] {
  const facts = new Set<string>(['applicant_type']); // every measure checks the applicant type
  const fields = new Map<string, Set<string>>();
  const codes = new Map<string, Set<string>>();

  const ref = (r: FactRef) => {
    if (r.collection === undefined) { facts.add(r.path); return; }
    facts.add(r.collection);
    let set = fields.get(r.collection);
    if (!set) fields.set(r.collection, (set = new Set()));
    set.add(r.field!);
  };
  const condition = (c: Condition): void => {
    switch (c.kind) {
      case 'any': c.conditions.forEach(condition); return;
      case 'recognitions': {
        facts.add('recognitions');
        let set = codes.get('recognitions');
        if (!set) codes.set('recognitions', (set = new Set()));
        c.codes.forEach((x) => set.add(x));
        return;
      }
      default: ref(c.fact);
    }
  };
  const amount = (a: AmountRule | undefined) => {
    if (!a) return;
    if (a.kind === 'rate') ref(a.base);
    else if (a.each?.kind === 'fact') ref(a.each.fact);
  };

  policy.applicants.conditions.forEach(condition);
  for (const m of policy.money) {
    if (m.forEach !== undefined) facts.add(m.forEach);
    m.conditions.forEach(condition);
    amount(m.amount);
  }

  const out: FactRead[] = [];
  for (const def of policy.facts.facts.values()) {
    if (!facts.has(def.name)) continue;
    const f = fields.get(def.name), c = codes.get(def.name);
    out.push({
      name: def.name,
      ...(def.fields && { fields: [...def.fields.keys()].filter((k) => f?.has(k)) }),
      ...(c && { codes: [...def.values!.keys()].filter((k) => c.has(k)) }),
    });
  }
  return out;
}
