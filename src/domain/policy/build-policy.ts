// Turns the parsed YAML of one policy folder into the checked Policy model. Every problem is a
// DomainError whose field is `file#place` (e.g. `measures.yaml#measures[3](smart-retrofit).clause`)
// and whose message says, in Chinese, what is wrong there.
import type { z } from 'zod';
import { invalid } from '../errors.ts';
import { BOUNDARY_WORDS } from './boundary-words.ts';
import { isIsoDate } from './dates.ts';
import { measureSchema, measuresFileSchema, parametersFileSchema, policyFileSchema, type RawAmount, type RawMeasure } from './policy-schema.ts';
import { parseCount, parseMoney, parseRate, QuantityError } from './quantities.ts';
import type { AmountRule, Cap, Condition, EachSpec, FactRef, FactSchema, Measure, Parameter, ParameterValue, Policy } from './types.ts';

export interface PolicySources {
  readonly dir: string;
  readonly policy: { readonly file: string; readonly data: unknown };
  readonly parameters: { readonly file: string; readonly data: unknown };
  readonly measures: { readonly file: string; readonly data: unknown };
  readonly sourceText?: string;
}

export const RECOGNITIONS_FACT = 'recognitions';

const failAt = (file: string, place: string, message: string) => invalid(`${file}#${place}`, `${file} ${place}: ${message}`);

function parseWith<S extends z.ZodType>(schema: S, data: unknown, file: string, prefix = ''): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const place = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].filter(Boolean).join('.').replace(/\.\[/g, '[');
  throw failAt(file, place || '(根)', issue.message);
}

export function buildPolicy(src: PolicySources, facts: FactSchema): Policy {
  const raw = parseWith(policyFileSchema, src.policy.data, src.policy.file);
  const pfile = src.policy.file;
  for (const [place, d] of [['document.issue_date', raw.document.issue_date], ['validity.from', raw.validity.from], ['validity.to', raw.validity.to]] as const) {
    if (!isIsoDate(d)) throw failAt(pfile, place, `日期 ${d} 不存在`);
  }
  if (raw.validity.from > raw.validity.to) throw failAt(pfile, 'validity', `施行日期 ${raw.validity.from} 晚于届满日期 ${raw.validity.to}`);

  const applicantFact = facts.facts.get('applicant_type');
  const checkTypes = (types: readonly string[], file: string, place: string) => {
    for (const t of types) if (!applicantFact?.values?.has(t)) throw failAt(file, place, `未知申请主体类型 ${t}(见 facts.yaml applicant_type)`);
  };
  checkTypes(raw.applicants.types, pfile, 'applicants.types');
  const defaultTypes = raw.applicants.default ?? raw.applicants.types;
  checkTypes(defaultTypes, pfile, 'applicants.default');
  for (const t of defaultTypes) if (!raw.applicants.types.includes(t)) throw failAt(pfile, 'applicants.default', `${t} 不在 applicants.types 中`);

  const parameters = buildParameters(src.parameters.data, src.parameters.file, raw.validity.from);
  const ctx: MeasureContext = { facts, parameters, file: pfile, forEach: undefined };
  const scopeConditions = (raw.applicants.conditions ?? []).map((c, i) => buildCondition(c, { ...ctx, file: pfile }, `applicants.conditions[${i}]`));

  const mraw = parseWith(measuresFileSchema, src.measures.data, src.measures.file);
  const measures: Measure[] = [];
  const ids = new Set<string>();
  let moneyIndex = 0;
  mraw.measures.forEach((m, i) => {
    const idHint = typeof m === 'object' && m !== null && 'id' in m ? `(${String((m as { id: unknown }).id)})` : '';
    const place = `measures[${i}]${idHint}`;
    const rm = parseWith(measureSchema, m, src.measures.file, place);
    if (ids.has(rm.id)) throw failAt(src.measures.file, `${place}.id`, `措施 id ${rm.id} 重复`);
    ids.add(rm.id);
    const measure = buildMeasure(rm, { ...ctx, file: src.measures.file }, place, moneyIndex, raw.applicants.types, defaultTypes);
    if (measure.amount) moneyIndex++;
    measures.push(measure);
  });

  return {
    id: raw.id,
    city: raw.city,
    shortTitle: raw.short_title,
    dir: src.dir,
    document: {
      title: raw.document.title,
      number: raw.document.number,
      issuer: raw.document.issuer,
      issueDate: raw.document.issue_date,
      ...(raw.document.part !== undefined && { part: raw.document.part }),
    },
    validity: { ...raw.validity },
    applicants: { types: raw.applicants.types, clause: raw.applicants.clause, quote: raw.applicants.quote, conditions: scopeConditions },
    ...(raw.payer_reading !== undefined && { payerReading: raw.payer_reading }),
    expiryWarningDays: raw.expiry_warning_days,
    parameters,
    measures,
    money: measures.filter((m) => m.amount),
    facts,
    ...(src.sourceText !== undefined && { sourceText: src.sourceText }),
  };
}

