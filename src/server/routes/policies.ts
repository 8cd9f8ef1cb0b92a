// Policy library and entitlement engine API: the texts as data (policies, measures with their
// words and dated parameters, the fact dictionary), one evaluation with its explanation, a
// population batch (JSON, or a CSV/XLSX upload streamed through), what-if and comparison.
// Money in requests is in 元 (at most two decimals) or a string with its unit ("2500万元");
// money in responses is integer 分 (fen), with Chinese display text alongside.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { evaluateBatch, whatIf, type PopulationRow } from '../../domain/policy/batch.ts';
import { comparePolicies } from '../../domain/policy/compare.ts';
import { measureDetail } from '../../domain/policy/describe.ts';
import { evaluatePolicy, validityOn } from '../../domain/policy/evaluate.ts';
import { factSchemaJson } from '../../domain/policy/fact-schema.ts';
import { factsReadBy } from '../../domain/policy/facts-read.ts';
import { findMeasure, findPolicy } from '../../domain/policy/find.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { jsonToPopulation } from '../../domain/policy/population-table.ts';
import { parseIsoDate } from '../../domain/policy/dates.ts';
import { resolveParameters } from '../../domain/policy/parameters.ts';
import { readPopulationStream, type PopulationFormat } from '../../io/read-population.ts';
import { overLimit, uploadLimits } from '../../io/upload-limits.ts';
import type { PopulationRow as UploadedRow } from '../../domain/policy/batch.ts';
import { bodyStream, clientSignal, refuseUpload } from '../uploads.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { RouteApp } from '../context.ts';
import { errorResponses, plainInt } from '../schemas.ts';
import { XLSX_MIME } from './enterprises.ts';

export const CSV_MIME = 'text/csv';
const MAX_JSON_BATCH_BYTES = 20 * 1024 * 1024;

/** Today in China time, for the validity status shown in listings (the domain reads no clock). */

// ---- schemas --------------------------------------------------------------------------------

const fen = z.number().int().describe('金额,单位:分');
const moneyRange = z.object({ min: fen, max: fen.nullable().describe('null:文本未规定上限(如“不低于”)') }).meta({ id: 'MoneyRange' });
const payer = z.enum(['city', 'county', 'shared']).describe('city 市级, county 县级, shared 按现行财政体制分级承担');
const parameterUse = z.object({
  name: z.string(), label: z.string(), value: z.string(), from: z.string().describe('该取值的生效日期'), clause: z.string(),
  original: z.string().optional().describe('what-if 覆盖前的原文取值'),
}).meta({ id: 'ParameterUse' });
const step = z.object({ text: z.string(), clause: z.string(), parameters: z.array(parameterUse).optional() });
const failure = z.object({ fact: z.string(), actual: z.string(), requirement: z.string(), message: z.string(), clause: z.string() }).meta({ id: 'ConditionFailure' });
const validity = z.object({
  from: z.string(), to: z.string(), status: z.enum(['in_force', 'not_yet_in_force', 'expired']), message: z.string(), clause: z.string(), daysLeft: z.number().optional(),
}).meta({ id: 'Validity' });
const byPayer = z.object({ city: moneyRange, county: moneyRange, shared: moneyRange });

const measureResult = z.object({
  id: z.string(), title: z.string(), clause: z.string(), quote: z.string(), topic: z.string().optional(),
  payer, payerLabel: z.string(), frequency: z.string(),
  status: z.enum(['eligible', 'not_eligible', 'not_in_force']), eligible: z.boolean(),
  amount: moneyRange, amountText: z.string(), failures: z.array(failure),
  items: z.array(z.object({ index: z.number(), eligible: z.boolean(), amount: moneyRange, failures: z.array(failure) })).optional(),
  steps: z.array(step), quota: z.object({ value: z.number(), text: z.string() }).optional(), reading: z.string().optional(),
}).meta({ id: 'MeasureResult' });

const evaluation = z.object({
  policy: z.object({ id: z.string(), title: z.string(), city: z.string(), number: z.string().nullable() }),
  date: z.string(), validity, warnings: z.array(z.string()), overrides: z.array(parameterUse),
  measures: z.array(measureResult), eligibleCount: z.number(), total: moneyRange, totalText: z.string(), byPayer,
}).meta({ id: 'Evaluation' });

