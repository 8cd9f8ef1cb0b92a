// 免申即享 over the enterprise file. Each enterprise's facts come from what the file holds — the
// determinations the enterprise's 可享政策 page and applications also take from it (factsOfFile:
// legal form, 星级上云, 两化融合, recognitions by their title, the platform's diagnoses) and the facts recorded for the year
// (enterprise_facts). A fact the file does not hold is never
// filled with the dictionary's default here: a default says what leaving a fact out means when an
// applicant answers a form, but an empty file says nothing. So each measure is evaluated on its own
// (one measure's gap must not hide another's result) and a measure whose facts the file lacks is
// reported as missing them, with the enterprises counted per fact, rather than as not eligible.
import { measureFields, onePolicy } from '../applications/evaluate-application.ts';
import { FACTS_FROM_FILE, factsOfFile, type FileRecord } from '../enterprise/file-entitlements.ts';
import { DomainError, invalid } from '../errors.ts';
import { assertSafeTotal } from './amount-math.ts';
import { STATUS_ELIGIBLE, UNBOUNDED } from './compile-fast.ts';
import { compiledFor, expiryWarnings, type Compiled } from './evaluate.ts';
import { parameterUse } from './explain.ts';
import { normalizeFacts } from './normalize-facts.ts';
import type { Overrides } from './parameters.ts';
import type { ParameterUse, ValidityInfo } from './results.ts';
import { PAYER_LABEL, type FactDef, type FactSchema, type Measure, type Payer, type Policy } from './types.ts';

/** Facts decided by the file's own fields, certifications and diagnoses; they cannot be recorded beside them. */
export const FILE_DETERMINED_FACTS: ReadonlySet<string> = new Set(FACTS_FROM_FILE);

/** A recorded fact in stored form: money in fen, enums as codes, collections as items of those. */
export interface RecordedFact {
  readonly fact: string;
  readonly value: unknown;
}

/** A fact an enterprise may record for a year: every dictionary fact the file does not decide. */
export function recordableFact(schema: FactSchema, name: unknown, field = 'fact'): FactDef {
  const def = typeof name === 'string' ? schema.facts.get(name) : undefined;
  if (!def) throw invalid(field, `${field}: 未知事实 ${JSON.stringify(name)}(可记录的事实见事实字典 GET /api/v1/policies/facts)`);
  if (FILE_DETERMINED_FACTS.has(def.name)) throw invalid(field, `${field}: “${def.label}”由企业档案的法人类型和认定记录决定,不在此记录`);
  return def;
}

/**
 * Validates a value against the dictionary (type, unit, bounds) and returns its stored form. Input
 * money is in 元 or a string with its unit, as everywhere in the engine; stored money is fen.
 */
export function storedFactValue(schema: FactSchema, name: string, input: unknown, field = 'value'): unknown {
  const def = recordableFact(schema, name);
  if (input === undefined || input === null || input === '') throw invalid(field, `${field}: 请填写“${def.label}”`);
  if (def.type === 'collection') {
    if (!Array.isArray(input) || input.length === 0) throw invalid(field, `${field}: “${def.label}”须为至少一项的列表`);
    if (input.length > 100) throw invalid(field, `${field}: “${def.label}”最多 100 项`);
  }
  const normalized = normalizeFacts(schema, { applicant_type: 'enterprise', [name]: input }, field);
  const stored = (normalized as Record<string, unknown>)[name];
  if (def.type === 'collection') {
    (stored as Record<string, unknown>[]).forEach((item, i) => {
      for (const [k, d] of def.fields!) {
        if (!d.hasDefault && item[k] === undefined && requiredItemField(def, k)) throw invalid(`${field}[${i}].${k}`, `${field}[${i}].${k}: 请填写“${d.label}”`);
      }
    });
    // Only the fields given are stored: a default the dictionary would fill in (贷款:否) is not what was recorded.
    const given = input as Record<string, unknown>[];
    return (stored as Record<string, unknown>[]).map((item, i) => Object.fromEntries(Object.entries(item)
      .filter(([k, v]) => v !== undefined && given[i]?.[k] !== undefined && given[i]?.[k] !== null && given[i]?.[k] !== '')));
  }
  return stored;
}

/** The first field of an item (the one naming it: 年投资额, 认定级别, 销售总额) is required; the others may be gated. */
function requiredItemField(def: FactDef, key: string): boolean {
  return [...def.fields!.keys()][0] === key;
}

/** Stored form back to the engine's input form (money in fen → exact 元 text). */
export function factInput(def: FactDef, stored: unknown): unknown {
  if (stored === null || stored === undefined) return undefined;
  if (def.type === 'money' && typeof stored === 'number') return fenText(stored);
  if (def.type === 'collection' && Array.isArray(stored)) {
    return stored.map((item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).map(([k, v]) => {
      const d = def.fields!.get(k);
      return [k, d ? factInput(d, v) : v];
    })));
  }
  return stored;
}

