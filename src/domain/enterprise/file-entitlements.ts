// What an enterprise's own file already entitles it to (可享政策), what it nearly qualifies for and
// what is missing. The file holds government determinations — legal form, confirmed certifications
// and recognitions — and the diagnoses procured through the platform, so every other fact a measure reads (投资额, 平台, 首台套 …) is
// "not in the file": a measure that needs one is never reported as met, it is reported with the
// condition still to be shown. Each measure is evaluated on its own by the engine, exactly as an
// application under it would be (evaluateApplication), so the amount here is the amount an
// application would carry.
import { evaluateApplication, factsFromFile } from '../applications/evaluate-application.ts';
import { DomainError } from '../errors.ts';
import { describeCondition } from '../policy/describe.ts';
import { validityOn } from '../policy/evaluate.ts';
import { resolveParameters } from '../policy/parameters.ts';
import type { ConditionFailure, MoneyRange, ValidityInfo } from '../policy/results.ts';
import { PAYER_LABEL, type Condition, type Measure, type Policy } from '../policy/types.ts';

/** A certification as the file holds it (confirmed ones only count). */
export interface FileCertification { readonly kind: string; readonly level: string; readonly title: string; readonly year: number }

/** A diagnosis the platform procured for the enterprise in the programme year. */
export interface FileDiagnosis { readonly scope: 'chain' | 'factory' | 'workshop'; readonly status: string; readonly supervised: boolean }

export interface FileRecord {
  readonly legalForm: 'independent' | 'branch';
  readonly certifications: readonly FileCertification[];
  /** The year's diagnoses (政府采购 through the platform, so the platform knows of every one). */
  readonly diagnoses?: readonly FileDiagnosis[];
}

/** The facts the file decides; anything else a measure reads is missing from the file. */
export const FACTS_FROM_FILE = [
  'applicant_type', 'independent_legal_person', 'iim_certificate', 'cloud_star_level', 'recognitions',
  'diagnosis_chain', 'diagnosis_factory', 'diagnosis_workshop', 'diagnosis_supervised',
] as const;

/**
 * 接受……诊断服务: from the contract on (签约 commits the fee, as an approval does) until paid; a
 * request not yet dispatched or contracted, or a cancelled one, is no service received.
 */
export const DIAGNOSIS_RECEIVED: ReadonlySet<string> = new Set(['contracted', 'on_site', 'reported', 'accepted', 'paid']);

const LEVEL_PREFIX: Record<string, readonly string[]> = { national: ['国家', '国家级'], provincial: ['省级', '江苏省'], municipal: ['市级', '苏州市级', '扬州市级'] };

/**
 * The recognition code of a 示范称号 in the file: its title is the dictionary's label, with or
 * without its level in front (“智能制造示范车间”, 省级 → 省级智能制造示范车间). A title the dictionary
 * does not name is no code: the engine is never given a recognition on a guess.
 */
export function recognitionCode(labels: ReadonlyMap<string, string>, level: string, title: string): string | undefined {
  const names = [title, ...(LEVEL_PREFIX[level] ?? []).map((p) => p + title)];
  for (const [code, label] of labels) if (names.includes(label)) return code;
  return undefined;
}

/**
 * The engine facts the file states for a programme year: 本年度 recognitions and certificates
 * (facts.yaml), the legal form. Keyed like the calculator's input, so it can prefill it.
 */
export function factsOfFile(policy: Policy, file: FileRecord, year: number): Record<string, unknown> {
  const labels = policy.facts.facts.get('recognitions')?.values ?? new Map<string, string>();
  const recognitions = file.certifications
    .filter((c) => c.kind === 'recognition' && c.year === year)
    .map((c) => recognitionCode(labels, c.level, c.title))
    .filter((c): c is string => c !== undefined);
  const base = factsFromFile(file, year);
  const received = (file.diagnoses ?? []).filter((d) => DIAGNOSIS_RECEIVED.has(d.status));
  return {
    ...base,
    recognitions,
    diagnosis_chain: received.some((d) => d.scope === 'chain'),
    diagnosis_factory: received.some((d) => d.scope === 'factory'),
    diagnosis_workshop: received.some((d) => d.scope === 'workshop'),
    diagnosis_supervised: received.some((d) => d.supervised),
  };
}

export type FindingStatus = 'eligible' | 'near' | 'not_met' | 'not_applicable';

export interface MissingCondition {
  /** The fact the file does not hold: `projects.annual_investment`, `platform_level`. */
  readonly fact: string;
  readonly label: string;
  /** The condition as the measure states it: 年智能制造设备、软件和技术服务投资额达到2,000万元以上(“以上”含本数). */
  readonly condition: string;
}

export interface MeasureFinding {
  readonly id: string;
  readonly title: string;
  readonly clause: string;
  readonly quote: string;
  readonly topic: string | null;
  readonly status: FindingStatus;
  readonly amount: MoneyRange;
  readonly amountText: string;
  readonly payer: string;
  readonly payerLabel: string;
  /** The engine's failed conditions on facts the file holds (actual value and requirement). */
  readonly failures: readonly ConditionFailure[];
  /** Conditions on facts the file does not hold: what the enterprise still has to show. */
  readonly missing: readonly MissingCondition[];
  /** The engine's last step: the conclusion with the amount and who pays. */
  readonly conclusion: string;
  readonly reading: string | null;
}