export const batchReport = z.object({
  policy: z.object({ id: z.string(), title: z.string(), city: z.string() }), label: z.string(), date: z.string(), validity,
  warnings: z.array(z.string()), overrides: z.array(parameterUse), enterprises: z.number(), entitled: z.number(),
  measures: z.array(z.object({
    id: z.string(), title: z.string(), clause: z.string(), payer, payerLabel: z.string(), eligible: z.number(), min: fen, max: fen.nullable(),
    quota: z.object({ value: z.number(), exceeded: z.boolean(), minWithinQuota: fen, maxWithinQuota: fen.nullable() }).optional(),
  })),
  byPayer,
  byRegion: z.array(z.object({ region: z.string(), enterprises: z.number(), entitled: z.number(), min: fen, max: fen.nullable() })),
  total: moneyRange,
  matches: z.array(z.object({
    id: z.string(), name: z.string().optional(), region: z.string().optional(),
    measures: z.array(z.object({ id: z.string(), clause: z.string(), min: fen, max: fen.nullable() })),
  })).optional(),
}).meta({ id: 'BatchReport' });

const delta = z.object({ base: z.number(), scenario: z.number(), delta: z.number() });
const deltaNullable = z.object({ base: fen.nullable(), scenario: fen.nullable(), delta: fen.nullable() });
export const whatIfReport = z.object({
  base: batchReport, scenario: batchReport,
  measures: z.array(z.object({ id: z.string(), title: z.string(), clause: z.string(), eligible: delta, min: delta, max: deltaNullable })),
  total: z.object({ min: delta, max: deltaNullable }),
}).meta({ id: 'WhatIfReport' });

const comparison = z.object({
  date: z.string(),
  policies: z.array(z.object({ id: z.string(), city: z.string(), title: z.string(), validity: z.string(), eligibleCount: z.number(), total: moneyRange, totalText: z.string() })),
  rows: z.array(z.object({
    topic: z.string(),
    cells: z.array(z.object({
      policyId: z.string(),
      measures: z.array(z.object({ id: z.string(), title: z.string(), clause: z.string(), eligible: z.boolean(), amount: moneyRange, amountText: z.string(), reason: z.string().optional() })),
      subtotal: moneyRange,
    })),
  })),
  results: z.array(evaluation),
}).meta({ id: 'Comparison' });

const policySummary = z.object({
  id: z.string(), city: z.string(), shortTitle: z.string(), title: z.string(), number: z.string().nullable(), issuer: z.string(),
  issueDate: z.string(), part: z.string().optional(), validity, validityClause: z.string(), validityQuote: z.string(),
  applicants: z.object({ types: z.array(z.string()), clause: z.string(), quote: z.string() }),
  measures: z.number(), withAmount: z.number(),
  facts: z.array(z.object({
    name: z.string(), fields: z.array(z.string()).optional().describe('项目集合:本政策读取的字段'),
    codes: z.array(z.string()).optional().describe('认定类事实:本政策条件中出现的代码'),
  })).describe('本政策读取的事实(事实字典的子集);未列出的事实不影响本政策的结果'),
}).meta({ id: 'PolicySummary' });

const measureDetailSchema = z.object({
  id: z.string(), title: z.string(), clause: z.string(), quote: z.string(), topic: z.string().optional(), reading: z.string().optional(),
  hasAmount: z.boolean(), applicants: z.array(z.string()), scope: z.array(z.string()), payer: z.string().optional(), frequency: z.string().optional(),
  forEach: z.string().optional(), conditions: z.array(z.string()), amount: z.string(), quota: z.string().optional(), exclusiveGroup: z.string().optional(),
  parameters: z.array(z.object({ name: z.string(), label: z.string(), clause: z.string(), words: z.string(), values: z.array(z.object({ from: z.string(), value: z.string() })) })),
}).meta({ id: 'MeasureDetail' });

const policyDetail = policySummary.extend({
  payerReading: z.string().optional(),
  measureList: z.array(measureDetailSchema),
}).meta({ id: 'PolicyDetail' });