function fenText(fen: number): string {
  const s = BigInt(fen).toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}元`;
}

export interface FileEnterprise {
  readonly id: string;
  readonly uscc: string;
  readonly name: string;
  readonly regionId: string;
  readonly file: FileRecord;
  readonly recorded: readonly RecordedFact[];
}

/** The engine input for one enterprise in one year and which top-level facts the file holds. */
export function fileFacts(policy: Policy, e: FileEnterprise, year: number): { facts: Record<string, unknown>; held: ReadonlySet<string> } {
  const schema = policy.facts;
  const facts: Record<string, unknown> = {};
  for (const r of e.recorded) {
    const def = schema.facts.get(r.fact);
    // A fact since removed from the dictionary or now decided by the file is ignored, not an error of the run.
    if (!def || FILE_DETERMINED_FACTS.has(r.fact)) continue;
    facts[r.fact] = factInput(def, r.value);
  }
  Object.assign(facts, factsOfFile(policy, e.file, year));
  return { facts, held: new Set(Object.keys(facts)) };
}

// ---- the run --------------------------------------------------------------------------------

interface MeasurePlan {
  readonly measure: Measure;
  /** Facts the measure (and the applicant scope) reads: the top-level fact and the path reported when the file lacks it. */
  readonly needs: readonly { readonly head: string; readonly path: string }[];
  readonly base: Compiled;
  readonly scenario: Compiled | null;
}

export interface FileMatchOptions {
  readonly date: string;
  readonly overrides?: Overrides;
  /** Matched enterprises kept in the result (per measure rows); the totals count all of them. */
  readonly matchesLimit?: number;
  readonly regionName?: (id: string) => string;
}

interface Totals { eligible: number; min: number; max: number; unbounded: boolean }
const totals = (): Totals => ({ eligible: 0, min: 0, max: 0, unbounded: false });
function addTo(t: Totals, lo: number, hi: number): void {
  t.eligible++;
  t.min += lo;
  if (hi === UNBOUNDED) t.unbounded = true;
  else t.max += hi;
}

export interface FileMatchMeasure {
  readonly id: string;
  readonly title: string;
  readonly clause: string;
  readonly payer: Payer;
  readonly payerLabel: string;
  readonly eligible: number;
  readonly notEligible: number;
  /** Enterprises for which the file lacks a fact this measure needs. */
  readonly missing: number;
  readonly min: number;
  readonly max: number | null;
  readonly missingFacts: readonly { fact: string; label: string; enterprises: number }[];
  /** With overrides: the same measure under them (budget impact). */
  readonly scenario?: { readonly eligible: number; readonly min: number; readonly max: number | null };
}

export interface FileMatchRow {
  readonly enterpriseId: string;
  readonly uscc: string;
  readonly name: string;
  readonly regionId: string;
  readonly region: string;
  readonly measureId: string;
  readonly clause: string;
  readonly min: number;
  readonly max: number | null;
}

export interface FileMatchResult {
  readonly policy: { readonly id: string; readonly title: string; readonly city: string };
  readonly date: string;
  readonly year: number;
  readonly validity: ValidityInfo;
  readonly warnings: readonly string[];
  readonly overrides: readonly ParameterUse[];
  readonly enterprises: number;
  /** Enterprises eligible for at least one measure. */
  readonly entitled: number;
  readonly measures: readonly FileMatchMeasure[];
  readonly total: { readonly min: number; readonly max: number | null };
  readonly scenarioTotal?: { readonly min: number; readonly max: number | null };
  readonly byRegion: readonly { regionId: string; region: string; enterprises: number; entitled: number; min: number; max: number | null }[];
  readonly matches: readonly FileMatchRow[];
  readonly matchesTruncated: boolean;
}

type MeasureOutcome =
  | { readonly kind: 'not_applicable' }
  | { readonly kind: 'missing'; readonly paths: readonly string[] }
  | { readonly kind: 'not_met'; readonly scenario: { readonly lo: number; readonly hi: number } | null }
  | { readonly kind: 'eligible'; readonly lo: number; readonly hi: number; readonly scenario: { readonly lo: number; readonly hi: number } | null };

/** Distinct fact sets remembered per run; past this, further sets are evaluated every time. */
const MEMO_LIMIT = 50_000;

/** Everything fileFacts reads of an enterprise, as a string: equal keys, equal facts. */
function factsKey(e: FileEnterprise): string {
  let key = e.file.legalForm;
  for (const c of e.file.certifications) key += `|c${c.kind}\u0001${c.level}\u0001${c.title}\u0001${c.year}`;
  for (const d of e.file.diagnoses ?? []) key += `|d${d.scope}\u0001${d.status}\u0001${d.supervised ? 1 : 0}`;
  for (const r of e.recorded) key += `|r${r.fact}\u0001${JSON.stringify(r.value)}`;
  return key;
}

/** Accumulates the run page by page; only totals and a bounded list of matches are kept. */
export class FileMatchRun {
  readonly year: number;
  private readonly plans: MeasurePlan[];
  private readonly base: Totals[];
  private readonly scenario: Totals[];
  private readonly notEligible: number[];
  private readonly missing: number[];
  private readonly missingFacts: Map<string, number>[];
  private readonly regions = new Map<string, { enterprises: number; entitled: number } & Totals>();
  private readonly matches: FileMatchRow[] = [];
  private truncated = false;
  private enterprises = 0;
  private entitled = 0;
  private readonly whole: Compiled;
  private readonly out = new Float64Array(3);
  private readonly memo = new Map<string, MeasureOutcome[]>();

  constructor(readonly policy: Policy, private readonly options: FileMatchOptions) {
    const overrides = options.overrides ?? {};
    const hasOverrides = Object.keys(overrides).length > 0;
    // Compiling the whole policy checks the date and the overrides once, naming the field.
    this.whole = compiledFor(policy, options.date, overrides);
    this.year = Number(this.whole.date.slice(0, 4));
    this.plans = policy.money.map((m) => {
      // A lacking collection is reported by the item fields the measure reads (需要 项目:年投资额), not as 项目.
      const needs = measureFields(policy, m).map((f) => ({ head: f.path.split('.')[0]!, path: f.path }));
      const p = onePolicy(policy, m);
      return { measure: m, needs, base: compiledFor(p, this.whole.date), scenario: hasOverrides ? compiledFor(p, this.whole.date, overrides) : null };
    });
    const n = this.plans.length;
    this.base = this.plans.map(totals);
    this.scenario = this.plans.map(totals);
    this.notEligible = new Array<number>(n).fill(0);
    this.missing = new Array<number>(n).fill(0);
    this.missingFacts = this.plans.map(() => new Map());
  }

  add(e: FileEnterprise): void {
    // The measures' outcome is a function of the file's facts alone, and most enterprises of a city
    // state the same few (legal form, no certificate of the year, no recorded figure): evaluated once
    // per distinct set, the run's cost is reading the file, not re-deriving the same answer.
    const key = factsKey(e);
    let outcome = this.memo.get(key);
    if (!outcome) {
      outcome = this.outcomeOf(e);
      if (this.memo.size < MEMO_LIMIT) this.memo.set(key, outcome);
    }
    this.enterprises++;
    const regionName = this.options.regionName?.(e.regionId) ?? e.regionId;
    let region = this.regions.get(e.regionId);
    if (!region) this.regions.set(e.regionId, (region = { enterprises: 0, entitled: 0, ...totals() }));
    region.enterprises++;
    let any = false;
    for (let k = 0; k < this.plans.length; k++) {
      const o = outcome[k]!;
      if (o.kind === 'not_applicable' || o.kind === 'not_met') {
        this.notEligible[k]!++;
        if (o.kind === 'not_met' && o.scenario) addTo(this.scenario[k]!, o.scenario.lo, o.scenario.hi);
        continue;
      }
      if (o.kind === 'missing') {
        this.missing[k]!++;
        for (const path of o.paths) this.missingFacts[k]!.set(path, (this.missingFacts[k]!.get(path) ?? 0) + 1);
        continue;
      }
      if (o.scenario) addTo(this.scenario[k]!, o.scenario.lo, o.scenario.hi);
      any = true;
      addTo(this.base[k]!, o.lo, o.hi);
      region.min += o.lo;
      if (o.hi === UNBOUNDED) region.unbounded = true;
      else region.max += o.hi;
      const plan = this.plans[k]!;
      if (this.matches.length < (this.options.matchesLimit ?? 5000)) {
        this.matches.push({
          enterpriseId: e.id, uscc: e.uscc, name: e.name, regionId: e.regionId, region: regionName,
          measureId: plan.measure.id, clause: plan.measure.clause, min: o.lo, max: o.hi === UNBOUNDED ? null : o.hi,
        });
      } else this.truncated = true;
    }
    if (any) {
      this.entitled++;
      region.entitled++;
    }
  }

  /** Each measure's outcome on one enterprise's facts (and, with overrides, the what-if amount). */
  private outcomeOf(e: FileEnterprise): MeasureOutcome[] {
    const { facts: raw, held } = fileFacts(this.policy, e, this.year);
    let facts;
    try {
      facts = normalizeFacts(this.policy.facts, raw);
    } catch (err) {
      // A recorded value the dictionary no longer accepts is reported against that enterprise.
      if (err instanceof DomainError) throw invalid(err.field ?? 'facts', `企业 ${e.name}(${e.uscc}):${err.message}`);
      throw err;
    }
    return this.plans.map((plan): MeasureOutcome => {
      // A measure for another kind of applicant (园区, 社会组织) does not apply, whatever the file lacks.
      const types = plan.measure.applicantTypes;
      if (types.length && !types.includes(raw.applicant_type as string)) return { kind: 'not_applicable' };
      const lacking = plan.needs.filter((f) => !held.has(f.head));
      if (lacking.length) return { kind: 'missing', paths: lacking.map((f) => f.path) };
      const r = this.evaluate(plan.base, facts);
      if ('missing' in r) return { kind: 'missing', paths: [r.missing] };
      let scenario: { lo: number; hi: number } | null = null;
      if (plan.scenario) {
        const sc = this.evaluate(plan.scenario, facts);
        if (!('missing' in sc) && sc.eligible) scenario = { lo: sc.lo, hi: sc.hi };
      }
      return r.eligible ? { kind: 'eligible', lo: r.lo, hi: r.hi, scenario } : { kind: 'not_met', scenario };
    });
  }

  private evaluate(c: Compiled, facts: ReturnType<typeof normalizeFacts>): { eligible: boolean; lo: number; hi: number } | { missing: string } {
    try {
      c.evaluate(facts, this.out);
    } catch (err) {
      // A fact needed only once a gating fact says so (平台投入 for a recognised platform, an item's field).
      if (err instanceof DomainError && err.field?.startsWith('facts.')) return { missing: err.field.slice('facts.'.length).replace(/\[\d+\]/, '') };
      throw err;
    }
    return { eligible: this.out[0] === STATUS_ELIGIBLE, lo: this.out[1]!, hi: this.out[2]! };
  }

  result(): FileMatchResult {
    const { policy, snap, validity, date } = this.whole;
    const schema = policy.facts;
    const label = (path: string) => {
      const [head, field] = path.split('.') as [string, string | undefined];
      const top = schema.facts.get(head);
      const def = field ? top?.fields?.get(field) : top;
      return field ? `${top?.itemLabel ?? top?.label ?? head}:${def?.label ?? field}` : (def?.label ?? path);
    };
    const money = (t: Totals, what: string) => ({ min: assertSafeTotal(t.min, what), max: t.unbounded ? null : assertSafeTotal(t.max, what) });
    const sum = (list: Totals[]) => list.reduce<{ min: number; max: number | null }>((acc, t) => ({
      min: acc.min + t.min, max: acc.max === null || t.unbounded ? null : acc.max + t.max,
    }), { min: 0, max: 0 });
    const hasScenario = this.plans.some((p) => p.scenario);
    return {
      policy: { id: policy.id, title: policy.document.title, city: policy.city },
      date,
      year: this.year,
      validity,
      warnings: expiryWarnings(policy, validity),
      overrides: [...snap.values()].filter((r) => r.overridden).map((r) => parameterUse(snap, r.parameter.name)),
      enterprises: this.enterprises,
      entitled: this.entitled,
      measures: this.plans.map((p, k) => ({
        id: p.measure.id,
        title: p.measure.title,
        clause: p.measure.clause,
        payer: p.measure.payer!,
        payerLabel: PAYER_LABEL[p.measure.payer!],
        eligible: this.base[k]!.eligible,
        notEligible: this.notEligible[k]!,
        missing: this.missing[k]!,
        ...money(this.base[k]!, `${p.measure.id} 合计`),
        missingFacts: [...this.missingFacts[k]!].map(([fact, n]) => ({ fact, label: label(fact), enterprises: n })).sort((a, b) => b.enterprises - a.enterprises),
        ...(p.scenario && { scenario: { eligible: this.scenario[k]!.eligible, ...money(this.scenario[k]!, `${p.measure.id} what-if 合计`) } }),
      })),
      total: sum(this.base),
      ...(hasScenario && { scenarioTotal: sum(this.scenario) }),
      byRegion: [...this.regions].map(([regionId, r]) => ({
        regionId, region: this.options.regionName?.(regionId) ?? regionId, enterprises: r.enterprises, entitled: r.entitled, min: r.min, max: r.unbounded ? null : r.max,
      })).sort((a, b) => a.regionId.localeCompare(b.regionId)),
      matches: this.matches,
      matchesTruncated: this.truncated,
    };
  }
}