export interface PolicyFindings {
  readonly policyId: string;
  readonly validity: ValidityInfo;
  readonly measures: readonly MeasureFinding[];
}

const headOf = (fact: string) => fact.split(/[.[]/)[0]!;

function factsOf(c: Condition): string[] {
  if (c.kind === 'any') return c.conditions.flatMap(factsOf);
  if (c.kind === 'recognitions') return ['recognitions'];
  return [c.fact.collection ? `${c.fact.collection}.${c.fact.field}` : c.fact.path];
}

/**
 * Every money measure of `policy` on `date` for the enterprise whose file states `facts`.
 * eligible: met on the file alone. near: every condition the file decides is met and what is
 * left are conditions on facts it does not hold (listed in `missing`). not_met: a condition the
 * file decides fails (the engine's failure says which, with the actual value). not_applicable:
 * the measure is for another kind of applicant, or another measure of its exclusive group
 * (分别…不累加) is met.
 */
export function findingsFromFile(policy: Policy, facts: Record<string, unknown>, date: string): PolicyFindings {
  const validity = validityOn(policy, date);
  if (validity.status !== 'in_force') return { policyId: policy.id, validity, measures: [] };
  // Facts the file states are known; a fact a later record of the file adds (facts of the year) is too.
  const known = new Set<string>([...FACTS_FROM_FILE, ...Object.keys(facts)]);
  const snap = resolveParameters(policy, date);
  const raw = policy.money.map((m) => findingOf(policy, m, facts, date, known, snap));
  const metGroups = new Set(raw.filter((f) => f.finding.status === 'eligible' && f.measure.exclusiveGroup).map((f) => f.measure.exclusiveGroup!));
  const measures = raw.map(({ measure, finding }) => (finding.status !== 'eligible' && measure.exclusiveGroup && metGroups.has(measure.exclusiveGroup)
    ? { ...finding, status: 'not_applicable' as const }
    : finding));
  return { policyId: policy.id, validity, measures };
}

function findingOf(policy: Policy, m: Measure, facts: Record<string, unknown>, date: string, known: Set<string>, snap: ReturnType<typeof resolveParameters>) {
  const missing: MissingCondition[] = [];
  for (const c of [...policy.applicants.conditions, ...m.conditions]) {
    const unknown = factsOf(c).filter((p) => !known.has(headOf(p)));
    if (!unknown.length) continue;
    const [head, field] = unknown[0]!.split('.') as [string, string | undefined];
    const top = policy.facts.facts.get(head);
    const def = field ? top?.fields?.get(field) : top;
    missing.push({ fact: unknown[0]!, label: def?.label ?? unknown[0]!, condition: describeCondition(policy, c, snap) });
  }
  const base = {
    id: m.id, title: m.title, clause: m.clause, quote: m.quote, topic: m.topic ?? null, reading: m.reading ?? null,
    payer: m.payer ?? 'city',
  };
  let evaluation: ReturnType<typeof evaluateApplication>;
  try {
    evaluation = evaluateApplication(policy, m, facts, date);
  } catch (e) {
    // A fact without a default that the file does not hold (an amount's base once every condition
    // passed): the measure cannot be settled from the file.
    if (!(e instanceof DomainError) || e.code !== 'INVALID') throw e;
    const finding: MeasureFinding = {
      ...base, status: 'near', amount: { min: 0, max: 0 }, amountText: '—', payerLabel: PAYER_LABEL[base.payer], failures: [], conclusion: e.message,
      missing: missing.length ? missing : [{ fact: e.field ?? 'facts', label: e.field ?? 'facts', condition: e.message }],
    };
    return { measure: m, finding };
  }
  const conclusion = evaluation.steps.at(-1)?.text ?? '';
  const common = { ...base, payer: evaluation.payer, payerLabel: evaluation.payerLabel, conclusion };
  if (evaluation.eligible) {
    const finding: MeasureFinding = { ...common, status: 'eligible', amount: { min: evaluation.min, max: evaluation.max }, amountText: evaluation.amountText, failures: [], missing: [] };
    return { measure: m, finding };
  }
  // An 满足其一 failure names its alternatives `a|b`: it is the file's when the file holds them all.
  const onFile = evaluation.failures.filter((f) => f.fact === 'date' || f.fact.split('|').every((p) => known.has(headOf(p))));
  const structural = onFile.some((f) => f.fact === 'applicant_type' || f.fact === 'independent_legal_person' || f.fact === 'date');
  const status: FindingStatus = structural ? 'not_applicable' : onFile.length ? 'not_met' : 'near';
  const finding: MeasureFinding = {
    ...common, status, amount: { min: 0, max: 0 }, amountText: '—', failures: onFile,
    missing: status === 'near' ? missing : [],
  };
  return { measure: m, finding };
}
