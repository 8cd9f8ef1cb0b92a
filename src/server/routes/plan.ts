// The 实施意见's ten actions: the goal tree, monthly reports with evidence and corrections, the
// 月度跟踪调度表, overdue reports, the 季度督查通报 (data, print page, Excel) and one indicator's history.
import { z } from 'zod';
import { plainInt } from '../schemas.ts';
import { invalid } from '../../domain/errors.ts';
import { ALLOWED_TYPES_TEXT } from '../../domain/files/allowed-types.ts';
import { bulletinHtml, bulletinWorkbook, dispatchWorkbook } from '../../reports/plan/plan-workbooks.ts';
import { dispatchTable } from '../../use-cases/plan/dispatch-table.ts';
import { getPlanTree } from '../../use-cases/plan/get-plan.ts';
import { indicatorHistory } from '../../use-cases/plan/indicator-history.ts';
import { overdueReports } from '../../use-cases/plan/overdue-reports.ts';
import { downloadPlanEvidence, uploadPlanEvidence } from '../../use-cases/plan/plan-evidence.ts';
import { quarterlyBulletin } from '../../use-cases/plan/quarterly-bulletin.ts';
import { reportIndicator } from '../../use-cases/plan/report-indicator.ts';
import { recordExport } from '../../use-cases/audit/record-export.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { XLSX_MIME } from './enterprises.ts';
import { UPLOAD_TYPES } from './applications.ts';

const tags = ['plan'];
const city = z.enum(['yangzhou', 'suzhou'], { error: 'city 须为 yangzhou 或 suzhou' }).optional();
const intParam = (name: string, min: number, max: number) => plainInt(`${name} 须为整数 ${min}–${max}`, min, max);
const period = z.object({ city, year: intParam('year', 2000, 2100).optional(), month: intParam('month', 1, 12).optional() }).strict();
const quarterQuery = z.object({ city, year: intParam('year', 2000, 2100), quarter: intParam('quarter', 1, 4) }).strict();
// Control characters and lone surrogates never belong in a note or a file name (and NUL breaks
// PostgreSQL text); a well-formed string is what toWellFormed would leave unchanged.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]*$/u;

export const reportBody = z.object({
  city,
  indicatorId: z.string({ error: 'indicatorId 必填:指标编号(见 GET /api/v1/plan)' }).max(60, 'indicatorId 不超过60字符'),
  regionId: z.string().max(40).nullable().optional(),
  year: z.number({ error: 'year 必填:年份' }).int('year 须为整数'),
  month: z.number({ error: 'month 必填:1–12' }).int('month 须为整数'),
  value: z.union([z.number(), z.string().max(20)], { error: 'value 必填:数值(个、% 或 元)' }),
  note: z.string().max(500, 'note 不超过500字').regex(TEXT, 'note 含有不可见的控制字符').nullable().optional(),
  evidence: z.array(z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 须为上传文件返回的64位十六进制摘要'),
    fileName: z.string().min(1).max(200).regex(TEXT, 'fileName 含有不可见的控制字符'),
  }).strict()).max(20, '证明材料至多20个').optional(),
  replaces: z.number().int().min(1).nullable().optional(),
}).strict();

