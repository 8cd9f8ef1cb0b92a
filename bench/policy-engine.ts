// Entitlement engine benchmark (`npm run bench`, or `node bin/run-ts.js bench/policy-engine.ts`).
//
// 1,000,000 deterministic generated enterprises, produced in chunks so memory stays flat, are
// evaluated against the 15 money measures of 扬府发〔2022〕20号 附件1 by
//   (a) the engine: the policy YAML compiled to one specialised JS function,
//   (b) a hand-written TypeScript function for the same measures,
//   (c) json-rules-engine and (d) @gorules/zen-engine with equivalent rules, on a deterministic
//       20,000-enterprise subsample (they are three orders of magnitude slower).
// All four must agree on every evaluated result (status, min, max of every measure); (a) and
// (b) are compared on all 1,000,000. Then both policies (Yangzhou and Suzhou) are run over the
// 1,000,000 with batch totals, as `zgsz calc --batch` does. Generation is timed separately and
// never counted as evaluation time. (e) is the fastest plain code: a hand-written function over
// flat records adding up the batch totals directly; the engine's batch path is reported as a
// ratio of it. Last, the 1,000,000-row CSV batch (policy-batch-csv.ts) runs in a process of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ZenEngine } from '@gorules/zen-engine';
import { Engine } from 'json-rules-engine';
import { BatchAccumulator, type PopulationRow } from '../src/domain/policy/batch.ts';
import { compileTotals } from '../src/domain/policy/compile-fast.ts';
import { compiledFor, evaluateNormalized } from '../src/domain/policy/evaluate.ts';
import { findPolicy } from '../src/domain/policy/find.ts';
import { policyLibrary } from '../src/io/policy-library.ts';
import { factShape, normalizeFacts } from '../src/domain/policy/normalize-facts.ts';
import { fenToYuan } from '../src/domain/policy/format.ts';
import type { Facts, FactSchema } from '../src/domain/policy/types.ts';
import { prng } from '../src/lib/prng.ts';
import { type CsvBatchFigures, ROWS, writePopulationCsv } from './policy-batch-csv.ts';

const TOTAL = 1_000_000;
const CHUNK = 50_000;
const SUBSAMPLE = 20_000;
const DATE = '2023-06-01';
const MEASURES = 15;

// ---------------------------------------------------------------------------------------------
// Deterministic population

const WAN = 1_000_000; // fen per 万元

const RECOGNITIONS = [
  'national_pilot_smart_manufacturing', 'national_pilot_industrial_internet', 'national_pilot_it_integration',
  'provincial_industrial_internet_platform', 'provincial_internet_benchmark_factory', 'provincial_smart_factory',
  'provincial_industrial_ecommerce_demo', 'provincial_smart_manufacturing_provider', 'national_smart_manufacturing_provider',
  'internet_plus_manufacturing_base', 'provincial_smart_demo_workshop', 'city_smart_demo_factory', 'city_smart_demo_workshop',
  'city_excellent_provider', 'national_app_solution', 'fiveg_typical_case', 'security_pilot_project',
];

/**
 * One enterprise in engine form (money in fen), every fact present, keys in fact-schema order —
 * the shape normalizeFacts produces, so engine and hand-written code read identical objects.
 * Thresholds are hit exactly (2000万元, 0) often enough to exercise the boundary words.
 * An enterprise with no projects (recognitions, …) holds the schema's default, the one frozen
 * empty list, as the batch's table reader (population-reader.ts) and normalizeFacts give every
 * enterprise whose file leaves the column empty — not an empty list of its own.
 */
let projectShape: (v: Record<string, unknown>) => unknown;
let productShape: typeof projectShape, softwareShape: typeof projectShape, identifierShape: typeof projectShape;
let emptyLists: [string, unknown][];

