// 附件2 assessment API: targets (incl. Excel import/export in the text's table layout), progress
// records, coverage summaries, 五个一 items, activities, bonus/deduction events, the readings,
// score sheets, monthly tracking, forecasts and quarterly bulletins (JSON, Excel, print HTML).
// Region officers record and read their own region (use cases apply the scope); the city sees all.
import { z } from 'zod';
import type { Actor } from '../../domain/actor.ts';
import { ACTIVITY_TYPES, BONUS_KINDS, COUNT_CATEGORIES, EVIDENCE_KINDS, LEVELS } from '../../domain/scoring/index.ts';
import { renderBulletinHtml } from '../../reports/assessment/bulletin-html.ts';
import { bulletinWorkbookBuffer } from '../../reports/assessment/bulletin-workbook.ts';
import { presentBulletin, presentForecast, presentTracking } from '../../reports/assessment/presenters.ts';
import { scoreWorkbookBuffer } from '../../reports/assessment/score-sheet-workbook.ts';
import { trackingWorkbookBuffer } from '../../reports/assessment/tracking-workbook.ts';
import { deleteRecord } from '../../use-cases/assessment/delete-record.ts';
import { exportTargets } from '../../use-cases/assessment/export-targets.ts';
import { forecastYearEnd } from '../../use-cases/assessment/forecast-year-end.ts';
import { getTargets } from '../../use-cases/assessment/get-targets.ts';
import { importTargets } from '../../use-cases/assessment/import-targets.ts';
import { listActivities } from '../../use-cases/assessment/list-activities.ts';
import { listCoverage } from '../../use-cases/assessment/list-coverage.ts';
import { listEvents } from '../../use-cases/assessment/list-events.ts';
import { listWorkItems } from '../../use-cases/assessment/list-work-items.ts';
import { listProjects } from '../../use-cases/assessment/list-projects.ts';
import { monthlyTracking } from '../../use-cases/assessment/monthly-tracking.ts';
import { quarterlyBulletin } from '../../use-cases/assessment/quarterly-bulletin.ts';
import { recordActivity } from '../../use-cases/assessment/record-activity.ts';
import { recordCoverage } from '../../use-cases/assessment/record-coverage.ts';
import { recordEvent } from '../../use-cases/assessment/record-event.ts';
import { recordProject } from '../../use-cases/assessment/record-project.ts';
import { scoreSheetJson, scoreYear } from '../../use-cases/assessment/score-year.ts';
import { getScoringSettings, setScoringSettings } from '../../use-cases/assessment/scoring-settings.ts';
import { recordExport } from '../../use-cases/audit/record-export.ts';
import { setTargets } from '../../use-cases/assessment/set-targets.ts';
import { setWorkItem } from '../../use-cases/assessment/set-work-item.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses, plainInt } from '../schemas.ts';
import { XLSX_MIME } from './enterprises.ts';
import { uploadLimits } from '../../io/upload-limits.ts';
import { clientSignal, uploadBody } from '../uploads.ts';


// ---- request schemas (the use cases validate bodies again with the domain schemas, so the CLI
// and the API refuse the same things; these describe them for OpenAPI) ----
const yearParam = plainInt('年度须为2000–2100之间的四位数字', 2000, 2100);
export const yearParams = z.object({ year: yearParam });
const idParams = z.object({ id: z.string().max(64) });
const monthQuery = plainInt('month 须为1–12', 1, 12);
const methodQuery = z.enum(['run-rate', 'recent-trend'], { error: 'method 须为 run-rate 或 recent-trend' }).default('run-rate');
const regionFilter = z.object({ regionId: z.string().max(50).optional() });

const evidence = z.object({ kind: z.enum(EVIDENCE_KINDS), title: z.string(), reference: z.string().optional() }).meta({ id: 'AssessmentEvidence' });
const anyBody = z.record(z.string(), z.unknown()).describe('见 src/domain/scoring/record-input.ts 的字段说明');