function buildParameters(data: unknown, file: string, validFrom: string): Map<string, Parameter> {
  const raw = parseWith(parametersFileSchema, data, file);
  const out = new Map<string, Parameter>();
  for (const [name, p] of Object.entries(raw.parameters)) {
    const place = `parameters.${name}`;
    const dates = Object.keys(p.values).sort();
    if (dates.length === 0) throw failAt(file, `${place}.values`, '至少需要一个取值');
    const values: ParameterValue[] = dates.map((from) => {
      if (!isIsoDate(from)) throw failAt(file, `${place}.values.${from}`, `日期 ${from} 不存在`);
      const rawValue = p.values[from]!;
      try {
        return { from, value: parseParameterValue(p.type, rawValue), text: String(rawValue) };
      } catch (e) {
        if (e instanceof QuantityError) throw failAt(file, `${place}.values.${from}`, e.message);
        throw e;
      }
    });
    // Every day the policy is in force must have a value.
    if (values[0]!.from > validFrom) throw failAt(file, `${place}.values`, `首个取值日期 ${values[0]!.from} 晚于施行日期 ${validFrom}`);
    out.set(name, {
      name,
      label: p.label,
      type: p.type,
      ...(p.unit !== undefined && { unit: p.unit }),
      clause: p.reference.clause,
      words: p.reference.words,
      values,
    });
  }
  return out;
}

export function parseParameterValue(type: Parameter['type'], raw: unknown) {
  switch (type) {
    case 'money': {
      if (typeof raw === 'number') throw new QuantityError('金额参数须写明单位(如“600万元”)');
      return parseMoney(raw);
    }
    case 'rate': return parseRate(raw);
    case 'count': return parseCount(raw);
  }
}

interface MeasureContext {
  readonly facts: FactSchema;
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly file: string;
  readonly forEach: string | undefined;
}