function enterprise(r: () => number, schema: FactSchema): Facts {
  const item = (name: string) => factShape(schema.facts.get(name)!.fields!);
  projectShape ??= item('projects');
  productShape ??= item('products');
  softwareShape ??= item('software');
  identifierShape ??= item('identifier_projects');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const money = (maxWan: number) => Math.floor(r() * maxWan * WAN);
  const u = r();
  const type = u < 0.94 ? 'enterprise' : u < 0.97 ? 'park' : u < 0.99 ? 'social_organisation' : 'public_institution';
  const projects = [];
  const np = r() < 0.4 ? 1 + Math.floor(r() * 3) : 0;
  for (let i = 0; i < np; i++) {
    const v = r();
    const inv = v < 0.1 ? 2000 * WAN : v < 0.15 ? 2000 * WAN - 1 : money(8000);
    const viaPlatform = r() < 0.5;
    projects.push(projectShape({ annual_investment: inv, loan_via_platform: viaPlatform, loan_amount: r() < 0.05 ? 0 : money(30000) }));
  }
  const products = [];
  if (r() < 0.06) for (let i = 0, n = 1 + Math.floor(r() * 2); i < n; i++) products.push(productShape({ first_set_level: pick(['none', 'provincial', 'national']), annual_sales: money(5000), unit_price: money(8000) }));
  const software = r() < 0.03 ? [softwareShape({ first_version_level: pick(['none', 'provincial', 'national']), total_sales: money(3000) })] : [];
  const identifier = r() < 0.01 ? [identifierShape({ breakthrough: r() < 0.7, rnd_investment: money(3000) })] : [];
  const recognitions: string[] = [];
  if (r() < 0.25) for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) recognitions.push(pick(RECOGNITIONS));
  const pl = r();
  const values: Record<string, unknown> = {
    applicant_type: type,
    independent_legal_person: r() < 0.97,
    recognitions,
    platform_level: pl < 0.88 ? 'none' : pl < 0.94 ? 'operating' : pl < 0.99 ? 'provincial' : 'national',
    platform_annual_investment: money(6000),
    platform_served_enterprises: Math.floor(r() * 1000),
    platform_connected_devices: Math.floor(r() * 100_000),
    diagnosis_chain: r() < 0.01,
    diagnosis_factory: r() < 0.05,
    diagnosis_workshop: r() < 0.1,
    diagnosis_supervised: r() < 0.5,
    iim_certificate: pick(['none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'AA', 'AAA']),
    cloud_star_level: r() < 0.8 ? 0 : 1 + Math.floor(r() * 5),
    park_digital_investment: r() < 0.1 ? 0 : money(3000),
    secondary_node_docked: r() < 0.005,
    secondary_node_operator: r() < 0.01,
    identifier_new_registrations: Math.floor(r() * 60_000_000),
    identifier_daily_resolutions: Math.floor(r() * 20_000_000),
    security_service_provider: r() < 0.01,
    security_served_enterprises: Math.floor(r() * 30),
    security_annual_revenue: money(1000),
    security_contract_amount: money(2000),
    flexible_talents: r() < 0.02 ? 1 + Math.floor(r() * 3) : 0,
    projects,
    products,
    software,
    identifier_projects: identifier,
  };
  emptyLists ??= [...schema.facts].filter(([, d]) => d.hasDefault && Array.isArray(d.defaultValue) && d.defaultValue.length === 0).map(([name, d]) => [name, d.defaultValue]);
  for (const [name, empty] of emptyLists) if ((values[name] as unknown[]).length === 0) values[name] = empty;
  return factShape(schema.facts)(values);
}

function chunk(index: number, size: number, schema: FactSchema): Facts[] {
  const r = prng(0x5eed + index * 7919);
  const list = new Array<Facts>(size);
  for (let i = 0; i < size; i++) list[i] = enterprise(r, schema);
  return list;
}

// ---------------------------------------------------------------------------------------------
// (b) Hand-written: the same 15 measures of 附件1 二, written directly the way a developer would
// (grouped by applicant type, constants inline). Same output layout as the compiled engine:
// out[3k] status (0 eligible, 1 not), out[3k+1] min fen, out[3k+2] max fen.

type Item = Record<string, number | string | boolean>;

function handWrittenYangzhou(f: Facts, out: Float64Array): void {
  for (let i = 0; i < 3 * MEASURES; i += 3) { out[i] = 1; out[i + 1] = 0; out[i + 2] = 0; }
  const type = f.applicant_type;
  if (type !== 'enterprise' && type !== 'park') return;
  let nat = 0, prov = 0, ecom = 0, provider = 0, base = 0;
  const rec = f.recognitions as string[];
  for (let i = 0; i < rec.length; i++) {
    switch (rec[i]) {
      case 'national_pilot_smart_manufacturing': case 'national_pilot_industrial_internet': case 'national_pilot_it_integration': nat++; break;
      case 'provincial_industrial_internet_platform': case 'provincial_internet_benchmark_factory': case 'provincial_smart_factory': prov++; break;
      case 'provincial_industrial_ecommerce_demo': ecom++; break;
      case 'provincial_smart_manufacturing_provider': case 'national_smart_manufacturing_provider': provider++; break;
      case 'internet_plus_manufacturing_base': base++; break;
    }
  }
  if (type === 'park') {
    // 二(七): ≤15% of the park's digital investment, ≤200万元; the 互联网+ base award ≤20万元
    const pdi = f.park_digital_investment as number;
    if (pdi > 0) { out[39] = 0; out[41] = Math.min(Math.floor((pdi * 15) / 100), 200_000_000); }
    if (base > 0) { out[42] = 0; out[44] = 20_000_000; }
    return;
  }
  // 二(一) per project: ≥2000万元, ≤13%, ≤600万元 each
  const ps = f.projects as Item[];
  for (let i = 0; i < ps.length; i++) {
    const inv = ps[i]!.annual_investment as number;
    if (inv >= 2_000_000_000) { out[0] = 0; out[2] = out[2]! + Math.min(Math.floor((inv * 13) / 100), 600_000_000); }
  }
  // 二(二) provincial or national platform, ≤13% of annual input, ≤500万元
  const pl = f.platform_level;
  if (pl === 'provincial' || pl === 'national') { out[3] = 0; out[5] = Math.min(Math.floor(((f.platform_annual_investment as number) * 13) / 100), 500_000_000); }
  // 二(三) per listed product, ≤10% of annual sales, ≤200万元 each
  const pr = f.products as Item[];
  for (let i = 0; i < pr.length; i++) {
    const l = pr[i]!.first_set_level;
    if (l === 'provincial' || l === 'national') { out[6] = 0; out[8] = out[8]! + Math.min(Math.floor(((pr[i]!.annual_sales as number) * 10) / 100), 200_000_000); }
  }
  // 二(四) fixed fees per enterprise
  const chain = f.diagnosis_chain === true, factory = f.diagnosis_factory === true, workshop = f.diagnosis_workshop === true;
  if (chain) { out[9] = 0; out[10] = out[11] = 50_000_000; }
  if (factory) { out[12] = 0; out[13] = out[14] = 20_000_000; }
  if (workshop) { out[15] = 0; out[16] = out[17] = 5_000_000; }
  if ((chain || factory || workshop) && f.diagnosis_supervised === true) { out[18] = 0; out[19] = out[20] = 500_000; }
  // 二(五) awards, 分别 per recognition where the text says so
  if (nat > 0) { out[21] = 0; out[23] = 200_000_000 * nat; }
  if (prov > 0) { out[24] = 0; out[26] = 100_000_000 * prov; }
  const iim = f.iim_certificate;
  if (iim === 'AA') { out[27] = 0; out[29] = 15_000_000; }
  else if (iim === 'AAA') { out[30] = 0; out[32] = 20_000_000; }
  if (f.cloud_star_level === 5 || ecom > 0) { out[33] = 0; out[35] = 10_000_000; }
  // 二(六)
  if (provider > 0) { out[36] = 0; out[38] = 50_000_000; }
}

// ---------------------------------------------------------------------------------------------
// (e) The fastest plain code: the same 15 measures over flat records, written the way a person
// writing only these rules for a batch total would — one column (typed array) per fact, items
// and recognitions as flat arrays with offsets, small integers for enums, and the totals (per
// measure, per region) added up directly with no per-measure record for each enterprise.

const ENT = 0, PARK = 1, OTHER_TYPE = 2;
const REC_INDEX = new Map(RECOGNITIONS.map((c, i) => [c, i]));
const LEVEL_INDEX: Record<string, number> = { none: 0, operating: 1, provincial: 2, national: 3 };
const FIRST_SET_INDEX: Record<string, number> = { none: 0, provincial: 1, national: 2 };
const IIM_INDEX: Record<string, number> = { none: 0, AA: 1, AAA: 2 };

interface FlatChunk {
  n: number;
  type: Uint8Array;
  region: Uint8Array;
  recStart: Int32Array;
  rec: Uint8Array;
  parkInvestment: Float64Array;
  platformLevel: Uint8Array;
  platformInvestment: Float64Array;
  projStart: Int32Array;
  projInvestment: Float64Array;
  prodStart: Int32Array;
  prodLevel: Uint8Array;
  prodSales: Float64Array;
  /** 1 chain, 2 factory, 4 workshop, 8 supervised. */
  diagnosis: Uint8Array;
  iim: Uint8Array;
  cloudStar: Uint8Array;
}

/** The chunk's enterprises as flat records (not timed: a flat-record program would read them so). */
function flatten(facts: readonly Facts[]): FlatChunk {
  const n = facts.length;
  let nrec = 0, nproj = 0, nprod = 0;
  for (const f of facts) { nrec += (f.recognitions as string[]).length; nproj += (f.projects as Item[]).length; nprod += (f.products as Item[]).length; }
  const c: FlatChunk = {
    n, type: new Uint8Array(n), region: new Uint8Array(n), recStart: new Int32Array(n + 1), rec: new Uint8Array(nrec),
    parkInvestment: new Float64Array(n), platformLevel: new Uint8Array(n), platformInvestment: new Float64Array(n),
    projStart: new Int32Array(n + 1), projInvestment: new Float64Array(nproj), prodStart: new Int32Array(n + 1),
    prodLevel: new Uint8Array(nprod), prodSales: new Float64Array(nprod), diagnosis: new Uint8Array(n), iim: new Uint8Array(n), cloudStar: new Uint8Array(n),
  };
  let r = 0, p = 0, q = 0;
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    c.type[i] = f.applicant_type === 'enterprise' ? ENT : f.applicant_type === 'park' ? PARK : OTHER_TYPE;
    c.region[i] = i & 7;
    c.recStart[i] = r;
    for (const code of f.recognitions as string[]) c.rec[r++] = REC_INDEX.get(code)!;
    c.parkInvestment[i] = f.park_digital_investment as number;
    c.platformLevel[i] = LEVEL_INDEX[f.platform_level as string]!;
    c.platformInvestment[i] = f.platform_annual_investment as number;
    c.projStart[i] = p;
    for (const it of f.projects as Item[]) c.projInvestment[p++] = it.annual_investment as number;
    c.prodStart[i] = q;
    for (const it of f.products as Item[]) { c.prodLevel[q] = FIRST_SET_INDEX[it.first_set_level as string]!; c.prodSales[q++] = it.annual_sales as number; }
    c.diagnosis[i] = (f.diagnosis_chain ? 1 : 0) | (f.diagnosis_factory ? 2 : 0) | (f.diagnosis_workshop ? 4 : 0) | (f.diagnosis_supervised ? 8 : 0);
    c.iim[i] = IIM_INDEX[f.iim_certificate as string]!;
    c.cloudStar[i] = f.cloud_star_level as number;
  }
  c.recStart[n] = r;
  c.projStart[n] = p;
  c.prodStart[n] = q;
  return c;
}