const factSchemaItem = z.object({
  name: z.string(), label: z.string(), type: z.string(), unit: z.string().optional(), description: z.string().optional(),
  values: z.record(z.string(), z.string()).optional(), min: z.number().optional(), max: z.number().optional(),
  required: z.boolean(), default: z.unknown().optional(),
});
const factSchemaResponse = z.object({
  facts: z.array(factSchemaItem.extend({ itemLabel: z.string().optional(), fields: z.array(factSchemaItem).optional() })),
}).meta({ id: 'FactSchema' });

const overrides = z.record(z.string(), z.union([z.string(), z.number()])).describe('参数覆盖(what-if):参数名 → 取值,如 {"smart_retrofit.cap": "800万元"}');
const factsInput = z.record(z.string(), z.unknown()).describe('事实:见 GET /api/v1/policies/facts;金额以元为单位(最多两位小数)或带单位字符串');
const dateInput = z.string().describe('评估日 YYYY-MM-DD(中国时间)');
const enterpriseInput = z.object({
  id: z.union([z.string(), z.number()]), name: z.string().optional(), region: z.string().optional(), facts: factsInput,
});

const policyParams = z.object({ policyId: z.string().max(64) });
const measureParams = z.object({ policyId: z.string().max(64), measureId: z.string().max(64) });
const atQuery = z.object({ at: z.string().optional().describe('日期 YYYY-MM-DD;默认今天(列表)或施行日(参数取值)') });
export const uploadQuery = z.object({
  date: dateInput,
  override: z.union([z.string(), z.array(z.string())]).optional().describe('参数覆盖,可重复:name=value'),
  matchesLimit: plainInt('matchesLimit 须为0–10000的整数', 0, 10_000).optional(),
});

// ---- helpers --------------------------------------------------------------------------------

function summary(p: Policy, date: string) {
  return {
    id: p.id, city: p.city, shortTitle: p.shortTitle, title: p.document.title, number: p.document.number, issuer: p.document.issuer,
    issueDate: p.document.issueDate, ...(p.document.part !== undefined && { part: p.document.part }),
    validity: validityOn(p, date), validityClause: p.validity.clause, validityQuote: p.validity.quote,
    applicants: { types: [...p.applicants.types], clause: p.applicants.clause, quote: p.applicants.quote },
    measures: p.measures.length, withAmount: p.money.length, facts: factsReadBy(p),
  };
}

/** Parameter values of a date; before the policy takes effect, those it starts with. */
function snapshotOn(p: Policy, at: string | undefined) {
  const date = at === undefined ? p.validity.from : parseIsoDate(at, 'at');
  return resolveParameters(p, date);
}

export function uploadFormat(contentType: string | undefined): Exclude<PopulationFormat, 'json'> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === CSV_MIME) return 'csv';
  if (type === XLSX_MIME) return 'xlsx';
  throw invalid('content-type', `上传须为 ${CSV_MIME} 或 ${XLSX_MIME}(实际:${type || '无'})`);
}