export async function planRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const today = () => app.ctx.today();
  for (const type of UPLOAD_TYPES) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: app.ctx.config.uploadMaxBytes }, (_req, body, done) => done(null, body));
    }
  }
  const attachment = (reply: { header(k: string, v: string): unknown }, mime: string, name: string) => {
    reply.header('content-type', mime);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  };

  app.get('/api/v1/plan', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '行动计划目标树:十大行动、主要目标与保障措施的指标,各年度目标、原文引文与责任单位', querystring: z.object({ city }).strict() },
  }, async (req) => getPlanTree(requireActor(req), req.query));

  app.get('/api/v1/plan/dispatch', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '月度跟踪调度表(默认:最近一个已到报送期的月份)', querystring: period },
  }, async (req) => dispatchTable(db(), requireActor(req), req.query, today()));

  app.get('/api/v1/plan/dispatch.xlsx', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '月度跟踪调度表 Excel', querystring: period },
  }, async (req, reply) => {
    const t = await dispatchTable(db(), requireActor(req), req.query, today());
    if (!t.available) throw invalid('city', t.reason);
    const buf = await dispatchWorkbook(t);
    await recordExport(db(), requireActor(req), { entity: 'plan_dispatch', scope: { city: t.city, year: t.year, month: t.month }, rows: t.actions.reduce((n, a) => n + a.rows.length, 0) });
    attachment(reply, XLSX_MIME, `${t.year}年${t.month}月智改数转十大行动跟踪调度表.xlsx`);
    return reply.send(buf);
  });

  app.get('/api/v1/plan/overdue', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '逾期未报:部门看本部门、地区看本地区、市级看全部', querystring: z.object({ city }).strict() },
  }, async (req) => overdueReports(db(), requireActor(req), req.query, today()));

  app.get('/api/v1/plan/bulletin', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '季度督查通报(数据)', querystring: quarterQuery },
  }, async (req) => quarterlyBulletin(db(), requireActor(req), req.query, today()));

  app.get('/api/v1/plan/bulletin/print', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '季度督查通报(打印页 HTML)', querystring: quarterQuery },
  }, async (req, reply) => {
    const b = await quarterlyBulletin(db(), requireActor(req), req.query, today());
    if (!b.available) throw invalid('city', b.reason);
    return reply.type('text/html; charset=utf-8').send(bulletinHtml(b));
  });

  app.get('/api/v1/plan/bulletin.xlsx', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '季度督查通报 Excel', querystring: quarterQuery },
  }, async (req, reply) => {
    const b = await quarterlyBulletin(db(), requireActor(req), req.query, today());
    if (!b.available) throw invalid('city', b.reason);
    const buf = await bulletinWorkbook(b);
    await recordExport(db(), requireActor(req), { entity: 'plan_bulletin', scope: { city: b.city, year: b.year, quarter: b.quarter } });
    attachment(reply, XLSX_MIME, `${b.header.title}.xlsx`);
    return reply.send(buf);
  });

  app.get('/api/v1/plan/indicators/:id', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '一个指标的逐月数据、目标与全部报送版本', params: z.object({ id: z.string().max(60) }), querystring: z.object({ city, regionId: z.string().max(40).optional() }).strict() },
  }, async (req) => indicatorHistory(db(), requireActor(req), req.params.id, req.query));

  app.post('/api/v1/plan/reports', {
    config: { permission: 'plan.report' },
    schema: {
      tags, body: reportBody,
      summary: '报送月度数据(月末数:年度指标为本年累计,累计指标为累计总数,比率为当月水平);更正须给出 replaces(被更正的版本)与 note',
    },
  }, async (req, reply) => reply.code(201).send(await reportIndicator(db(), requireActor(req), req.body, today())));

  app.post('/api/v1/plan/evidence', {
    config: { permission: 'plan.report' },
    schema: { tags, summary: `上传证明材料(请求体为文件本身,只接受 ${ALLOWED_TYPES_TEXT});报送时在 evidence 中引用返回的 sha256`, querystring: z.object({ name: z.string({ error: 'name 必填:文件名' }).max(200) }).strict() },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw invalid('file', `请求体须为文件本身,只接受 ${ALLOWED_TYPES_TEXT}`);
    return reply.code(201).send(await uploadPlanEvidence(db(), requireActor(req), { fileName: req.query.name, data: req.body }, app.ctx.files));
  });

  app.get('/api/v1/plan/reports/:id/evidence/:sha256', {
    config: { permission: 'plan.read' },
    schema: { tags, summary: '下载报送引用的证明材料', params: z.object({ id: z.string().max(64), sha256: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await downloadPlanEvidence(db(), requireActor(req), req.params.id, req.params.sha256, app.ctx.files);
    reply.header('content-type', f.mime);
    reply.header('content-length', String(f.size));
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    reply.header('cache-control', 'private, no-store');
    return reply.send(f.stream);
  });
}
