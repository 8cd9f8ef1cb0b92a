// Batch evaluation of a population (免申即享 matching), what-if and population comparison.
// One pass over the rows: each row's facts are validated once and evaluated by the compiled
// function of every scenario; only totals (and, on request, the matches) are kept, so memory
// stays flat however large the population.
import { DomainError } from '../errors.ts';
import { assertSafeTotal } from './amount-math.ts';
import { TopK } from './bounded-heap.ts';
import { compileTotals, STATUS_ELIGIBLE, UNBOUNDED, type TotalsEvaluator } from './compile-fast.ts';
import { compiledFor, expiryWarnings, type Compiled } from './evaluate.ts';
import { parameterUse } from './explain.ts';
import { normalizeFacts } from './normalize-facts.ts';
import type { Overrides } from './parameters.ts';
import type { MoneyRange, ParameterUse, ValidityInfo } from './results.ts';
import { PAYER_LABEL, type Facts, type FactSchema, type Payer, type Policy } from './types.ts';

export interface PopulationRow {
  readonly id: string;
  readonly name?: string;
  readonly region?: string;
  readonly facts: unknown;
  /** Where the row came from, for errors: `rows[12]`, `population.csv 第13行`. */
  readonly field: string;
  /**
   * Set by the table reader (population-reader.ts), which converts cells as it reads them: `facts`
   * is then already what normalizeFacts makes of them under this schema, unless `invalid` holds
   * the error normalizeFacts would have raised.
   */
  readonly engineForm?: FactSchema;
  readonly invalid?: Error;
}

/**
 * A population that can also be read a batch of rows at a time (the CSV and XLSX readers): one
 * await per batch rather than per row, which in a million-row batch is most of the cost of iterating.
 */
export interface BatchedPopulation extends AsyncIterable<PopulationRow> {
  batches(): AsyncIterable<readonly PopulationRow[]>;
}