/** Batch totals: per measure (eligible, min, max) and per region (enterprises, entitled, min, max). */
interface FlatTotals { eligible: Float64Array; min: Float64Array; max: Float64Array; regionEnterprises: Float64Array; regionEntitled: Float64Array; regionMin: Float64Array; regionMax: Float64Array }

const flatTotals = (): FlatTotals => ({
  eligible: new Float64Array(MEASURES), min: new Float64Array(MEASURES), max: new Float64Array(MEASURES),
  regionEnterprises: new Float64Array(8), regionEntitled: new Float64Array(8), regionMin: new Float64Array(8), regionMax: new Float64Array(8),
});

// Recognition groups by index in RECOGNITIONS: 0–2 national pilots, 3–5 provincial, 6 e-commerce, 7–8 providers, 9 base.
function flatYangzhou(c: FlatChunk, from: number, to: number, t: FlatTotals): void {
  const { eligible, min, max, regionEnterprises, regionEntitled, regionMin, regionMax } = t;
  const { type: types, region: regions, recStart, rec, parkInvestment, platformLevel, platformInvestment, projStart, projInvestment, prodStart, prodLevel, prodSales, diagnosis, iim: iims, cloudStar } = c;
  for (let i = from; i < to; i++) {
    const type = types[i]!;
    const region = regions[i]!;
    regionEnterprises[region]!++;
    if (type === OTHER_TYPE) continue;
    let nat = 0, prov = 0, ecom = 0, provider = 0, base = 0;
    for (let k = recStart[i]!, end = recStart[i + 1]!; k < end; k++) {
      const code = rec[k]!;
      if (code <= 2) nat++;
      else if (code <= 5) prov++;
      else if (code === 6) ecom++;
      else if (code <= 8) provider++;
      else if (code === 9) base++;
    }
    let lo = 0, hi = 0, any = false;
    if (type === PARK) {
      const pdi = parkInvestment[i]!;
      if (pdi > 0) { const v = Math.min(Math.floor((pdi * 15) / 100), 200_000_000); eligible[13]!++; max[13]! += v; hi += v; any = true; }
      if (base > 0) { eligible[14]!++; max[14]! += 20_000_000; hi += 20_000_000; any = true; }
    } else {
      let sum = 0, hit = false;
      for (let k = projStart[i]!, end = projStart[i + 1]!; k < end; k++) {
        const inv = projInvestment[k]!;
        if (inv >= 2_000_000_000) { hit = true; sum += Math.min(Math.floor((inv * 13) / 100), 600_000_000); }
      }
      if (hit) { eligible[0]!++; max[0]! += sum; hi += sum; any = true; }
      const pl = platformLevel[i]!;
      if (pl >= 2) { const v = Math.min(Math.floor((platformInvestment[i]! * 13) / 100), 500_000_000); eligible[1]!++; max[1]! += v; hi += v; any = true; }
      sum = 0; hit = false;
      for (let k = prodStart[i]!, end = prodStart[i + 1]!; k < end; k++) {
        if (prodLevel[k]! >= 1) { hit = true; sum += Math.min(Math.floor((prodSales[k]! * 10) / 100), 200_000_000); }
      }
      if (hit) { eligible[2]!++; max[2]! += sum; hi += sum; any = true; }
      const d = diagnosis[i]!;
      if (d & 1) { eligible[3]!++; min[3]! += 50_000_000; max[3]! += 50_000_000; lo += 50_000_000; hi += 50_000_000; any = true; }
      if (d & 2) { eligible[4]!++; min[4]! += 20_000_000; max[4]! += 20_000_000; lo += 20_000_000; hi += 20_000_000; any = true; }
      if (d & 4) { eligible[5]!++; min[5]! += 5_000_000; max[5]! += 5_000_000; lo += 5_000_000; hi += 5_000_000; any = true; }
      if ((d & 7) !== 0 && (d & 8) !== 0) { eligible[6]!++; min[6]! += 500_000; max[6]! += 500_000; lo += 500_000; hi += 500_000; any = true; }
      if (nat > 0) { eligible[7]!++; max[7]! += 200_000_000 * nat; hi += 200_000_000 * nat; any = true; }
      if (prov > 0) { eligible[8]!++; max[8]! += 100_000_000 * prov; hi += 100_000_000 * prov; any = true; }
      const iim = iims[i]!;
      if (iim === 1) { eligible[9]!++; max[9]! += 15_000_000; hi += 15_000_000; any = true; }
      else if (iim === 2) { eligible[10]!++; max[10]! += 20_000_000; hi += 20_000_000; any = true; }
      if (cloudStar[i] === 5 || ecom > 0) { eligible[11]!++; max[11]! += 10_000_000; hi += 10_000_000; any = true; }
      if (provider > 0) { eligible[12]!++; max[12]! += 50_000_000; hi += 50_000_000; any = true; }
    }
    if (any) { regionEntitled[region]!++; regionMin[region]! += lo; regionMax[region]! += hi; }
  }
}

