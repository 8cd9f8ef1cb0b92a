import type { EnterpriseFactRow } from '../../db/repositories/enterprise-facts-repository.ts';
import { formatFen } from '../../domain/policy/format.ts';
import type { FactDef, FactSchema } from '../../domain/policy/types.ts';

/** A stored value as people read it: 2,500万元, 省级工业互联网平台, 2 个项目. */
function display(def: FactDef | undefined, v: unknown): string {
  if (!def) return JSON.stringify(v);
  switch (def.type) {
    case 'money': return typeof v === 'number' ? formatFen(v) : String(v);
    case 'boolean': return v ? '是' : '否';
    case 'enum': return def.values?.get(String(v)) ?? String(v);
    case 'codes': return (v as string[]).map((c) => def.values?.get(c) ?? c).join('、');
    case 'collection': return (v as Record<string, unknown>[]).map((item) => Object.entries(item)
      .map(([k, x]) => `${def.fields?.get(k)?.label ?? k}:${display(def.fields?.get(k), x)}`).join(',')).join(';');
    default: return `${String(v)}${def.unit ?? ''}`;
  }
}

export function presentEnterpriseFact(row: EnterpriseFactRow, schema: FactSchema) {
  const def = schema.facts.get(row.fact);
  return {
    id: row.id, enterpriseId: row.enterpriseId, year: row.year, fact: row.fact, label: def?.label ?? row.fact, type: def?.type ?? 'unknown',
    value: row.value as unknown, display: display(def, row.value), evidence: row.evidence, evidenceFile: row.evidenceFile,
    recordedByName: row.recordedByName, recordedAt: row.recordedAt.toISOString(), version: row.version,
  };
}