// ---- response schemas ----
const targetRow = z.object({
  regionId: z.string(), regionName: z.string(), retrofit: z.number(), cloud: z.number(), portrait: z.number(), benchmark: z.number(),
  coverageBasisPoints: z.number(), coveragePercent: z.number(),
});
const targetsSchema = z.object({ year: z.number(), source: z.enum(['database', 'built-in']), reference: z.string().nullable(), regions: z.array(targetRow) }).meta({ id: 'AssessmentTargets' });
const projectSchema = z.object({
  id: z.string(), year: z.number(), regionId: z.string(), category: z.enum(COUNT_CATEGORIES), title: z.string(), enterpriseName: z.string(),
  enterpriseId: z.string().nullable(), countedOn: z.string(), subsidyLevel: z.string().nullable(), evidence: z.array(evidence),
}).meta({ id: 'AssessmentProject' });
const coverageSchema = z.object({ year: z.number(), regionId: z.string(), month: z.number(), covered: z.number(), total: z.number(), evidence: z.array(evidence) });
const workItemSchema = z.object({
  year: z.number(), regionId: z.string(), item: z.string(), done: z.boolean(), completedOn: z.string().nullable(), note: z.string().nullable(), evidence: z.array(evidence),
});
const activitySchema = z.object({
  id: z.string(), year: z.number(), regionId: z.string(), date: z.string(), type: z.enum(ACTIVITY_TYPES), level: z.enum(LEVELS),
  hostedByLocalGovernment: z.boolean(), title: z.string(), evidence: z.array(evidence),
}).meta({ id: 'AssessmentActivity' });
const eventSchema = z.object({
  id: z.string(), year: z.number(), regionId: z.string(), date: z.string(), direction: z.enum(['bonus', 'deduction']),
  kind: z.enum(BONUS_KINDS).nullable(), level: z.string().nullable(), subject: z.string().nullable(), issuer: z.string().nullable(),
  title: z.string(), evidence: z.array(evidence),
}).meta({ id: 'AssessmentEvent' });
const readingSchema = z.object({ clause: z.string(), words: z.string(), adopted: z.string(), setting: z.string() });
const settingsSchema = z.object({ year: z.number(), overrides: z.unknown(), settings: z.record(z.string(), z.unknown()), readings: z.array(readingSchema) });
const subtotals = z.object({ targets: z.number(), progress: z.number(), bonus: z.number(), deductions: z.number() });
const summarySchema = z.object({ rank: z.number(), regionId: z.string(), regionName: z.string(), total: z.number(), subtotals, categories: z.record(z.string(), z.number()) });
const sheetSchema = summarySchema.extend({
  lines: z.array(z.object({
    section: z.string(), item: z.string(), clause: z.string(), points: z.number(), max: z.number().nullable(),
    data: z.record(z.string(), z.union([z.string(), z.number()])), explanation: z.string(),
  })),
}).meta({ id: 'ScoreSheet' });
const assessmentSchema = z.object({
  year: z.number(), reference: z.string().nullable(), throughQuarter: z.number(), ranking: z.array(summarySchema), sheets: z.array(sheetSchema),
  readings: z.array(readingSchema), settings: z.record(z.string(), z.unknown()),
}).meta({ id: 'Assessment' });
const cellSchema = z.object({ target: z.number(), actual: z.number(), rate: z.string(), behindSchedule: z.boolean(), projected: z.string().optional(), forecastStatus: z.string().optional() });
const trackingRow = z.object({ regionId: z.string(), regionName: z.string(), cells: z.record(z.string(), cellSchema) });
const trackingSchema = z.object({
  year: z.number(), month: z.number(), timeProgress: z.string(), rows: z.array(trackingRow.extend({ behindCount: z.number() })), cityTotal: trackingRow,
}).meta({ id: 'MonthlyTracking' });
const forecastSchema = z.object({
  regionId: z.string(), regionName: z.string(), category: z.string(), target: z.number(), actual: z.number(), rate: z.string(), projected: z.string(),
  projectedRate: z.string(), status: z.enum(['on-track', 'below-target', 'below-half']), statusName: z.string(), remaining: z.number(), perMonthNeeded: z.number(),
  explanation: z.string(),
}).meta({ id: 'Forecast' });
const bulletinSchema = z.object({
  year: z.number(), quarter: z.number(), title: z.string(), summary: z.string(), assessment: assessmentSchema,
  findings: z.array(z.object({ regionId: z.string(), regionName: z.string(), rank: z.number(), reasons: z.array(z.string()), actions: z.array(z.string()) })),
  lagging: z.array(z.string()), tracking: trackingSchema,
}).meta({ id: 'QuarterlyBulletin' });