function buildMeasure(rm: RawMeasure, ctx0: MeasureContext, place: string, index: number, allowedTypes: readonly string[], defaultTypes: readonly string[]): Measure {
  const file = ctx0.file;
  if (rm.for_each !== undefined) {
    const coll = ctx0.facts.facts.get(rm.for_each);
    if (!coll || coll.type !== 'collection') throw failAt(file, `${place}.for_each`, `未知的项目集合 ${rm.for_each}(须为 facts.yaml 中的 collection)`);
  }
  const ctx: MeasureContext = { ...ctx0, forEach: rm.for_each };
  const applicantTypes = rm.applicants ?? defaultTypes;
  for (const t of applicantTypes) {
    if (!ctx.facts.facts.get('applicant_type')?.values?.has(t)) throw failAt(file, `${place}.applicants`, `未知申请主体类型 ${t}`);
    if (!allowedTypes.includes(t)) throw failAt(file, `${place}.applicants`, `申请主体 ${t} 不在本政策支持范围内,措施不可达`);
  }
  const conditions = (rm.conditions ?? []).map((c, i) => buildCondition(c, ctx, `${place}.conditions[${i}]`));
  let amount: AmountRule | undefined;
  if (rm.amount) {
    amount = buildAmount(rm.amount, ctx, `${place}.amount`, conditions);
    if (!rm.payer) throw failAt(file, `${place}.payer`, '有金额的措施须写明承担层级 payer(city/county/shared)');
    if (!rm.frequency) throw failAt(file, `${place}.frequency`, '有金额的措施须写明 frequency(one_time/yearly)');
  } else if (rm.for_each || rm.conditions || rm.payer || rm.quota) {
    throw failAt(file, place, '无金额的措施只记录原文,不能有 for_each/conditions/payer/quota');
  }
  if (rm.quota !== undefined) expectParam(ctx, rm.quota, 'count', `${place}.quota`);
  return {
    id: rm.id,
    index: amount ? index : -1,
    title: rm.title,
    ...(rm.topic !== undefined && { topic: rm.topic }),
    clause: rm.clause,
    quote: rm.quote,
    ...(rm.reading !== undefined && { reading: rm.reading }),
    applicantTypes,
    ...(rm.payer && { payer: rm.payer }),
    ...(rm.frequency && { frequency: rm.frequency }),
    ...(rm.for_each !== undefined && { forEach: rm.for_each }),
    conditions,
    ...(amount && { amount }),
    ...(rm.quota !== undefined && { quota: rm.quota }),
    ...(rm.exclusive_group !== undefined && { exclusiveGroup: rm.exclusive_group }),
    place: `${file}#${place}`,
  };
}

function resolveFact(path: unknown, ctx: MeasureContext, place: string): FactRef {
  if (typeof path !== 'string' || path.length === 0) throw failAt(ctx.file, place, '缺少事实名 fact');
  const dot = path.indexOf('.');
  if (dot >= 0) {
    const collection = path.slice(0, dot), field = path.slice(dot + 1);
    const coll = ctx.facts.facts.get(collection);
    if (!coll || coll.type !== 'collection') throw failAt(ctx.file, place, `未知事实 ${path}(${collection} 不是 facts.yaml 中的项目集合)`);
    const def = coll.fields?.get(field);
    if (!def) throw failAt(ctx.file, place, `未知事实 ${path}(${collection} 没有字段 ${field})`);
    if (ctx.forEach !== collection) throw failAt(ctx.file, place, `事实 ${path} 只能用于 for_each: ${collection} 的措施`);
    return { path, def, collection, field };
  }
  const def = ctx.facts.facts.get(path);
  if (!def) throw failAt(ctx.file, place, `未知事实 ${path}(facts.yaml 中没有此事实)`);
  if (def.type === 'collection' || def.type === 'codes') throw failAt(ctx.file, place, `事实 ${path} 是 ${def.type},不能直接比较`);
  return { path, def };
}

function expectParam(ctx: MeasureContext, name: unknown, type: Parameter['type'], place: string): string {
  if (typeof name !== 'string') throw failAt(ctx.file, place, '缺少参数名');
  const p = ctx.parameters.get(name);
  if (!p) throw failAt(ctx.file, place, `未知参数 ${name}(parameters.yaml 中没有)`);
  if (p.type !== type) throw failAt(ctx.file, place, `参数 ${name} 类型为 ${p.type},此处需要 ${type}`);
  return name;
}

const CONDITION_KEYS = new Set(['fact', 'word', 'param', 'value', 'in', 'text', 'equals', 'is', 'recognitions', 'any']);