// ---------------------------------------------------------------------------------------------
// Shared description of the 15 measures for the two general rules engines: eligibility in
// each engine's own condition language, amounts from these parameters.

type AmountSpec =
  | { kind: 'items_rate'; collection: string; test: (it: Item) => boolean; field: string; num: number; den: number; cap: number }
  | { kind: 'rate'; fact: string; num: number; den: number; cap: number }
  | { kind: 'fixed'; value: number }
  | { kind: 'up_to'; value: number; eachOf?: readonly string[] };

const NATIONAL = ['national_pilot_smart_manufacturing', 'national_pilot_industrial_internet', 'national_pilot_it_integration'];
const PROVINCIAL = ['provincial_industrial_internet_platform', 'provincial_internet_benchmark_factory', 'provincial_smart_factory'];
const PROVIDERS = ['provincial_smart_manufacturing_provider', 'national_smart_manufacturing_provider'];
const LISTED = ['provincial', 'national'];

const AMOUNTS: AmountSpec[] = [
  { kind: 'items_rate', collection: 'projects', test: (it) => (it.annual_investment as number) >= 2_000_000_000, field: 'annual_investment', num: 13, den: 100, cap: 600_000_000 },
  { kind: 'rate', fact: 'platform_annual_investment', num: 13, den: 100, cap: 500_000_000 },
  { kind: 'items_rate', collection: 'products', test: (it) => LISTED.includes(it.first_set_level as string), field: 'annual_sales', num: 10, den: 100, cap: 200_000_000 },
  { kind: 'fixed', value: 50_000_000 },
  { kind: 'fixed', value: 20_000_000 },
  { kind: 'fixed', value: 5_000_000 },
  { kind: 'fixed', value: 500_000 },
  { kind: 'up_to', value: 200_000_000, eachOf: NATIONAL },
  { kind: 'up_to', value: 100_000_000, eachOf: PROVINCIAL },
  { kind: 'up_to', value: 15_000_000 },
  { kind: 'up_to', value: 20_000_000 },
  { kind: 'up_to', value: 10_000_000 },
  { kind: 'up_to', value: 50_000_000 },
  { kind: 'rate', fact: 'park_digital_investment', num: 15, den: 100, cap: 200_000_000 },
  { kind: 'up_to', value: 20_000_000 },
];

function amountOf(spec: AmountSpec, f: Facts): [number, number] {
  switch (spec.kind) {
    case 'items_rate': {
      let hi = 0;
      for (const it of f[spec.collection] as Item[]) if (spec.test(it)) hi += Math.min(Math.floor(((it[spec.field] as number) * spec.num) / spec.den), spec.cap);
      return [0, hi];
    }
    case 'rate': return [0, Math.min(Math.floor(((f[spec.fact] as number) * spec.num) / spec.den), spec.cap)];
    case 'fixed': return [spec.value, spec.value];
    case 'up_to': return [0, spec.value * (spec.eachOf ? (f.recognitions as string[]).filter((c) => spec.eachOf!.includes(c)).length : 1)];
  }
}

