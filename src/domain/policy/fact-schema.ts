// The fact dictionary (policies/facts.yaml): parsing and the resolved FactSchema.
import { z } from 'zod';
import { invalid } from '../errors.ts';
import type { FactDef, FactSchema, FactType } from './types.ts';

const NAME = /^[a-z][a-z0-9_]*$/;
const CODE = /^[A-Za-z0-9_]+$/;

const factTypes = ['money', 'count', 'level', 'boolean', 'enum', 'codes', 'collection'] as const;

interface RawFact {
  label: string;
  type: FactType;
  unit?: string | undefined;
  description?: string | undefined;
  values?: Record<string, string> | undefined;
  min?: number | undefined;
  max?: number | undefined;
  default?: unknown;
  item_label?: string | undefined;
  fields?: Record<string, RawFact> | undefined;
}

const rawFact: z.ZodType<RawFact> = z.lazy(() =>
  z.strictObject({
    label: z.string().min(1),
    type: z.enum(factTypes),
    unit: z.string().optional(),
    description: z.string().optional(),
    values: z.record(z.string().regex(CODE, '代码只能包含字母、数字和下划线'), z.string()).optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    default: z.unknown().optional(),
    item_label: z.string().optional(),
    fields: z.record(z.string().regex(NAME), rawFact).optional(),
  }),
);

export const factsFileSchema = z.strictObject({
  facts: z.record(z.string().regex(NAME, '事实名须为小写字母、数字和下划线'), rawFact),
});

export function buildFactSchema(raw: unknown, file: string): FactSchema {
  const parsed = factsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const place = issue.path.join('.');
    throw invalid(`${file}#${place}`, `${file}: ${place}: ${issue.message}`);
  }
  const facts = new Map<string, FactDef>();
  for (const [name, f] of Object.entries(parsed.data.facts)) facts.set(name, buildFact(name, f, file, `facts.${name}`, false));
  return { facts, file };
}

function buildFact(name: string, f: RawFact, file: string, place: string, inItem: boolean): FactDef {
  const fail = (msg: string) => invalid(`${file}#${place}`, `${file}: ${place}: ${msg}`);
  if ((f.type === 'enum' || f.type === 'codes') && (!f.values || Object.keys(f.values).length === 0)) throw fail(`${f.type} 类型须列出 values`);
  if (f.type !== 'enum' && f.type !== 'codes' && f.values) throw fail('只有 enum/codes 类型可以有 values');
  if (f.type === 'level' && (f.min === undefined || f.max === undefined || f.min > f.max)) throw fail('level 类型须给出 min ≤ max');
  if (f.type === 'collection') {
    if (inItem) throw fail('collection 不能嵌套');
    if (!f.fields || Object.keys(f.fields).length === 0) throw fail('collection 须列出 fields');
  } else if (f.fields) throw fail('只有 collection 可以有 fields');
  if (f.default !== undefined) checkDefault(f, fail);
  const fields = f.fields
    ? new Map(Object.entries(f.fields).map(([k, v]) => [k, buildFact(k, v, file, `${place}.fields.${k}`, true)]))
    : undefined;
  return {
    name,
    label: f.label,
    type: f.type,
    ...(f.unit !== undefined && { unit: f.unit }),
    ...(f.description !== undefined && { description: f.description }),
    ...(f.values && { values: new Map(Object.entries(f.values)) }),
    ...(f.min !== undefined && { min: f.min }),
    ...(f.max !== undefined && { max: f.max }),
    hasDefault: f.default !== undefined,
    // Frozen: one default [] is shared by every fact object that leaves the fact out.
    ...(f.default !== undefined && { defaultValue: Object.freeze(f.default) }),
    ...(fields && { fields }),
    ...(f.item_label !== undefined && { itemLabel: f.item_label }),
  };
}

function checkDefault(f: RawFact, fail: (m: string) => Error): void {
  const d = f.default;
  const ok =
    (f.type === 'boolean' && typeof d === 'boolean') ||
    (f.type === 'enum' && typeof d === 'string' && f.values !== undefined && d in f.values) ||
    ((f.type === 'count' || f.type === 'money') && d === 0) ||
    (f.type === 'level' && typeof d === 'number' && Number.isInteger(d) && d >= (f.min ?? 0) && d <= (f.max ?? 0)) ||
    ((f.type === 'codes' || f.type === 'collection') && Array.isArray(d) && d.length === 0);
  if (!ok) throw fail(`default ${JSON.stringify(d)} 与类型 ${f.type} 不符`);
}

/** The schema as plain JSON, for the API and `zgsz policies facts`. */
export function factSchemaJson(schema: FactSchema): unknown {
  const one = (f: FactDef): Record<string, unknown> => ({
    name: f.name,
    label: f.label,
    type: f.type,
    ...(f.unit && { unit: f.unit }),
    ...(f.type === 'money' && { unit: '元(输入:元,最多两位小数;或带单位字符串,如“2500万元”;内部以分计)' }),
    ...(f.description && { description: f.description }),
    ...(f.values && { values: Object.fromEntries(f.values) }),
    ...(f.min !== undefined && { min: f.min, max: f.max }),
    required: !f.hasDefault,
    ...(f.hasDefault && { default: f.defaultValue }),
    ...(f.fields && { itemLabel: f.itemLabel, fields: [...f.fields.values()].map(one) }),
  });
  return { facts: [...schema.facts.values()].map(one) };
}
