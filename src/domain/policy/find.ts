// Looking up a policy or a measure by id, with a Chinese error naming the field.
import { notFound } from '../errors.ts';
import type { Measure, Policy, PolicyLibrary } from './types.ts';

export function findPolicy(lib: PolicyLibrary, id: unknown, field = 'policy'): Policy {
  const p = typeof id === 'string' ? lib.policies.get(id) : undefined;
  if (!p) throw notFound(`未知政策 ${String(id)}(可用:${[...lib.policies.keys()].join('、')})`, field);
  return p;
}

export function findMeasure(policy: Policy, id: unknown, field = 'measure'): Measure {
  const m = policy.measures.find((x) => x.id === id);
  if (!m) throw notFound(`政策 ${policy.id} 中没有措施 ${String(id)}`, field);
  return m;
}