function buildCondition(raw: unknown, ctx: MeasureContext, place: string, nested = false): Condition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw failAt(ctx.file, place, '条件须为对象');
  const c = raw as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!CONDITION_KEYS.has(k)) throw failAt(ctx.file, `${place}.${k}`, `未知条件字段 ${k}`);
  const full = `${ctx.file}#${place}`;
  if ('any' in c) {
    if (nested) throw failAt(ctx.file, place, 'any 不能嵌套');
    if (!Array.isArray(c.any) || c.any.length < 2) throw failAt(ctx.file, `${place}.any`, 'any 须列出至少两个条件');
    return { kind: 'any', conditions: c.any.map((x, i) => buildCondition(x, ctx, `${place}.any[${i}]`, true)), place: full };
  }
  if ('recognitions' in c) {
    const list = c.recognitions;
    const def = ctx.facts.facts.get(RECOGNITIONS_FACT);
    if (!Array.isArray(list) || list.length === 0) throw failAt(ctx.file, `${place}.recognitions`, 'recognitions 须列出认定代码');
    for (const code of list) {
      if (typeof code !== 'string' || !def?.values?.has(code)) throw failAt(ctx.file, `${place}.recognitions`, `未知认定代码 ${String(code)}(见 facts.yaml recognitions)`);
    }
    if (new Set(list).size !== list.length) throw failAt(ctx.file, `${place}.recognitions`, '认定代码重复');
    return { kind: 'recognitions', codes: list as string[], place: full };
  }
  const fact = resolveFact(c.fact, ctx, `${place}.fact`);
  const t = fact.def.type;
  if ('word' in c) {
    const word = String(c.word);
    const meaning = BOUNDARY_WORDS[word];
    if (!meaning) throw failAt(ctx.file, `${place}.word`, `未知界限词“${word}”(可用:${Object.keys(BOUNDARY_WORDS).join('、')})`);
    if (t !== 'money' && t !== 'count' && t !== 'level') throw failAt(ctx.file, place, `事实 ${fact.path} 为 ${t},不能用界限词比较`);
    if ('param' in c === 'value' in c) throw failAt(ctx.file, place, '界限条件须给出 param(参数)或 value(文本隐含的字面值)之一');
    if ('param' in c) {
      const name = expectParam(ctx, c.param, t === 'money' ? 'money' : 'count', `${place}.param`);
      return { kind: 'compare', fact, word, op: meaning.op, threshold: { kind: 'param', name }, place: full };
    }
    try {
      const value = t === 'money' ? parseMoneyLiteral(c.value) : parseCount(c.value);
      return { kind: 'compare', fact, word, op: meaning.op, threshold: { kind: 'literal', value, text: String(c.value) }, place: full };
    } catch (e) {
      if (e instanceof QuantityError) throw failAt(ctx.file, `${place}.value`, e.message);
      throw e;
    }
  }
  if ('in' in c) {
    if (t !== 'enum') throw failAt(ctx.file, place, `in 只适用于 enum 事实(${fact.path} 为 ${t})`);
    const values = c.in;
    if (!Array.isArray(values) || values.length === 0) throw failAt(ctx.file, `${place}.in`, 'in 须列出取值');
    for (const v of values) if (!fact.def.values?.has(String(v))) throw failAt(ctx.file, `${place}.in`, `事实 ${fact.path} 没有取值 ${String(v)},条件不可达`);
    return { kind: 'in', fact, values: values.map(String), ...(typeof c.text === 'string' && { text: c.text }), place: full };
  }
  if ('equals' in c) {
    const v = c.equals;
    if (t === 'enum') {
      if (!fact.def.values?.has(String(v))) throw failAt(ctx.file, `${place}.equals`, `事实 ${fact.path} 没有取值 ${String(v)},条件不可达`);
      return { kind: 'equals', fact, value: String(v), place: full };
    }
    if (t === 'level' || t === 'count') {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw failAt(ctx.file, `${place}.equals`, '须为整数');
      return { kind: 'equals', fact, value: v, place: full };
    }
    throw failAt(ctx.file, place, `equals 不适用于 ${t} 事实`);
  }
  if ('is' in c) {
    if (t !== 'boolean') throw failAt(ctx.file, place, `is 只适用于 boolean 事实(${fact.path} 为 ${t})`);
    if (typeof c.is !== 'boolean') throw failAt(ctx.file, `${place}.is`, '须为 true 或 false');
    return { kind: 'is', fact, value: c.is, place: full };
  }
  throw failAt(ctx.file, place, '条件须包含 word、in、equals、is、recognitions 或 any 之一');
}