// (c) json-rules-engine

function jsonRulesEngine(): (f: Facts, out: Float64Array) => Promise<void> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addOperator('anyItem', (items: Item[], spec: { field: string; gte?: number; in?: string[] }) =>
    items.some((it) => (spec.gte !== undefined ? (it[spec.field] as number) >= spec.gte : spec.in!.includes(it[spec.field] as string))));
  engine.addOperator('hasAny', (codes: string[], wanted: string[]) => codes.some((c) => wanted.includes(c)));
  const isEnt = { fact: 'applicant_type', operator: 'equal', value: 'enterprise' };
  const isPark = { fact: 'applicant_type', operator: 'equal', value: 'park' };
  const is = (fact: string) => ({ fact, operator: 'equal', value: true });
  const conditions = [
    { all: [isEnt, { fact: 'projects', operator: 'anyItem', value: { field: 'annual_investment', gte: 2_000_000_000 } }] },
    { all: [isEnt, { fact: 'platform_level', operator: 'in', value: LISTED }] },
    { all: [isEnt, { fact: 'products', operator: 'anyItem', value: { field: 'first_set_level', in: LISTED } }] },
    { all: [isEnt, is('diagnosis_chain')] },
    { all: [isEnt, is('diagnosis_factory')] },
    { all: [isEnt, is('diagnosis_workshop')] },
    { all: [isEnt, { any: [is('diagnosis_chain'), is('diagnosis_factory'), is('diagnosis_workshop')] }, is('diagnosis_supervised')] },
    { all: [isEnt, { fact: 'recognitions', operator: 'hasAny', value: NATIONAL }] },
    { all: [isEnt, { fact: 'recognitions', operator: 'hasAny', value: PROVINCIAL }] },
    { all: [isEnt, { fact: 'iim_certificate', operator: 'equal', value: 'AA' }] },
    { all: [isEnt, { fact: 'iim_certificate', operator: 'equal', value: 'AAA' }] },
    { all: [isEnt, { any: [{ fact: 'cloud_star_level', operator: 'equal', value: 5 }, { fact: 'recognitions', operator: 'hasAny', value: ['provincial_industrial_ecommerce_demo'] }] }] },
    { all: [isEnt, { fact: 'recognitions', operator: 'hasAny', value: PROVIDERS }] },
    { all: [isPark, { fact: 'park_digital_investment', operator: 'greaterThan', value: 0 }] },
    { all: [isPark, { fact: 'recognitions', operator: 'hasAny', value: ['internet_plus_manufacturing_base'] }] },
  ];
  conditions.forEach((c, k) => engine.addRule({ name: `m${k}`, conditions: c, event: { type: 'eligible', params: { k } } }));
  return async (f, out) => {
    for (let k = 0; k < MEASURES; k++) { out[3 * k] = 1; out[3 * k + 1] = 0; out[3 * k + 2] = 0; }
    const { events } = await engine.run(f as Record<string, unknown>);
    for (const e of events) {
      const k = (e.params as { k: number }).k;
      const [lo, hi] = amountOf(AMOUNTS[k]!, f);
      out[3 * k] = 0; out[3 * k + 1] = lo; out[3 * k + 2] = hi;
    }
  };
}

// (d) GoRules ZEN: one expression node computing status, min and max of every measure.

function zenEngine(): { evaluate: (f: Facts) => Promise<Record<string, number>>; dispose: () => void } {
  const list = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const ent = 'applicant_type == "enterprise"';
  const park = 'applicant_type == "park"';
  const count = (xs: readonly string[]) => `len(filter(recognitions, # in ${list(xs)}))`;
  const measures: [ok: string, lo: string, hi: string][] = [
    [`${ent} and some(projects, #.annual_investment >= 2000000000)`, '0', 'sum(map(filter(projects, #.annual_investment >= 2000000000), min([floor(#.annual_investment * 13 / 100), 600000000])))'],
    [`${ent} and platform_level in ${list(LISTED)}`, '0', 'min([floor(platform_annual_investment * 13 / 100), 500000000])'],
    [`${ent} and some(products, #.first_set_level in ${list(LISTED)})`, '0', `sum(map(filter(products, #.first_set_level in ${list(LISTED)}), min([floor(#.annual_sales * 10 / 100), 200000000])))`],
    [`${ent} and diagnosis_chain`, '50000000', '50000000'],
    [`${ent} and diagnosis_factory`, '20000000', '20000000'],
    [`${ent} and diagnosis_workshop`, '5000000', '5000000'],
    [`${ent} and (diagnosis_chain or diagnosis_factory or diagnosis_workshop) and diagnosis_supervised`, '500000', '500000'],
    [`${ent} and ${count(NATIONAL)} >= 1`, '0', `200000000 * ${count(NATIONAL)}`],
    [`${ent} and ${count(PROVINCIAL)} >= 1`, '0', `100000000 * ${count(PROVINCIAL)}`],
    [`${ent} and iim_certificate == "AA"`, '0', '15000000'],
    [`${ent} and iim_certificate == "AAA"`, '0', '20000000'],
    [`${ent} and (cloud_star_level == 5 or ${count(['provincial_industrial_ecommerce_demo'])} >= 1)`, '0', '10000000'],
    [`${ent} and ${count(PROVIDERS)} >= 1`, '0', '50000000'],
    [`${park} and park_digital_investment > 0`, '0', 'min([floor(park_digital_investment * 15 / 100), 200000000])'],
    [`${park} and ${count(['internet_plus_manufacturing_base'])} >= 1`, '0', '20000000'],
  ];
  const expressions = measures.flatMap(([ok, lo, hi], k) => [
    { id: `s${k}`, key: `s${k}`, value: `(${ok}) ? 0 : 1` },
    { id: `lo${k}`, key: `lo${k}`, value: `$.s${k} == 0 ? ${lo} : 0` },
    { id: `hi${k}`, key: `hi${k}`, value: `$.s${k} == 0 ? ${hi} : 0` },
  ]);
  const jdm = {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      { id: 'yz', type: 'expressionNode', name: '扬府发〔2022〕20号 附件1', position: { x: 200, y: 0 }, content: { expressions } },
      { id: 'out', type: 'outputNode', name: 'Response', position: { x: 400, y: 0 } },
    ],
    edges: [{ id: 'e1', sourceId: 'in', targetId: 'yz', type: 'edge' }, { id: 'e2', sourceId: 'yz', targetId: 'out', type: 'edge' }],
  };
  const engine = new ZenEngine();
  const decision = engine.createDecision(jdm);
  return { evaluate: async (f) => (await decision.evaluate(f)).result as Record<string, number>, dispose: () => engine.dispose() };
}