export function overridesFromQuery(list: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of [list ?? []].flat()) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw invalid('override', `override “${item}”须写成 参数名=值`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

/**
 * The domain returns deeply readonly results; the schemas' inferred types are mutable. The
 * response serializer validates every reply against the schema at run time, so this only
 * bridges the readonly modifiers.
 */
const reply = <S extends z.ZodType>(_schema: S, value: unknown) => value as z.infer<S>;

function rowsOf(list: readonly unknown[]): Iterable<PopulationRow> {
  return jsonToPopulation(list, 'enterprises');
}

// ---- routes ---------------------------------------------------------------------------------

export async function policyRoutes(app: RouteApp) {
  const lib = () => policyLibrary();
  // Uploads reach the reader as a stream: a large population never sits in memory whole. Their
  // bounds (ZGSZ_CSV_MAX_MB, ZGSZ_UPLOAD_MAX_MB for .xlsx, rows, columns, cells) are checked as
  // they are read; Fastify's bodyLimit does not apply to a body passed on as a stream.
  app.addContentTypeParser(CSV_MIME, (_req, payload, done) => done(null, payload));
  app.addContentTypeParser(XLSX_MIME, (_req, payload, done) => done(null, payload));

  /** Evaluates the uploaded population, read within its limits and stopped when the client goes. */
  async function withUploadedRows<T>(req: FastifyRequest, res: FastifyReply, evaluate: (rows: AsyncIterable<UploadedRow>) => Promise<T>): Promise<T> {
    const format = uploadFormat(req.headers['content-type']);
    const limits = uploadLimits(app.ctx.config, format === 'xlsx' ? 'batch-xlsx' : 'batch-csv');
    const body = bodyStream(req, `${CSV_MIME} 或 ${XLSX_MIME}`);
    const signal = clientSignal(res);
    try {
      if (Number(req.headers['content-length']) > limits.bytes) throw overLimit(limits, 'bytes');
      return await evaluate(readPopulationStream(body, format, lib().facts, 'upload', { limits, signal }));
    } catch (e) {
      // Refused before the whole body was read: answer, then close (the client may still be sending).
      refuseUpload(req, res);
      throw e;
    }
  }

  app.get('/api/v1/policies', {
    config: { permission: 'policies.read' },
    schema: { tags: ['policies'], summary: '政策列表及有效期状态 (policies)', querystring: atQuery, response: { 200: z.array(policySummary), ...errorResponses } },
  }, async (req) => {
    const date = req.query.at === undefined ? app.ctx.today() : parseIsoDate(req.query.at, 'at');
    return [...lib().policies.values()].map((p) => summary(p, date));
  });

  app.get('/api/v1/policies/facts', {
    config: { permission: 'policies.read' },
    schema: { tags: ['policies'], summary: '事实字典:每个事实的名称、类型、单位与缺省含义 (fact schema)', response: { 200: factSchemaResponse, ...errorResponses } },
  }, async () => reply(factSchemaResponse, factSchemaJson(lib().facts)));

  app.get('/api/v1/policies/:policyId', {
    config: { permission: 'policies.read' },
    schema: { tags: ['policies'], summary: '政策详情与全部措施 (policy with its measures)', params: policyParams, querystring: atQuery, response: { 200: policyDetail, ...errorResponses } },
  }, async (req) => {
    const p = findPolicy(lib(), req.params.policyId, 'policyId');
    const snap = snapshotOn(p, req.query.at);
    return reply(policyDetail, {
      ...summary(p, req.query.at ?? app.ctx.today()),
      ...(p.payerReading !== undefined && { payerReading: p.payerReading }),
      measureList: p.measures.map((m) => measureDetail(p, m, snap)),
    });
  });

  app.get('/api/v1/policies/:policyId/measures/:measureId', {
    config: { permission: 'policies.read' },
    schema: { tags: ['policies'], summary: '一项措施:原文、条件、金额规则与带生效日期的参数 (one measure with its text)', params: measureParams, querystring: atQuery, response: { 200: measureDetailSchema, ...errorResponses } },
  }, async (req) => {
    const p = findPolicy(lib(), req.params.policyId, 'policyId');
    return reply(measureDetailSchema, measureDetail(p, findMeasure(p, req.params.measureId, 'measureId'), snapshotOn(p, req.query.at)));
  });

  app.post('/api/v1/policies/:policyId/evaluate', {
    config: { permission: 'policies.evaluate' },
    schema: {
      tags: ['policies'], summary: '计算一个申请主体的政策兑现,附逐步说明 (evaluate one case)', params: policyParams,
      body: z.object({ date: dateInput, facts: factsInput, overrides: overrides.optional() }),
      response: { 200: evaluation, ...errorResponses },
    },
  }, async (req) => {
    const p = findPolicy(lib(), req.params.policyId, 'policyId');
    return reply(evaluation, evaluatePolicy(p, { facts: req.body.facts, date: req.body.date, overrides: req.body.overrides ?? {} }));
  });

  app.post('/api/v1/policies/compare', {
    config: { permission: 'policies.evaluate' },
    schema: {
      tags: ['policies'], summary: '同一事实在各城市政策下并列对比 (compare policies)',
      body: z.object({
        date: dateInput, facts: factsInput,
        policies: z.array(z.string()).min(1).optional().describe('默认全部政策'),
        overrides: z.record(z.string(), overrides).optional().describe('按政策 id 给出参数覆盖'),
      }),
      response: { 200: comparison, ...errorResponses },
    },
  }, async (req) => {
    const all = lib();
    const ids = req.body.policies ?? [...all.policies.keys()];
    const policies = ids.map((id, i) => findPolicy(all, id, `policies[${i}]`));
    return reply(comparison, comparePolicies(policies, req.body.facts, req.body.date, req.body.overrides ?? {}));
  });

  const batchBody = z.object({
    date: dateInput,
    enterprises: z.array(enterpriseInput).max(100_000, 'JSON 批量最多 100000 家;更大的名单请用 CSV/XLSX 上传'),
    matchesLimit: z.number().int().min(0).max(10_000).optional().describe('返回符合条件企业名单的最大条数(免申即享)'),
  });

  app.post('/api/v1/policies/:policyId/batch', {
    config: { permission: 'policies.batch' },
    bodyLimit: MAX_JSON_BATCH_BYTES,
    schema: {
      tags: ['policies'], summary: '批量测算(免申即享匹配):按措施、地区、承担层级汇总 (batch, JSON)', params: policyParams,
      body: batchBody, response: { 200: batchReport, ...errorResponses },
    },
  }, async (req) => {
    const p = findPolicy(lib(), req.params.policyId, 'policyId');
    return reply(batchReport, await evaluateBatch(p, rowsOf(req.body.enterprises), { date: req.body.date, ...(req.body.matchesLimit !== undefined && { matchesLimit: req.body.matchesLimit }) }));
  });

  app.post('/api/v1/policies/:policyId/batch/upload', {
    config: { permission: 'policies.batch' },
    schema: {
      tags: ['policies'], summary: '批量测算:上传 CSV 或 XLSX 企业名单(列见事实字典) (batch, upload)', params: policyParams,
      querystring: uploadQuery, response: { 200: batchReport, ...errorResponses },
      consumes: [CSV_MIME, XLSX_MIME],
    },
  }, async (req, res) => {
    const p = findPolicy(lib(), req.params.policyId, 'policyId');
    const o = overridesFromQuery(req.query.override);
    const { date, matchesLimit } = req.query;
    return reply(batchReport, await withUploadedRows(req, res, (rows) => evaluateBatch(p, rows, { date, overrides: o, ...(matchesLimit !== undefined && { matchesLimit }) })));
  });

  app.post('/api/v1/policies/:policyId/what-if', {
    config: { permission: 'policies.batch' },
    bodyLimit: MAX_JSON_BATCH_BYTES,
    schema: {
      tags: ['policies'], summary: 'what-if:同一名单在参数覆盖下的预算影响,按措施给出增减 (what-if)', params: policyParams,
      body: batchBody.omit({ matchesLimit: true }).extend({ overrides }), response: { 200: whatIfReport, ...errorResponses },
    },
  }, async (req) => {
    const p = findPolicy(lib(), req.params.policyId, 'policyId');
    if (Object.keys(req.body.overrides).length === 0) throw invalid('overrides', 'what-if 至少需要一个参数覆盖');
    return reply(whatIfReport, await whatIf(p, rowsOf(req.body.enterprises), { date: req.body.date, overrides: req.body.overrides }));
  });

  app.post('/api/v1/policies/:policyId/what-if/upload', {
    config: { permission: 'policies.batch' },
    schema: {
      tags: ['policies'], summary: 'what-if:上传 CSV 或 XLSX 名单,query 中给出 override=参数名=值 (what-if, upload)', params: policyParams,
      querystring: uploadQuery.omit({ matchesLimit: true }), response: { 200: whatIfReport, ...errorResponses },
      consumes: [CSV_MIME, XLSX_MIME],
    },
  }, async (req, res) => {
    const p = findPolicy(lib(), req.params.policyId, 'policyId');
    const o = overridesFromQuery(req.query.override);
    if (Object.keys(o).length === 0) throw invalid('override', 'what-if 至少需要一个参数覆盖(override=参数名=值)');
    return reply(whatIfReport, await withUploadedRows(req, res, (rows) => whatIf(p, rows, { date: req.query.date, overrides: o })));
  });
}
