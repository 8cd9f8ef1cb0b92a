// An application asks for one measure: the engine evaluates exactly that measure (and the policy's
// applicant conditions) on the application's facts and date. Facts the government determines —
// legal form, star level, 两化融合 certificate — come from the enterprise file, never from the form.
import { invalid } from '../errors.ts';
import { evaluatePolicy } from '../policy/evaluate.ts';
import type { ConditionFailure, ExplanationStep, ParameterUse, ValidityInfo } from '../policy/results.ts';
import type { Condition, FactDef, Measure, Payer, Policy } from '../policy/types.ts';

/** A policy reduced to one money measure, so that facts other measures need are not asked for. */
const single = new WeakMap<Measure, Policy>();
export function onePolicy(policy: Policy, measure: Measure): Policy {
  let p = single.get(measure);
  if (!p) {
    const only = { ...measure, index: 0 };
    p = { ...policy, money: [only], measures: [only] };
    single.set(measure, p);
  }
  return p;
}

export interface FactField {
  /** `annual_investment` or, for one item of a collection, `projects.annual_investment`. */
  readonly path: string;
  readonly label: string;
  readonly type: FactDef['type'];
  readonly unit?: string;
  readonly values?: readonly { code: string; label: string }[];
  readonly min?: number;
  readonly max?: number;
  readonly required: boolean;
  /** Taken from the enterprise file (a government determination), not typed by the applicant. */
  readonly fromFile: boolean;
}

/** Facts the enterprise file decides; an application cannot state them otherwise. */
export const FILE_FACTS = new Set(['applicant_type', 'independent_legal_person', 'cloud_star_level', 'iim_certificate']);

function conditionPaths(conditions: readonly Condition[], out: Set<string>): void {
  for (const c of conditions) {
    if (c.kind === 'any') conditionPaths(c.conditions, out);
    else if (c.kind === 'recognitions') out.add('recognitions');
    else out.add(c.fact.collection ? `${c.fact.collection}.${c.fact.field}` : c.fact.path);
  }
}

/** The facts one measure reads (conditions, amount base, counts), with labels for a form. */
export function measureFields(policy: Policy, measure: Measure): FactField[] {
  const paths = new Set<string>(['applicant_type']);
  conditionPaths(policy.applicants.conditions, paths);
  conditionPaths(measure.conditions, paths);
  const a = measure.amount;
  if (a?.kind === 'rate') paths.add(a.base.collection ? `${a.base.collection}.${a.base.field}` : a.base.path);
  if (a && a.kind !== 'rate' && a.each?.kind === 'fact') paths.add(a.each.fact.collection ? `${a.each.fact.collection}.${a.each.fact.field}` : a.each.fact.path);
  if (a && a.kind !== 'rate' && a.each?.kind === 'recognitions') paths.add('recognitions');
  return [...paths].map((path) => {
    const [head, field] = path.split('.') as [string, string | undefined];
    const top = policy.facts.facts.get(head);
    const def = field ? top?.fields?.get(field) : top;
    if (!def) throw invalid('measure', `措施 ${measure.id} 引用了事实字典中没有的事实 ${path}`);
    return {
      path,
      label: field ? `${top!.itemLabel ?? top!.label}:${def.label}` : def.label,
      type: def.type,
      ...(def.unit ? { unit: def.unit } : {}),
      ...(def.values ? { values: [...def.values].map(([code, label]) => ({ code, label })) } : {}),
      ...(def.min !== undefined ? { min: def.min } : {}),
      ...(def.max !== undefined ? { max: def.max } : {}),
      required: !def.hasDefault,
      fromFile: FILE_FACTS.has(path),
    };
  });
}

/** What the file says, as engine facts, for an application in `year`. */
export interface FileFacts {
  readonly legalForm: 'independent' | 'branch';
  /** Confirmed certifications only. */
  readonly certifications: readonly { kind: string; level: string; year: number }[];
}

