// Validates caller input against the fact dictionary and converts it to the engine's form:
// money in fen, enums as codes, every declared fact present in one fixed key order (so all
// fact objects share one hidden class and the compiled evaluator stays monomorphic). A fact
// left out becomes its documented default, or `undefined` when it has none — the evaluator
// then refuses to use it, naming the field, instead of reading it as 0.
import { invalid } from '../errors.ts';
import { parseCount, parseMoney, QuantityError } from './quantities.ts';
import type { FactDef, FactItem, FactSchema, Facts, FactValue } from './types.ts';

/** The words a boolean fact accepts (after trimming and lower-casing). */
export const TRUE_WORDS: readonly string[] = ['true', '是', '1', 'yes', 'y', '有'];
export const FALSE_WORDS: readonly string[] = ['false', '否', '0', 'no', 'n', '无'];
const TRUE = new Set(TRUE_WORDS);
const FALSE = new Set(FALSE_WORDS);

function describe(def: FactDef): string {
  return `${def.label}(${def.name})`;
}

function bad(def: FactDef, field: string, msg: string) {
  return invalid(field, `${field}: ${describe(def)}${msg}`);
}

function scalar(def: FactDef, value: unknown, parent: string, name: string): number | boolean | string | readonly string[] {
  const field = `${parent}.${name}`;
  switch (def.type) {
    case 'money':
      try {
        return parseMoney(value);
      } catch (e) {
        if (e instanceof QuantityError) throw bad(def, field, `: ${e.message}`);
        throw e;
      }
    case 'count':
      try {
        return parseCount(value);
      } catch (e) {
        if (e instanceof QuantityError) throw bad(def, field, `: ${e.message}`);
        throw e;
      }
    case 'level': {
      const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < def.min! || n > def.max!) throw bad(def, field, `须为 ${def.min}~${def.max} 的整数(实际:${JSON.stringify(value)})`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim().toLowerCase();
      if (TRUE.has(s)) return true;
      if (FALSE.has(s)) return false;
      throw bad(def, field, `须为 true/false(是/否)(实际:${JSON.stringify(value)})`);
    }
    case 'enum': {
      const code = enumCode(def, value);
      if (code === undefined) throw bad(def, field, `须为以下之一:${[...def.values!].map(([k, v]) => `${k}(${v})`).join('、')}(实际:${JSON.stringify(value)})`);
      return code;
    }
    case 'codes': {
      const list = typeof value === 'string' ? value.split(/[;;、,,|]/).map((s) => s.trim()).filter(Boolean) : value;
      if (!Array.isArray(list)) throw bad(def, field, '须为代码列表');
      // Plain loops, no callbacks: under tsx every inline closure is wrapped by esbuild's
      // __name helper, which costs more than the validation itself in a million-row batch.
      const codes = new Array<string>(list.length);
      for (let i = 0; i < list.length; i++) {
        const code = enumCode(def, list[i]);
        if (code === undefined) throw invalid(`${field}[${i}]`, `${field}[${i}]: 未知代码 ${JSON.stringify(list[i])}(可用代码见事实字典 ${def.name})`);
        codes[i] = code;
      }
      return codes;
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
type Shape = (v: Record<string, unknown>) => Record<string, FactValue>;
type Builder = (values: unknown[]) => Record<string, FactValue>;
const shapes = new WeakMap<ReadonlyMap<string, FactDef>, { shape: Shape; build: Builder; defs: [string, FactDef][] }>();

/**
 * Fact objects are built through one compiled object literal per schema. V8 turns an object
 * into a slow dictionary once more than a dozen properties are added by computed-key stores,
 * which would make every fact read in the compiled evaluator a hash lookup; a literal with all
 * keys in schema order gives every fact object one fast hidden class. Keys are validated names.
 */
function compiledShape(defs: ReadonlyMap<string, FactDef>) {
  let s = shapes.get(defs);
  if (!s) {
    const keys = [...defs.keys()];
    for (const k of keys) if (!IDENT.test(k)) throw new Error(`unsafe fact name ${k}`);
    s = {
      shape: new Function('v', `return { ${keys.map((k) => `${k}: v.${k}`).join(', ')} };`) as Shape,
      build: new Function('a', `return { ${keys.map((k, i) => `${k}: a[${i}]`).join(', ')} };`) as Builder,
      defs: [...defs],
    };
    shapes.set(defs, s);
  }
  return s;
}

/**
 * Builds fact objects (or items) with the schema's one hidden class from values in the order of
 * `defs` (the table reader, which converts cell by cell, fills such an array).
 */
export function factBuilder(defs: ReadonlyMap<string, FactDef>): { build: Builder; defs: readonly [string, FactDef][] } {
  const { build, defs: list } = compiledShape(defs);
  return { build, defs: list };
}

/** One value of a fact that is not a collection, converted as normalizeFacts does, with its errors. */
export function normalizeScalar(def: FactDef, value: unknown, parent: string, name: string): number | boolean | string | readonly string[] {
  return scalar(def, value, parent, name);
}

/** The error normalizeFacts raises when the required applicant type is left out. */
export function missingApplicantType(field = 'facts'): Error {
  return invalid(`${field}.applicant_type`, `${field}.applicant_type: 缺少申请主体类型(必填)`);
}

/** Builds a fact object (or item) with the schema's one hidden class from a plain record. */
export function factShape(defs: ReadonlyMap<string, FactDef>): Shape {
  return compiledShape(defs).shape;
}

function normalizeObject(defs: ReadonlyMap<string, FactDef>, raw: unknown, field: string, what: string): Record<string, FactValue> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(field, `${field}: ${what}须为对象`);
  const input = raw as Record<string, unknown>;
  for (const key in input) {
    if (!defs.has(key)) throw invalid(`${field}.${key}`, `${field}.${key}: 未知事实 ${key}(事实字典见 policies/facts.yaml 或 GET /api/policies/facts)`);
  }
  const { build, defs: list } = compiledShape(defs);
  const values = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) {
    const [name, def] = list[i]!;
    const value = input[name];
    if (absent(value)) {
      values[i] = def.hasDefault ? def.defaultValue : undefined;
    } else if (def.type === 'collection') {
      const f = `${field}.${name}`;
      if (!Array.isArray(value)) throw invalid(f, `${f}: ${describe(def)}须为数组`);
      const items = new Array<FactItem>(value.length);
      for (let j = 0; j < value.length; j++) items[j] = normalizeObject(def.fields!, value[j], `${f}[${j}]`, def.itemLabel ?? '项目') as FactItem;
      values[i] = items;
    } else {
      values[i] = scalar(def, value, field, name);
    }
  }
  return build(values);
}

export function normalizeFacts(schema: FactSchema, raw: unknown, field = 'facts'): Facts {
  const facts = normalizeObject(schema.facts, raw, field, '事实');
  if (schema.facts.has('applicant_type') && facts.applicant_type === undefined) {
    throw missingApplicantType(field);
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
