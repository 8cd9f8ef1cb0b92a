// Validates caller input against the fact dictionary and converts it to the engine's form:
// money in fen, enums as codes, every declared fact present in one fixed key order (so all
// fact objects share one hidden class and the compiled evaluator stays monomorphic). A fact
// left out becomes its documented default, or `undefined` when it has none — the evaluator
// then refuses to use it, naming the field, instead of reading it as 0.
import { invalid } from '../errors.ts';
import { parseCount, parseMoney, QuantityError } from './quantities.ts';
import type { FactDef, FactItem, FactSchema, Facts, FactValue } from './types.ts';

const TRUE = new Set(['true', '是', '1', 'yes', 'y', '有']);
const FALSE = new Set(['false', '否', '0', 'no', 'n', '无']);

function describe(def: FactDef): string {
  return `${def.label}(${def.name})`;
}

function scalar(def: FactDef, value: unknown, field: string): number | boolean | string | readonly string[] {
  const bad = (msg: string) => invalid(field, `${field}: ${describe(def)}${msg}`);
  switch (def.type) {
    case 'money':
      try {
        return parseMoney(value);
      } catch (e) {
        if (e instanceof QuantityError) throw bad(`: ${e.message}`);
        throw e;
      }
    case 'count':
      try {
        return parseCount(value);
      } catch (e) {
        if (e instanceof QuantityError) throw bad(`: ${e.message}`);
        throw e;
      }
    case 'level': {
      const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < def.min! || n > def.max!) throw bad(`须为 ${def.min}~${def.max} 的整数(实际:${JSON.stringify(value)})`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim().toLowerCase();
      if (TRUE.has(s)) return true;
      if (FALSE.has(s)) return false;
      throw bad(`须为 true/false(是/否)(实际:${JSON.stringify(value)})`);
    }
    case 'enum': {
      const code = enumCode(def, value);
      if (code === undefined) throw bad(`须为以下之一:${[...def.values!].map(([k, v]) => `${k}(${v})`).join('、')}(实际:${JSON.stringify(value)})`);
      return code;
    }
    case 'codes': {
      const list = typeof value === 'string' ? value.split(/[;;、,,|]/).map((s) => s.trim()).filter(Boolean) : value;
      if (!Array.isArray(list)) throw bad('须为代码列表');
      return list.map((v, i) => {
        const code = enumCode(def, v);
        if (code === undefined) throw invalid(`${field}[${i}]`, `${field}[${i}]: 未知代码 ${JSON.stringify(v)}(可用代码见事实字典 ${def.name})`);
        return code;
      });
    }
    case 'collection':
      throw new Error('collection is not a scalar');
  }
}

function enumCode(def: FactDef, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (def.values!.has(v)) return v;
  for (const [code, label] of def.values!) if (label === v) return code;
  return undefined;
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

const IDENT = /^[a-z][a-z0-9_]*$/;
const shapes = new WeakMap<ReadonlyMap<string, FactDef>, (v: Record<string, unknown>) => Record<string, FactValue>>();

/**
 * Builds fact objects through one compiled object literal per schema. V8 turns an object into a
 * slow dictionary once more than a dozen properties are added by computed-key stores, which
 * would make every fact read in the compiled evaluator a hash lookup; a literal with all keys
 * in schema order gives every fact object one fast hidden class. Keys are validated names.
 */
export function factShape(defs: ReadonlyMap<string, FactDef>): (v: Record<string, unknown>) => Record<string, FactValue> {
  let shape = shapes.get(defs);
  if (!shape) {
    const keys = [...defs.keys()];
    for (const k of keys) if (!IDENT.test(k)) throw new Error(`unsafe fact name ${k}`);
    shape = new Function('v', `return { ${keys.map((k) => `${k}: v.${k}`).join(', ')} };`) as (v: Record<string, unknown>) => Record<string, FactValue>;
    shapes.set(defs, shape);
  }
  return shape;
}

function normalizeObject(defs: ReadonlyMap<string, FactDef>, raw: unknown, field: string, what: string): Record<string, FactValue> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(field, `${field}: ${what}须为对象`);
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!defs.has(key)) throw invalid(`${field}.${key}`, `${field}.${key}: 未知事实 ${key}(事实字典见 policies/facts.yaml 或 GET /api/policies/facts)`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, def] of defs) {
    const value = input[name];
    const f = `${field}.${name}`;
    if (absent(value)) {
      out[name] = def.hasDefault ? (def.defaultValue as FactValue) : undefined;
    } else if (def.type === 'collection') {
      if (!Array.isArray(value)) throw invalid(f, `${f}: ${describe(def)}须为数组`);
      out[name] = value.map((item, i) => normalizeObject(def.fields!, item, `${f}[${i}]`, def.itemLabel ?? '项目') as FactItem);
    } else {
      out[name] = scalar(def, value, f);
    }
  }
  return factShape(defs)(out);
}

export function normalizeFacts(schema: FactSchema, raw: unknown, field = 'facts'): Facts {
  const facts = normalizeObject(schema.facts, raw, field, '事实');
  if (schema.facts.has('applicant_type') && facts.applicant_type === undefined) {
    throw invalid(`${field}.applicant_type`, `${field}.applicant_type: 缺少申请主体类型(必填)`);
  }
  return facts;
}

/** The error a compiled or explained evaluation raises when a needed fact was left out. */
export function missingFact(schema: FactSchema, path: string, field = 'facts'): Error {
  const [head, ...rest] = path.split('.');
  const top = schema.facts.get(head!.replace(/\[\d+\]$/, ''));
  const def = rest.length && top?.fields ? top.fields.get(rest.join('.')) : top;
  const label = def ? def.label : path;
  return invalid(`${field}.${path}`, `${field}.${path}: 缺少事实“${label}”,本次评估需要它(不会按0处理)`);
}