export function factsFromFile(file: FileFacts, year: number): Record<string, unknown> {
  // 本年度新评定 / 本年度新取得 (facts.yaml): a certification of the application's year.
  const stars = file.certifications.filter((c) => c.kind === 'cloud' && c.year === year).map((c) => Number(c.level)).filter(Number.isInteger);
  const iim = file.certifications.filter((c) => c.kind === 'integration' && c.year === year).map((c) => c.level);
  return {
    applicant_type: 'enterprise',
    independent_legal_person: file.legalForm === 'independent',
    cloud_star_level: stars.length ? Math.max(...stars) : 0,
    iim_certificate: iim.includes('3A') ? 'AAA' : iim.includes('2A') ? 'AA' : 'none',
  };
}

/**
 * The application's facts: the applicant's figures for the measure (one item for a per-item
 * measure, written `projects.annual_investment`), over which the file's determinations are laid.
 */
export function applicationFacts(policy: Policy, measure: Measure, input: Readonly<Record<string, unknown>>, file: FileFacts, year: number): Record<string, unknown> {
  const fields = measureFields(policy, measure);
  const allowed = new Set(fields.filter((f) => !f.fromFile).map((f) => f.path));
  const facts: Record<string, unknown> = {};
  const item: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (FILE_FACTS.has(key)) throw invalid(`facts.${key}`, `facts.${key}: 该项由企业档案中经核实的信息确定,不能在申报中填写`);
    if (!allowed.has(key)) throw invalid(`facts.${key}`, `facts.${key}: 措施“${measure.title}”不需要该项;需要填写:${[...allowed].join('、') || '(无)'}`);
    if (value === undefined || value === null || value === '') continue;
    if (key.includes('.')) item[key.split('.')[1]!] = value;
    else facts[key] = value;
  }
  if (measure.forEach) facts[measure.forEach] = [item];
  return { ...facts, ...factsFromFile(file, year) };
}

export interface ApplicationEvaluation {
  readonly policyId: string;
  readonly measureId: string;
  readonly date: string;
  readonly validity: ValidityInfo;
  readonly eligible: boolean;
  readonly min: number;
  readonly max: number | null;
  readonly amountText: string;
  readonly payer: Payer;
  readonly payerLabel: string;
  readonly clause: string;
  readonly quote: string;
  readonly steps: readonly ExplanationStep[];
  readonly failures: readonly ConditionFailure[];
  /** The parameter values this evaluation used, with the date each took effect (the "parameter version"). */
  readonly parameters: readonly ParameterUse[];
  /** per-enterprise-per-year caps of the measure, as `policy/measure/param` keys with their value in fen. */
  readonly yearlyCaps: readonly { key: string; capFen: number; text: string }[];
}

export function evaluateApplication(policy: Policy, measure: Measure, facts: Record<string, unknown>, date: string): ApplicationEvaluation {
  const r = evaluatePolicy(onePolicy(policy, measure), { facts, date });
  const m = r.measures[0]!;
  const parameters = new Map<string, ParameterUse>();
  for (const s of m.steps) for (const p of s.parameters ?? []) parameters.set(p.name, p);
  const yearlyCaps = measure.amount?.kind === 'rate'
    ? measure.amount.caps.filter((c) => c.scope === 'per_enterprise_year').map((c) => {
      const param = policy.parameters.get(c.param)!;
      const value = [...param.values].reverse().find((v) => v.from <= date) ?? param.values[0]!;
      return { key: `${policy.id}/${c.param}`, capFen: value.value as number, text: value.text };
    })
    : [];
  return {
    policyId: policy.id,
    measureId: measure.id,
    date: r.date,
    validity: r.validity,
    eligible: m.eligible,
    min: m.amount.min,
    max: m.amount.max,
    amountText: m.amountText,
    payer: m.payer,
    payerLabel: m.payerLabel,
    clause: m.clause,
    quote: m.quote,
    steps: m.steps,
    failures: m.failures,
    parameters: [...parameters.values()],
    yearlyCaps,
  };
}
