// The policy model after loading and checking: what the compiler, the explainer and the
// interfaces work from. Raw YAML shapes live in policy-schema.ts; this is the resolved form
// (fact references checked, parameter names resolved, boundary words turned into operators).

/** An exact non-negative rational; rates such as 13% are 13/100. */
export interface Rate {
  readonly num: number;
  readonly den: number;
}

export type FactType = 'money' | 'count' | 'level' | 'boolean' | 'enum' | 'codes' | 'collection';

export interface FactDef {
  readonly name: string;
  readonly label: string;
  readonly type: FactType;
  readonly unit?: string;
  readonly description?: string;
  /** Enum / codes: code → Chinese label, in declaration order. */
  readonly values?: ReadonlyMap<string, string>;
  readonly min?: number;
  readonly max?: number;
  /** Present when leaving the fact out has a documented meaning. */
  readonly hasDefault: boolean;
  readonly defaultValue?: unknown;
  /** Collections: their item fields. */
  readonly fields?: ReadonlyMap<string, FactDef>;
  readonly itemLabel?: string;
}

export interface FactSchema {
  readonly facts: ReadonlyMap<string, FactDef>;
  readonly file: string;
}

export type ParameterType = 'money' | 'rate' | 'count';

export interface ParameterValue {
  /** First day this value applies (inclusive), YYYY-MM-DD. */
  readonly from: string;
  /** Money in fen, counts as integers, rates as exact rationals. */
  readonly value: number | Rate;
  /** The value as written, e.g. "600万元", "13%". */
  readonly text: string;
}

export interface Parameter {
  readonly name: string;
  readonly label: string;
  readonly type: ParameterType;
  readonly unit?: string;
  readonly clause: string;
  readonly words: string;
  /** Sorted by `from`. */
  readonly values: readonly ParameterValue[];
}

/** A parameter value as used on one date, possibly overridden for a what-if. */
export interface ResolvedParameter {
  readonly parameter: Parameter;
  readonly value: number | Rate;
  readonly text: string;
  readonly from: string;
  readonly overridden?: { readonly originalText: string };
}

export type ParameterSnapshot = ReadonlyMap<string, ResolvedParameter>;

/** Comparison operators; every threshold condition comes from a boundary word. */
export type Operator = '>=' | '>' | '<=' | '<';

/** A threshold is either a named parameter or a literal the text implies (贷款额 超过 0). */
export type Threshold = { readonly kind: 'param'; readonly name: string } | { readonly kind: 'literal'; readonly value: number; readonly text: string };

/** Where a fact is read: the applicant, or the current item of the measure's collection. */
export interface FactRef {
  readonly path: string;
  readonly def: FactDef;
  readonly collection?: string;
  readonly field?: string;
}

export type Condition =
  | { readonly kind: 'compare'; readonly fact: FactRef; readonly word: string; readonly op: Operator; readonly threshold: Threshold; readonly place: string }
  | { readonly kind: 'in'; readonly fact: FactRef; readonly values: readonly string[]; readonly text?: string; readonly place: string }
  | { readonly kind: 'equals'; readonly fact: FactRef; readonly value: string | number; readonly place: string }
  | { readonly kind: 'is'; readonly fact: FactRef; readonly value: boolean; readonly place: string }
  | { readonly kind: 'recognitions'; readonly codes: readonly string[]; readonly place: string }
  | { readonly kind: 'any'; readonly conditions: readonly Condition[]; readonly place: string };

export type CapScope = 'per_item' | 'per_enterprise' | 'per_enterprise_year';

export interface Cap {
  readonly param: string;
  readonly scope: CapScope;
}

/**
 * How the amount is computed, in this order (documented in README and relied on by tests):
 * 1. per unit: fixed [v,v], up_to [0,v], or base × rate (rate_min..rate_max; a missing
 *    rate_min means 0, a missing rate_max means no upper bound);
 * 2. × count when the text says 分别 / 单个 (each);
 * 3. floor (不低于) raises both ends, then per-item caps (最高) lower both ends;
 * 4. items are summed; 5. per-enterprise(-year) caps lower both ends of the sum.
 * Lower bounds round up to the fen and upper bounds round down, so every whole-fen amount in
 * [min, max] satisfies the text; an exact rate (按……的1%) rounds down.
 */
export type AmountRule =
  | { readonly kind: 'fixed'; readonly value: string; readonly each?: EachSpec }
  | { readonly kind: 'up_to'; readonly value: string; readonly each?: EachSpec }
  | {
      readonly kind: 'rate';
      readonly base: FactRef;
      readonly rateMin?: string;
      readonly rateMax?: string;
      /** 按……的X% with neither 不高于 nor 不低于. */
      readonly exact: boolean;
      readonly floor?: string;
      readonly caps: readonly Cap[];
    };

/** 分别: multiply by the number of matching recognitions, or by a count fact. */
export type EachSpec = { readonly kind: 'recognitions' } | { readonly kind: 'fact'; readonly fact: FactRef };

export type Payer = 'city' | 'county' | 'shared';
export type Frequency = 'one_time' | 'yearly';

export interface Measure {
  readonly id: string;
  readonly index: number;
  readonly title: string;
  readonly topic?: string;
  readonly clause: string;
  readonly quote: string;
  readonly reading?: string;
  readonly applicantTypes: readonly string[];
  readonly payer?: Payer;
  readonly frequency?: Frequency;
  readonly forEach?: string;
  readonly conditions: readonly Condition[];
  /** Absent for measures recorded for completeness (no computable amount). */
  readonly amount?: AmountRule;
  readonly quota?: string;
  readonly exclusiveGroup?: string;
  /** `file#measures[i]`, for error messages. */
  readonly place: string;
}

export interface PolicyDocument {
  readonly title: string;
  readonly number: string | null;
  readonly issuer: string;
  readonly issueDate: string;
  readonly part?: string;
}

export interface Policy {
  readonly id: string;
  readonly city: string;
  readonly shortTitle: string;
  readonly dir: string;
  readonly document: PolicyDocument;
  readonly validity: { readonly from: string; readonly to: string; readonly clause: string; readonly quote: string; readonly reading?: string };
  readonly applicants: { readonly types: readonly string[]; readonly clause: string; readonly quote: string; readonly conditions: readonly Condition[] };
  readonly payerReading?: string;
  readonly expiryWarningDays: number;
  readonly parameters: ReadonlyMap<string, Parameter>;
  /** All measures, in file order. */
  readonly measures: readonly Measure[];
  /** Measures with an amount, the ones the engine evaluates; `index` is their position here. */
  readonly money: readonly Measure[];
  readonly facts: FactSchema;
  readonly sourceText?: string;
}

export interface PolicyLibrary {
  readonly facts: FactSchema;
  readonly policies: ReadonlyMap<string, Policy>;
}

/** Facts after validation: money in fen, every declared fact present (undefined = not given). */
export type FactValue = number | boolean | string | readonly string[] | readonly FactItem[] | undefined;
export type FactItem = Readonly<Record<string, number | boolean | string | undefined>>;
export type Facts = Readonly<Record<string, FactValue>>;

export const PAYER_LABEL: Record<Payer, string> = { city: '市级', county: '县级', shared: '分级承担' };
export const FREQUENCY_LABEL: Record<Frequency, string> = { one_time: '一次性', yearly: '按年' };