// ---------------------------------------------------------------------------------------------

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;

function sameResult(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** The same enterprise as a caller would send it: money in 元 (exact decimal strings). */
function asInput(f: Facts, schema: FactSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, def] of schema.facts) {
    const v = f[name];
    if (def.type === 'money') out[name] = `${fenToYuan(v as number)}元`;
    else if (def.type === 'collection') {
      out[name] = (v as Item[]).map((it) => Object.fromEntries(Object.entries(it).map(([k, x]) => [k, def.fields!.get(k)!.type === 'money' ? `${fenToYuan(x as number)}元` : x])));
    } else out[name] = v;
  }
  return out;
}

export async function run(): Promise<void> {
  const lib = policyLibrary();
  const yangzhou = findPolicy(lib, 'yangzhou-2022-20');
  const suzhou = findPolicy(lib, 'suzhou-2020');
  const engine = compiledFor(yangzhou, DATE);
  if (yangzhou.money.length !== MEASURES) throw new Error(`expected ${MEASURES} Yangzhou measures, found ${yangzhou.money.length}`);
  const evaluate = engine.evaluate;
  const outA = new Float64Array(3 * MEASURES), outB = new Float64Array(3 * MEASURES);

  console.log(`\n== 政策引擎 (policy engine): ${TOTAL.toLocaleString('en')} 家企业, 扬府发〔2022〕20号 附件1 ${MEASURES} 项有金额措施, 评估日 ${DATE} ==`);
  const rssStart = process.memoryUsage().rss;

  // Warm-up on a separate chunk so both functions are optimised before timing.
  const warm = chunk(-1, 20_000, lib.facts);
  for (let rep = 0; rep < 5; rep++) for (const f of warm) { evaluate(f, outA); handWrittenYangzhou(f, outB); }
  // The explaining evaluator double-checks the compiled one on part of the population.
  for (const f of warm.slice(0, 5_000)) evaluateNormalized(engine, f);

  // Both policies with batch totals by measure, region and payer, as `zgsz calc --batch` does.
  const regions = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling', 'yz-etdz', 'yz-eco'];
  const rows: PopulationRow[] = regions.map((region, i) => ({ id: String(i), region, facts: null, field: `rows[${i}]` }));
  const accYz = new BatchAccumulator(compiledFor(yangzhou, DATE));
  const accSz = new BatchAccumulator(compiledFor(suzhou, DATE));
  // The engine's batch path for Yangzhou alone, against (e) on the same enterprises.
  const accBatch = new BatchAccumulator(compiledFor(yangzhou, DATE));
  const flatAll = flatTotals(), flatOne = flatTotals();
  const totalsYz = compileTotals(yangzhou, engine.snap, true);
  const one = { eligible: new Float64Array(MEASURES), min: new Float64Array(MEASURES), max: new Float64Array(MEASURES), unbounded: new Uint8Array(MEASURES), enterprise: new Float64Array(4) };
  {
    const w = flatten(warm);
    const acc = new BatchAccumulator(compiledFor(yangzhou, DATE)), t0 = flatTotals();
    for (let rep = 0; rep < 5; rep++) { flatYangzhou(w, 0, w.n, t0); for (let i = 0; i < warm.length; i++) acc.add(warm[i]!, rows[i & 7]!); }
  }

  let genMs = 0, engineMs = 0, handMs = 0, bothMs = 0, checked = 0, eligible = 0, flatMs = 0, batchMs = 0;
  const chunkRatios: number[] = [];
  const rssSamples: number[] = [];
  for (let c = 0; c < TOTAL / CHUNK; c++) {
    let t = performance.now();
    const facts = chunk(c, CHUNK, lib.facts);
    genMs += performance.now() - t;
    // Alternate the order so neither side benefits systematically from cache or GC timing.
    for (const side of c % 2 ? ['hand', 'engine'] : ['engine', 'hand']) {
      t = performance.now();
      if (side === 'engine') for (let i = 0; i < facts.length; i++) evaluate(facts[i]!, outA);
      else for (let i = 0; i < facts.length; i++) handWrittenYangzhou(facts[i]!, outB);
      if (side === 'engine') engineMs += performance.now() - t;
      else handMs += performance.now() - t;
    }
    t = performance.now();
    const flat = flatten(facts);
    genMs += performance.now() - t;
    let chunkFlat = 0, chunkBatch = 0;
    for (const side of c % 2 ? ['flat', 'batch'] : ['batch', 'flat']) {
      t = performance.now();
      if (side === 'flat') flatYangzhou(flat, 0, flat.n, flatAll);
      else for (let i = 0; i < facts.length; i++) accBatch.add(facts[i]!, rows[i & 7]!);
      if (side === 'flat') chunkFlat = performance.now() - t;
      else chunkBatch = performance.now() - t;
    }
    flatMs += chunkFlat;
    batchMs += chunkBatch;
    chunkRatios.push(chunkFlat / chunkBatch);
    for (let i = 0; i < facts.length; i++) {
      evaluate(facts[i]!, outA);
      handWrittenYangzhou(facts[i]!, outB);
      // (e) and the engine's batch form on this one enterprise: their totals are its result.
      flatOne.eligible.fill(0); flatOne.min.fill(0); flatOne.max.fill(0);
      flatOne.regionEntitled.fill(0); flatOne.regionMin.fill(0); flatOne.regionMax.fill(0);
      flatYangzhou(flat, i, i + 1, flatOne);
      one.eligible.fill(0); one.min.fill(0); one.max.fill(0); one.unbounded.fill(0);
      totalsYz(facts[i]!, one.eligible, one.min, one.max, one.unbounded, one.enterprise);
      let anyOk = 0, sumLo = 0, sumHi = 0;
      for (let k = 0; k < MEASURES; k++) {
        const ok = outA[3 * k] === 0;
        if (ok) { anyOk = 1; sumLo += outA[3 * k + 1]!; sumHi += outA[3 * k + 2]!; }
        for (const [name, t] of [['flat-record function', flatOne], ['batch form', one]] as const) {
          if (t.eligible[k] !== (ok ? 1 : 0) || (ok && (t.min[k] !== outA[3 * k + 1] || t.max[k] !== outA[3 * k + 2]))) {
            throw new Error(`engine and ${name} differ: chunk ${c} enterprise ${i} measure ${yangzhou.money[k]!.id}: ${outA.slice(3 * k, 3 * k + 3).join(',')} vs ${t.eligible[k]},${t.min[k]},${t.max[k]}`);
          }
        }
      }
      // The enterprise's own total (what the region totals add up) agrees too, in both forms.
      const r = i & 7, e = one.enterprise;
      if (e[0] !== anyOk || e[1] !== sumLo || e[2] !== sumHi || e[3] !== 0 || one.unbounded.some((x) => x !== 0)
        || flatOne.regionEntitled[r] !== anyOk || flatOne.regionMin[r] !== sumLo || flatOne.regionMax[r] !== sumHi) {
        throw new Error(`enterprise total differs: chunk ${c} enterprise ${i}: engine ${anyOk},${sumLo},${sumHi}; batch form ${e.join(',')}; flat ${flatOne.regionEntitled[r]},${flatOne.regionMin[r]},${flatOne.regionMax[r]}`);
      }
      const d = sameResult(outA, outB);
      if (d >= 0) {
        const k = Math.floor(d / 3);
        throw new Error(`engine and hand-written differ: chunk ${c} enterprise ${i} measure ${yangzhou.money[k]!.id}: ${outA.slice(3 * k, 3 * k + 3).join(',')} vs ${outB.slice(3 * k, 3 * k + 3).join(',')}`);
      }
      for (let k = 0; k < MEASURES; k++) if (outA[3 * k] === 0) eligible++;
      checked++;
    }
    t = performance.now();
    for (let i = 0; i < facts.length; i++) {
      const row = rows[i & 7]!;
      accYz.add(facts[i]!, row);
      accSz.add(facts[i]!, row);
    }
    bothMs += performance.now() - t;
    rssSamples.push(process.memoryUsage().rss);
  }
  console.log(`生成数据 ${(genMs / 1000).toFixed(2)} s(不计入评估时间);引擎与手写函数在全部 ${checked.toLocaleString('en')} 家上逐项结果一致(${eligible.toLocaleString('en')} 项符合)`);
  console.log(`(a) 引擎(编译为专用函数) ${(engineMs / 1000).toFixed(3)} s  ${rate(TOTAL, engineMs)}`);
  console.log(`(b) 手写 TypeScript 函数   ${(handMs / 1000).toFixed(3)} s  ${rate(TOTAL, handMs)}`);
  console.log(`    引擎 / 手写 耗时比 = ${(engineMs / handMs).toFixed(2)}×(目标 ≤ 2×)`);

  // (c), (d) on a deterministic subsample.
  const sample = chunk(1_000_003, SUBSAMPLE, lib.facts);
  const jre = jsonRulesEngine();
  const zen = zenEngine();
  for (const f of sample.slice(0, 500)) { await jre(f, outB); await zen.evaluate(f); }

  let t = performance.now();
  for (const f of sample) await jre(f, outB);
  const jreMs = performance.now() - t;

  // ZEN's evaluate is asynchronous (native); let it pipeline a batch of 64 at a time, its best case.
  t = performance.now();
  const zenResults: Record<string, number>[] = new Array(SUBSAMPLE);
  for (let i = 0; i < SUBSAMPLE; i += 64) {
    const part = await Promise.all(sample.slice(i, i + 64).map((f) => zen.evaluate(f)));
    part.forEach((r, j) => (zenResults[i + j] = r));
  }
  const zenMs = performance.now() - t;

  t = performance.now();
  for (let rep = 0; rep < 10; rep++) for (const f of sample) evaluate(f, outA);
  const engineSampleMs = (performance.now() - t) / 10;

  // All four must agree on every evaluated result.
  const outC = new Float64Array(3 * MEASURES), outD = new Float64Array(3 * MEASURES);
  for (let i = 0; i < SUBSAMPLE; i++) {
    const f = sample[i]!;
    evaluate(f, outA);
    handWrittenYangzhou(f, outB);
    await jre(f, outC);
    const z = zenResults[i]!;
    for (let k = 0; k < MEASURES; k++) { outD[3 * k] = Number(z[`s${k}`]); outD[3 * k + 1] = Number(z[`lo${k}`]); outD[3 * k + 2] = Number(z[`hi${k}`]); }
    for (const [name, other] of [['手写', outB], ['json-rules-engine', outC], ['ZEN', outD]] as const) {
      const d = sameResult(outA, other);
      if (d >= 0) throw new Error(`engine and ${name} differ on subsample enterprise ${i}, measure ${yangzhou.money[Math.floor(d / 3)]!.id}: ${outA[d]} vs ${other[d]}`);
    }
  }
  zen.dispose();

  // Validating caller input (元 strings → fen, enums, required facts) is the other cost of a batch.
  const inputs = sample.map((f) => asInput(f, lib.facts));
  t = performance.now();
  for (const raw of inputs) normalizeFacts(lib.facts, raw);
  const normMs = performance.now() - t;

  console.log(`\n子样本 ${SUBSAMPLE.toLocaleString('en')} 家(确定性),四种实现逐项结果一致:`);
  console.log(`(a) 引擎                 ${rate(SUBSAMPLE, engineSampleMs)}`);
  console.log(`(c) json-rules-engine    ${rate(SUBSAMPLE, jreMs)}   引擎快 ${Math.round(jreMs / engineSampleMs).toLocaleString('en')}×`);
  console.log(`(d) GoRules ZEN          ${rate(SUBSAMPLE, zenMs)}   引擎快 ${Math.round(zenMs / engineSampleMs).toLocaleString('en')}×(目标 ≥ 10×;ZEN 以每批 64 个并发评估)`);
  console.log(`    输入校验(元→分、取值、必填;批量导入时每家一次) ${rate(SUBSAMPLE, normMs)}`);

  const yz = accYz.report(), sz = accSz.report();
  console.log(`\n两个政策 × ${TOTAL.toLocaleString('en')} 家(含按措施、地区、承担层级汇总):${(bothMs / 1000).toFixed(3)} s,${rate(2 * TOTAL, bothMs)} 次政策评估`);
  console.log(`  扬州 ${yz.entitled.toLocaleString('en')} 家至少符合一项;苏州 ${sz.entitled.toLocaleString('en')} 家`);

  // (e) against the engine's batch path: the same totals, and the same result on every enterprise (checked above).
  const yb = accBatch.report();
  yb.measures.forEach((m, k) => {
    if (m.eligible !== flatAll.eligible[k] || m.min !== flatAll.min[k] || m.max !== flatAll.max[k]) throw new Error(`batch totals differ from the flat-record function: ${m.id}`);
  });
  regions.forEach((region, r) => {
    const x = yb.byRegion.find((b) => b.region === region)!;
    if (x.enterprises !== flatAll.regionEnterprises[r] || x.entitled !== flatAll.regionEntitled[r] || x.min !== flatAll.regionMin[r] || x.max !== flatAll.regionMax[r]) throw new Error(`region totals differ from the flat-record function: ${region}`);
  });
  console.log(`\n扁平记录 (flat records):手写函数直接累加合计;它与引擎的批量形式(不写每项措施的结果,直接累加)在全部 ${TOTAL.toLocaleString('en')} 家上与引擎逐项一致,按措施与地区的合计一致`);
  console.log(`(e) 扁平记录手写函数(扬州,批量合计)     ${(flatMs / 1000).toFixed(3)} s  ${rate(TOTAL, flatMs)}`);
  console.log(`    引擎批量路径(扬州,BatchAccumulator,批量形式)${(batchMs / 1000).toFixed(3)} s  ${rate(TOTAL, batchMs)}`);
  // On a busy machine one preempted chunk moves the ratio of sums; the median of the 20 per-chunk
  // ratios (both sides timed back to back on the same chunk) is shown beside it for that reason.
  const median = chunkRatios.sort((a, b) => a - b)[chunkRatios.length >> 1]! / 2 + chunkRatios[(chunkRatios.length - 1) >> 1]! / 2;
  console.log(`    引擎批量路径 / 扁平记录函数 速度比 = ${(flatMs / batchMs).toFixed(2)}×(逐批中位数 ${median.toFixed(2)}×;目标 ≥ 0.5×;上文 引擎 / 手写(同一事实对象)耗时比 ${(engineMs / handMs).toFixed(2)}×;负载 ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);

  const maxRss = process.resourceUsage().maxRSS * 1024;
  const at = (n: number) => mb(rssSamples[n / CHUNK - 1]!);
  console.log(`\n内存:启动 ${mb(rssStart)};RSS 于 10万/50万/100万 家后 ${at(100_000)}/${at(500_000)}/${at(1_000_000)}(数据按 ${CHUNK.toLocaleString('en')} 家一批生成、评估、释放,不随总量增长);峰值 RSS ${mb(maxRss)}`);

  await csvBatch();
}

/**
 * The 1,000,000-row CSV batch as `zgsz calc --batch` and POST …/batch/upload read it: both
 * policies in one pass over a file on disk, in a process of its own so its peak RSS is its own.
 */
async function csvBatch(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zgsz-batch-csv-'));
  try {
    const file = join(dir, 'population.csv');
    await writePopulationCsv(file);
    const child = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/policy-batch-csv.ts', file], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`CSV batch failed: ${child.stderr}`);
    const f = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CsvBatchFigures;
    if (f.enterprises !== ROWS) throw new Error(`CSV batch read ${f.enterprises} enterprises, expected ${ROWS}`);
    console.log(`\n${ROWS.toLocaleString('en')} 行 CSV 批量匹配(两个政策一次读完,${(statSync(file).size / 1048576).toFixed(0)} MB,独立进程)(1M-row CSV batch, both policies):`);
    console.log(`    用时 ${(f.ms / 1000).toFixed(2)} s(目标 ≤ 3 s;其中 CPU ${(f.cpuMs / 1000).toFixed(2)} s),峰值 RSS ${mb(f.maxRssBytes)}(目标 ≤ 300 MB);负载 ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`    扬州 ${f.entitled[0].toLocaleString('en')} 家、苏州 ${f.entitled[1].toLocaleString('en')} 家至少符合一项`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