function parseMoneyLiteral(v: unknown): number {
  if (typeof v !== 'string') throw new QuantityError('金额字面值须写明单位(如“0元”)');
  return parseMoney(v);
}

function buildAmount(a: RawAmount, ctx: MeasureContext, place: string, conditions: readonly Condition[]): AmountRule {
  const file = ctx.file;
  const kinds = [a.fixed !== undefined, a.up_to !== undefined, a.base !== undefined].filter(Boolean).length;
  if (kinds !== 1) throw failAt(file, place, '金额须且只能是 fixed(定额)、up_to(最高)或 base+比例 之一');
  if (a.fixed !== undefined || a.up_to !== undefined) {
    if (a.rate || a.rate_min || a.rate_max || a.floor || a.caps) throw failAt(file, place, '定额或最高额不能再带比例、保底或上限');
    if (ctx.forEach) throw failAt(file, place, '按项目计算的措施须用 base+比例');
    const value = expectParam(ctx, a.fixed ?? a.up_to, 'money', `${place}.${a.fixed !== undefined ? 'fixed' : 'up_to'}`);
    const each = a.each !== undefined ? buildEach(a.each, ctx, `${place}.each`, conditions) : undefined;
    return { kind: a.fixed !== undefined ? 'fixed' : 'up_to', value, ...(each && { each }) };
  }
  if (a.each !== undefined) throw failAt(file, `${place}.each`, 'each 只用于定额或最高额');
  const base = resolveFact(a.base, ctx, `${place}.base`);
  if (base.def.type !== 'money') throw failAt(file, `${place}.base`, `计算基数 ${base.path} 须为金额事实`);
  if (a.rate !== undefined && (a.rate_min !== undefined || a.rate_max !== undefined)) throw failAt(file, place, 'rate(确定比例)不能与 rate_min/rate_max 同时使用');
  if (a.rate === undefined && a.rate_min === undefined && a.rate_max === undefined) throw failAt(file, place, '须给出 rate、rate_min 或 rate_max');
  const caps: Cap[] = (a.caps ?? []).map((cap, i) => {
    expectParam(ctx, cap.param, 'money', `${place}.caps[${i}].param`);
    if (cap.scope === 'per_item' && !ctx.forEach) throw failAt(file, `${place}.caps[${i}].scope`, 'per_item 上限只用于 for_each 措施');
    return { param: cap.param, scope: cap.scope };
  });
  const rateMin = a.rate ?? a.rate_min;
  const rateMax = a.rate ?? a.rate_max;
  return {
    kind: 'rate',
    base,
    ...(rateMin !== undefined && { rateMin: expectParam(ctx, rateMin, 'rate', `${place}.${a.rate ? 'rate' : 'rate_min'}`) }),
    ...(rateMax !== undefined && { rateMax: expectParam(ctx, rateMax, 'rate', `${place}.${a.rate ? 'rate' : 'rate_max'}`) }),
    exact: a.rate !== undefined,
    ...(a.floor !== undefined && { floor: expectParam(ctx, a.floor, 'money', `${place}.floor`) }),
    caps,
  };
}

function buildEach(each: string, ctx: MeasureContext, place: string, conditions: readonly Condition[]): EachSpec {
  if (each === RECOGNITIONS_FACT) {
    if (conditions.filter((c) => c.kind === 'recognitions').length !== 1) throw failAt(ctx.file, place, 'each: recognitions 须有且只有一个顶层 recognitions 条件');
    return { kind: 'recognitions' };
  }
  const fact = resolveFact(each, ctx, place);
  if (fact.def.type !== 'count') throw failAt(ctx.file, place, `each 须为计数事实或 recognitions(${each} 为 ${fact.def.type})`);
  return { kind: 'fact', fact };
}