export function batchedPopulation(batches: () => AsyncIterable<readonly PopulationRow[]>): BatchedPopulation {
  return {
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

export function isBatched(rows: unknown): rows is BatchedPopulation {
  return typeof (rows as Partial<BatchedPopulation>).batches === 'function';
}

export interface Scenario {
  readonly policy: Policy;
  readonly overrides?: Overrides;
  readonly label?: string;
}

export interface MeasureTotal {
  readonly id: string;
  readonly title: string;
  readonly clause: string;
  readonly payer: Payer;
  readonly payerLabel: string;
  readonly eligible: number;
  readonly min: number;
  readonly max: number | null;
  readonly quota?: { readonly value: number; readonly exceeded: boolean; readonly minWithinQuota: number; readonly maxWithinQuota: number | null };
}

export interface RegionTotal {
  readonly region: string;
  readonly enterprises: number;
  readonly entitled: number;
  readonly min: number;
  readonly max: number | null;
}

export interface Match {
  readonly id: string;
  readonly name?: string;
  readonly region?: string;
  readonly measures: readonly { readonly id: string; readonly clause: string; readonly min: number; readonly max: number | null }[];
}

export interface BatchReport {
  readonly policy: { readonly id: string; readonly title: string; readonly city: string };
  readonly label: string;
  readonly date: string;
  readonly validity: ValidityInfo;
  readonly warnings: readonly string[];
  readonly overrides: readonly ParameterUse[];
  readonly enterprises: number;
  readonly entitled: number;
  readonly measures: readonly MeasureTotal[];
  readonly byPayer: Readonly<Record<Payer, MoneyRange>>;
  readonly byRegion: readonly RegionTotal[];
  readonly total: MoneyRange;
  readonly matches?: readonly Match[];
}

const NO_REGION = '(未填地区)';
/**
 * Totals are kept per region: a city has a few dozen. A file naming millions of different regions
 * would make the report (and the memory behind it) as large as the file, so it is refused.
 */
export const MAX_REGIONS = 1000;
/** Slots of the region table: a power of two, at least twice MAX_REGIONS so probes stay short. */
const REGION_SLOTS = 2048;

interface RegionAcc { enterprises: number; entitled: number; min: number; max: number; unbounded: boolean }

/**
 * The batch form, compiled once for each compiled evaluator (compiledFor keeps one per policy and
 * set of parameter values): every accumulator of a policy then calls the same function, so the
 * call in addTotals keeps one target, and repeated batches do not compile it again.
 */
const totalsCache = new WeakMap<Compiled['evaluate'], TotalsEvaluator>();

function totalsFor(compiled: Compiled): TotalsEvaluator {
  let totals = totalsCache.get(compiled.evaluate);
  if (!totals) {
    totals = compileTotals(compiled.policy, compiled.snap, compiled.validity.status === 'in_force');
    totalsCache.set(compiled.evaluate, totals);
  }
  return totals;
}

/** Accumulates one scenario's totals; `evaluate` is the compiled function, nothing is interpreted. */
export class BatchAccumulator {
  private readonly n: number;
  private readonly out: Float64Array;
  private readonly eligible: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly unbounded: Uint8Array;
  private readonly quotas: (null | { value: number; maxima: TopK; minima: TopK; unboundedCount: number })[];
  private readonly regions = new Map<string, RegionAcc>();
  private readonly slotKeys = new Array<string | undefined>(REGION_SLOTS).fill(undefined);
  private readonly slotRegions = new Array<RegionAcc | undefined>(REGION_SLOTS).fill(undefined);
  private readonly matches: Match[] = [];
  private enterprises = 0;
  private entitled = 0;

  constructor(
    readonly compiled: Compiled,
    private readonly options: { matchesLimit?: number; onMatch?: (m: Match) => void; label?: string } = {},
  ) {
    const n = compiled.policy.money.length;
    this.n = n;
    this.out = new Float64Array(3 * n);
    this.eligible = new Float64Array(n);
    this.min = new Float64Array(n);
    this.max = new Float64Array(n);
    this.unbounded = new Uint8Array(n);
    this.quotas = compiled.policy.money.map((m) => {
      if (!m.quota) return null;
      const value = compiled.snap.get(m.quota)!.value as number;
      // The smallest k minima are the largest k negated minima.
      return { value, maxima: new TopK(value), minima: new TopK(value), unboundedCount: 0 };
    });
    if (this.quotas.every((q) => q === null) && !options.onMatch && !options.matchesLimit) {
      this.totals = totalsFor(compiled);
    }
  }

  /** The batch form of the compiled policy, when only totals are wanted. */
  private readonly totals: TotalsEvaluator | undefined;
  private readonly enterprise = new Float64Array(4);

  add(facts: Facts, row: PopulationRow): void {
    // Kept small, with the two paths in methods of their own, so that the caller's loop can
    // inline it and the totals path in turn.
    if (this.totals) this.addTotals(this.totals, facts, row);
    else this.addEvaluated(facts, row);
  }

  /** No quota and no match list: nothing reads a measure's own result, so none is written. */
  private addTotals(totals: TotalsEvaluator, facts: Facts, row: PopulationRow): void {
    const e = this.enterprise;
    totals(facts, this.eligible, this.min, this.max, this.unbounded, e);
    const region = this.region(row);
    this.enterprises++;
    region.enterprises++;
    if (e[0] === 0) return;
    this.entitled++;
    region.entitled++;
    region.min += e[1]!;
    if (e[3] === 1) region.unbounded = true;
    else region.max += e[2]!;
  }

  private addEvaluated(facts: Facts, row: PopulationRow): void {
    const out = this.out;
    this.compiled.evaluate(facts, out);
    const region = this.region(row);
    this.enterprises++;
    region.enterprises++;
    let any = false;
    let matched: { id: string; clause: string; min: number; max: number | null }[] | undefined;
    const wantMatches = this.options.onMatch !== undefined || this.matches.length < (this.options.matchesLimit ?? 0);
    for (let k = 0; k < this.n; k++) {
      if (out[3 * k] !== STATUS_ELIGIBLE) continue;
      const lo = out[3 * k + 1]!, hi = out[3 * k + 2]!;
      any = true;
      this.eligible[k]!++;
      this.min[k]! += lo;
      region.min += lo;
      if (hi === UNBOUNDED) {
        this.unbounded[k] = 1;
        region.unbounded = true;
      } else {
        this.max[k]! += hi;
        region.max += hi;
      }
      const q = this.quotas[k];
      if (q) {
        if (hi === UNBOUNDED) q.unboundedCount++;
        else q.maxima.push(hi);
        q.minima.push(-lo);
      }
      if (wantMatches) {
        const m = this.compiled.policy.money[k]!;
        (matched ??= []).push({ id: m.id, clause: m.clause, min: lo, max: hi === UNBOUNDED ? null : hi });
      }
    }
    if (any) {
      this.entitled++;
      region.entitled++;
      if (matched) {
        const match: Match = { id: row.id, ...(row.name !== undefined && { name: row.name }), ...(row.region !== undefined && { region: row.region }), measures: matched };
        if (this.matches.length < (this.options.matchesLimit ?? 0)) this.matches.push(match);
        this.options.onMatch?.(match);
      }
    }
  }

  private region(row: PopulationRow): RegionAcc {
    const key = row.region ?? NO_REGION;
    // Every row's region is looked up. A Map lookup per row (a call into the runtime's hash
    // table) measured at several per cent of the batch path, and comparing with each region seen
    // so far ends on a branch the CPU cannot predict. So a few of its characters pick a slot of a
    // small open-addressing table, probed inline; the table reader hands out one string per
    // region, so the comparison is usually of two identical pointers. Any string works: two
    // regions that pick the same slot only cost a further probe.
    const n = key.length;
    let h = Math.imul(n ^ (key.charCodeAt(n - 1) << 8) ^ (key.charCodeAt(n >> 1) << 16), 0x9e3779b1);
    h = Math.imul(h ^ key.charCodeAt(n >> 2) ^ (key.charCodeAt((3 * n) >> 2) << 8), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & (REGION_SLOTS - 1);
    const keys = this.slotKeys;
    for (;;) {
      const k = keys[h];
      if (k === key) return this.slotRegions[h]!;
      if (k === undefined) return this.newRegion(key, h, row);
      h = (h + 1) & (REGION_SLOTS - 1);
    }
  }

  private newRegion(key: string, slot: number, row: PopulationRow): RegionAcc {
    if (this.regions.size >= MAX_REGIONS) {
      throw new DomainError('INVALID', `${row.field}: 名单中的地区超过 ${MAX_REGIONS} 个不同的值,请检查“地区”列`, `${row.field}.region`);
    }
    const region = { enterprises: 0, entitled: 0, min: 0, max: 0, unbounded: false };
    this.regions.set(key, region);
    this.slotKeys[slot] = key;
    this.slotRegions[slot] = region;
    return region;
  }

  report(): BatchReport {
    const { policy, snap, validity, date } = this.compiled;
    const byPayer: Record<Payer, { min: number; max: number | null }> = { city: { min: 0, max: 0 }, county: { min: 0, max: 0 }, shared: { min: 0, max: 0 } };
    const total = { min: 0, max: 0 as number | null };
    const measures: MeasureTotal[] = policy.money.map((m, k) => {
      const min = assertSafeTotal(this.min[k]!, `${m.id} 合计`);
      const max = this.unbounded[k] ? null : assertSafeTotal(this.max[k]!, `${m.id} 合计`);
      for (const acc of [byPayer[m.payer!], total]) {
        acc.min += min;
        acc.max = acc.max === null || max === null ? null : acc.max + max;
      }
      const q = this.quotas[k];
      return {
        id: m.id,
        title: m.title,
        clause: m.clause,
        payer: m.payer!,
        payerLabel: PAYER_LABEL[m.payer!],
        eligible: this.eligible[k]!,
        min,
        max,
        ...(q && {
          quota: {
            value: q.value,
            exceeded: this.eligible[k]! > q.value,
            minWithinQuota: this.eligible[k]! > q.value ? 0 - q.minima.sum() : min,
            maxWithinQuota: q.unboundedCount > 0 ? null : q.maxima.sum(),
          },
        }),
      };
    });
    assertSafeTotal(total.min, '合计');
    if (total.max !== null) assertSafeTotal(total.max, '合计');
    return {
      policy: { id: policy.id, title: policy.document.title, city: policy.city },
      label: this.options.label ?? policy.id,
      date,
      validity,
      warnings: expiryWarnings(policy, validity),
      overrides: [...snap.values()].filter((r) => r.overridden).map((r) => parameterUse(snap, r.parameter.name)),
      enterprises: this.enterprises,
      entitled: this.entitled,
      measures,
      byPayer,
      byRegion: [...this.regions]
        .map(([region, r]) => ({ region, enterprises: r.enterprises, entitled: r.entitled, min: r.min, max: r.unbounded ? null : r.max }))
        .sort((a, b) => a.region.localeCompare(b.region, 'zh')),
      total,
      ...(this.options.matchesLimit && { matches: this.matches }),
    };
  }
}

/** Re-labels an error about `facts.x` as one about this row (`rows[12].facts.x`). */
function atRow(e: unknown, row: PopulationRow): unknown {
  if (!(e instanceof DomainError) || !e.field) return e;
  const field = `${row.field}.${e.field}`;
  const message = e.message.startsWith(e.field) ? `${row.field}.${e.message}` : `${row.field}(企业 ${row.id}): ${e.message}`;
  return new DomainError(e.code, message, field, e.details);
}

export interface BatchOptions {
  readonly date: unknown;
  readonly matchesLimit?: number;
  readonly onMatch?: (m: Match) => void;
  readonly onProgress?: (rows: number) => void;
}

/** Evaluates every row under every scenario in a single pass. */
export async function runScenarios(scenarios: readonly Scenario[], rows: AsyncIterable<PopulationRow> | Iterable<PopulationRow>, opts: BatchOptions): Promise<BatchReport[]> {
  if (scenarios.length === 0) throw new Error('no scenario');
  const facts = scenarios[0]!.policy.facts;
  const accs = scenarios.map((s, i) => new BatchAccumulator(compiledFor(s.policy, opts.date, s.overrides ?? {}), {
    ...(i === 0 && opts.matchesLimit !== undefined && { matchesLimit: opts.matchesLimit }),
    ...(i === 0 && opts.onMatch && { onMatch: opts.onMatch }),
    ...(s.label !== undefined && { label: s.label }),
  }));
  let count = 0;
  const evaluateRow = (row: PopulationRow) => {
    try {
      let f: Facts;
      if (row.engineForm === undefined) f = normalizeFacts(facts, row.facts);
      else if (row.invalid) throw row.invalid;
      else if (row.engineForm === facts) f = row.facts as Facts;
      else throw new Error('population read under another fact schema than the policy’s');
      for (let i = 0; i < accs.length; i++) accs[i]!.add(f, row);
    } catch (e) {
      throw atRow(e, row);
    }
    if (++count % 100_000 === 0) opts.onProgress?.(count);
  };
  if (isBatched(rows)) {
    for await (const batch of rows.batches()) for (let i = 0; i < batch.length; i++) evaluateRow(batch[i]!);
  } else {
    for await (const row of rows) evaluateRow(row);
  }
  return accs.map((a) => a.report());
}

export async function evaluateBatch(policy: Policy, rows: AsyncIterable<PopulationRow> | Iterable<PopulationRow>, opts: BatchOptions & { overrides?: Overrides }): Promise<BatchReport> {
  const [report] = await runScenarios([{ policy, ...(opts.overrides && { overrides: opts.overrides }) }], rows, opts);
  return report!;
}

export interface Delta {
  readonly id: string;
  readonly title: string;
  readonly clause: string;
  readonly eligible: { readonly base: number; readonly scenario: number; readonly delta: number };
  readonly min: { readonly base: number; readonly scenario: number; readonly delta: number };
  readonly max: { readonly base: number | null; readonly scenario: number | null; readonly delta: number | null };
}

export interface WhatIfReport {
  readonly base: BatchReport;
  readonly scenario: BatchReport;
  readonly measures: readonly Delta[];
  readonly total: Omit<Delta, 'id' | 'title' | 'clause' | 'eligible'>;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/** The same population under the text's parameters and under overrides: budget impact per measure. */
export async function whatIf(policy: Policy, rows: AsyncIterable<PopulationRow> | Iterable<PopulationRow>, opts: BatchOptions & { overrides: Overrides }): Promise<WhatIfReport> {
  const [base, scenario] = await runScenarios([{ policy, label: WHAT_IF_BASE_LABEL }, { policy, overrides: opts.overrides, label: WHAT_IF_LABEL }], rows, opts);
  return whatIfOf(base!, scenario!);
}

export const WHAT_IF_BASE_LABEL = '现行参数';
export const WHAT_IF_LABEL = 'what-if';

/** The budget impact of a scenario against the base, measure by measure (two reports of one population). */
export function whatIfOf(base: BatchReport, scenario: BatchReport): WhatIfReport {
  const measures = base.measures.map((b, k) => {
    const s = scenario.measures[k]!;
    return {
      id: b.id,
      title: b.title,
      clause: b.clause,
      eligible: { base: b.eligible, scenario: s.eligible, delta: s.eligible - b.eligible },
      min: { base: b.min, scenario: s.min, delta: s.min - b.min },
      max: { base: b.max, scenario: s.max, delta: diff(b.max, s.max) },
    };
  });
  return {
    base,
    scenario,
    measures,
    total: {
      min: { base: base.total.min, scenario: scenario.total.min, delta: scenario.total.min - base.total.min },
      max: { base: base.total.max, scenario: scenario.total.max, delta: diff(base.total.max, scenario.total.max) },
    },
  };
}