const sendFile = (reply: { header(k: string, v: string): unknown }, mime: string, name: string) => {
  reply.header('content-type', mime);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
};

export async function assessmentRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  // The report pages' reads (the replica when there is one; see AppContext.reports).
  const reports = () => app.ctx.reports.db;
  const actor = (req: { actor: Actor | null }) => requireActor(req);
  // The target table upload is read in its route within ZGSZ_UPLOAD_MAX_MB (src/server/uploads.ts).
  app.addContentTypeParser(XLSX_MIME, (_req, payload, done) => done(null, payload));
  const tags = ['assessment'];

  // ---- targets ----
  app.get('/api/v1/assessment/:year/targets', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '年度目标表 (targets of a year; an officer sees their own row)', params: yearParams, response: { 200: targetsSchema, ...errorResponses } },
  }, async (req) => getTargets(db(), actor(req), req.params.year));

  app.put('/api/v1/assessment/:year/targets', {
    config: { permission: 'assessment.targets' },
    schema: {
      tags, summary: '设定年度目标表,整表替换;任一行有误则不写入 (replace the whole table)', params: yearParams,
      body: z.looseObject({ reference: z.string().optional(), regions: z.array(z.record(z.string(), z.unknown())) }),
      response: { 200: targetsSchema, ...errorResponses },
    },
  }, async (req) => setTargets(db(), actor(req), req.params.year, req.body));

  app.post('/api/v1/assessment/:year/targets/import', {
    config: { permission: 'assessment.targets' },
    schema: { tags, summary: `导入目标表 .xlsx(与原文表格同样的列;Content-Type: ${XLSX_MIME})`, params: yearParams, response: { 200: targetsSchema, ...errorResponses } },
  }, async (req, reply) => {
    const who = actor(req);
    const limits = uploadLimits(app.ctx.config, 'import');
    const signal = clientSignal(reply);
    const file = await uploadBody(req, reply, XLSX_MIME, limits, signal);
    return importTargets(db(), who, req.params.year, file, { limits, signal });
  });

  app.get('/api/v1/assessment/:year/targets/export', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '导出目标表 .xlsx(原文表格样式)', params: yearParams },
  }, async (req, reply) => {
    const buf = await exportTargets(db(), actor(req), req.params.year);
    await recordExport(db(), actor(req), { entity: 'assessment_targets', scope: { year: req.params.year } });
    sendFile(reply, XLSX_MIME, `${req.params.year}年智改数转目标.xlsx`);
    return reply.send(buf);
  });

  // ---- progress records ----
  app.get('/api/v1/assessment/:year/projects', {
    config: { permission: 'assessment.read' },
    schema: {
      tags, summary: '项目记录(按指标说明计数)', params: yearParams,
      querystring: regionFilter.extend({ category: z.enum(COUNT_CATEGORIES).optional() }),
      response: { 200: z.array(projectSchema), ...errorResponses },
    },
  }, async (req) => listProjects(db(), actor(req), req.params.year, req.query));

  app.post('/api/v1/assessment/projects', {
    config: { permission: 'assessment.record' },
    schema: {
      tags, summary: '录入一个项目及核查内容要求的证明材料;计入 countedOn 所在年度 (record a counted project with its evidence)',
      body: anyBody, response: { 201: projectSchema, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await recordProject(db(), actor(req), req.body)));

  app.delete('/api/v1/assessment/projects/:id', {
    config: { permission: 'assessment.record' },
    schema: { tags, summary: '撤回项目记录 (withdraw)', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteRecord(db(), actor(req), 'project', req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/assessment/:year/coverage', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '规上企业覆盖率汇总表(按月)', params: yearParams, querystring: regionFilter, response: { 200: z.array(coverageSchema), ...errorResponses } },
  }, async (req) => listCoverage(db(), actor(req), req.params.year, req.query.regionId));

  app.put('/api/v1/assessment/:year/coverage', {
    config: { permission: 'assessment.record' },
    schema: { tags, summary: '规上企业覆盖率汇总表(截至某月)', params: yearParams, body: anyBody, response: { 200: coverageSchema, ...errorResponses } },
  }, async (req) => recordCoverage(db(), actor(req), req.params.year, req.body));

  // ---- 五个一, activities, events ----
  app.get('/api/v1/assessment/:year/work-items', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '“五个一”事项', params: yearParams, querystring: regionFilter, response: { 200: z.array(workItemSchema), ...errorResponses } },
  }, async (req) => listWorkItems(db(), actor(req), req.params.year, req.query.regionId));

  app.put('/api/v1/assessment/:year/work-items/:regionId/:item', {
    config: { permission: 'assessment.record' },
    schema: {
      tags, summary: '设定“五个一”事项(workTeam、actionPlan、subsidyPolicy、industrialChain);推进活动由活动记录判定',
      params: z.object({ year: yearParam, regionId: z.string().max(50), item: z.string().max(50) }), body: anyBody,
      response: { 200: workItemSchema, ...errorResponses },
    },
  }, async (req) => setWorkItem(db(), actor(req), req.params.year, req.params.regionId, req.params.item, req.body));

  app.get('/api/v1/assessment/:year/activities', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '推进活动记录', params: yearParams, querystring: regionFilter, response: { 200: z.array(activitySchema), ...errorResponses } },
  }, async (req) => listActivities(db(), actor(req), req.params.year, req.query.regionId));

  app.post('/api/v1/assessment/activities', {
    config: { permission: 'assessment.record' },
    schema: { tags, summary: '录入推进活动(类型、日期、级别、是否当地政府承办、证明材料)', body: anyBody, response: { 201: activitySchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await recordActivity(db(), actor(req), req.body)));

  app.delete('/api/v1/assessment/activities/:id', {
    config: { permission: 'assessment.record' },
    schema: { tags, summary: '撤回活动记录', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteRecord(db(), actor(req), 'activity', req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/assessment/:year/events', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '加减分事项', params: yearParams, querystring: regionFilter, response: { 200: z.array(eventSchema), ...errorResponses } },
  }, async (req) => listEvents(db(), actor(req), req.params.year, req.query.regionId));

  app.post('/api/v1/assessment/events', {
    config: { permission: 'assessment.record' },
    schema: { tags, summary: '录入加分事项(地区)或减分事项(仅市级)', body: anyBody, response: { 201: eventSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await recordEvent(db(), actor(req), req.body)));

  app.delete('/api/v1/assessment/events/:id', {
    config: { permission: 'assessment.record' },
    schema: { tags, summary: '撤回加减分事项(减分项仅市级)', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteRecord(db(), actor(req), 'event', req.params.id);
    return reply.code(204).send(null);
  });

  // ---- readings ----
  app.get('/api/v1/assessment/:year/settings', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '评分设置与采用的解读 (readings in force)', params: yearParams, response: { 200: settingsSchema, ...errorResponses } },
  }, async (req) => getScoringSettings(db(), actor(req), req.params.year));

  app.put('/api/v1/assessment/:year/settings', {
    config: { permission: 'assessment.targets' },
    schema: { tags, summary: '修改评分设置(覆盖默认解读)', params: yearParams, body: anyBody, response: { 200: settingsSchema, ...errorResponses } },
  }, async (req) => setScoringSettings(db(), actor(req), req.params.year, req.body));

  // ---- results ----
  const quarterQuery = z.object({ quarter: plainInt('quarter 须为1–4', 1, 4).default(4) });

  app.get('/api/v1/assessment/:year/scores', {
    config: { permission: 'assessment.read' },
    schema: {
      tags, summary: '评分表与排名;quarter<4 为截至该季度末的模拟评分 (explained score sheets and ranking)', params: yearParams, querystring: quarterQuery,
      response: { 200: assessmentSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    // Serialised once per data version by the use case; Fastify sends a buffer as it is (the
    // schema above still describes it in the OpenAPI document).
    const json = await scoreSheetJson(reports(), actor(req), req.params.year, { throughQuarter: req.query.quarter });
    return reply.type('application/json; charset=utf-8').send(json as unknown as z.infer<typeof assessmentSchema>);
  });

  app.get('/api/v1/assessment/:year/scores/export', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '评分表 .xlsx(总表、各地区明细、采用的解读)', params: yearParams, querystring: quarterQuery },
  }, async (req, reply) => {
    const result = await scoreYear(db(), actor(req), req.params.year, undefined, { throughQuarter: req.query.quarter });
    const buf = await scoreWorkbookBuffer(result);
    await recordExport(db(), actor(req), { entity: 'assessment_scores', scope: { year: req.params.year, quarter: req.query.quarter }, rows: result.sheets.length });
    sendFile(reply, XLSX_MIME, `${req.params.year}年智改数转考核评分表.xlsx`);
    return reply.send(buf);
  });

  const trackingQuery = z.object({ month: monthQuery, method: methodQuery });
  app.get('/api/v1/assessment/:year/tracking', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '月度跟踪调度表', params: yearParams, querystring: trackingQuery, response: { 200: trackingSchema, ...errorResponses } },
  }, async (req) => presentTracking(await monthlyTracking(reports(), actor(req), req.params.year, req.query.month, req.query.method)));

  app.get('/api/v1/assessment/:year/tracking/export', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '月度跟踪调度表 .xlsx', params: yearParams, querystring: trackingQuery },
  }, async (req, reply) => {
    const t = await monthlyTracking(db(), actor(req), req.params.year, req.query.month, req.query.method);
    const buf = await trackingWorkbookBuffer(t);
    await recordExport(db(), actor(req), { entity: 'assessment_tracking', scope: { year: req.params.year, month: req.query.month, method: req.query.method }, rows: t.rows.length });
    sendFile(reply, XLSX_MIME, `${req.params.year}年${req.query.month}月智改数转跟踪调度表.xlsx`);
    return reply.send(buf);
  });

  app.get('/api/v1/assessment/:year/forecast', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '年底完成预测与预警', params: yearParams, querystring: trackingQuery, response: { 200: z.array(forecastSchema), ...errorResponses } },
  }, async (req) => (await forecastYearEnd(reports(), actor(req), req.params.year, req.query.month, req.query.method)).map(presentForecast));

  const bulletinParams = z.object({ year: yearParam, quarter: plainInt('季度须为1–4', 1, 4) });
  app.get('/api/v1/assessment/:year/bulletins/:quarter', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '季度督查通报', params: bulletinParams, querystring: z.object({ method: methodQuery }), response: { 200: bulletinSchema, ...errorResponses } },
  }, async (req) => presentBulletin(await quarterlyBulletin(reports(), actor(req), req.params.year, req.params.quarter, req.query.method)));

  app.get('/api/v1/assessment/:year/bulletins/:quarter/export', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '季度督查通报 .xlsx', params: bulletinParams },
  }, async (req, reply) => {
    const b = await quarterlyBulletin(db(), actor(req), req.params.year, req.params.quarter);
    const buf = await bulletinWorkbookBuffer(b);
    await recordExport(db(), actor(req), { entity: 'assessment_bulletin', scope: { year: req.params.year, quarter: req.params.quarter }, rows: b.findings.length });
    sendFile(reply, XLSX_MIME, `${b.title}.xlsx`);
    return reply.send(buf);
  });

  app.get('/api/v1/assessment/:year/bulletins/:quarter/html', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '季度督查通报(可打印的 HTML)', params: bulletinParams },
  }, async (req, reply) => {
    const b = await quarterlyBulletin(db(), actor(req), req.params.year, req.params.quarter);
    reply.header('content-type', 'text/html; charset=utf-8');
    // The page carries no script and loads nothing: forbid both outright.
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return reply.send(renderBulletinHtml(b));
  });
}
