// 公示 batches, their public notice, the objection register and the holiday calendar.
import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { noticeHtml } from '../../reports/publicity/notice-html.ts';
import { closePublicityPeriods } from '../../use-cases/publicity/close-due-batches.ts';
import { getPublicity, listPublicity } from '../../use-cases/publicity/get-publicity.ts';
import { calendarYearSchema, getCalendarYear, setCalendarYear } from '../../use-cases/publicity/holiday-calendar.ts';
import { publishBatch, publishSchema } from '../../use-cases/publicity/publish-batch.ts';
import { objectionSchema, recordObjection } from '../../use-cases/publicity/record-objection.ts';
import { resolveObjection, resolveSchema } from '../../use-cases/publicity/resolve-objection.ts';
import { requireActor, type RouteApp } from '../context.ts';

const tags = ['publicity'];
const idParams = z.object({ id: z.string().max(64) });
const ISSUER: Record<string, string> = { yangzhou: '扬州市工业和信息化局', suzhou: '苏州市工业和信息化局' };

export async function publicityRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const today = () => app.ctx.today();
  // Periods that have ended are closed before anyone reads them (and by the timer in `serve`).
  const closeDue = () => closePublicityPeriods(db(), today());

  app.get('/api/v1/publicity', {
    config: { permission: 'publicity.read' },
    schema: { tags, summary: '公示批次', querystring: z.object({ city: z.enum(['yangzhou', 'suzhou']).optional() }) },
  }, async (req) => {
    await closeDue();
    return listPublicity(db(), req.query.city);
  });

  app.post('/api/v1/publicity', {
    config: { permission: 'publicity.manage' },
    schema: { tags, summary: '发布公示:一批通过复审的申请;公示期按审核链的自然日或工作日计算', body: publishSchema },
  }, async (req, reply) => reply.code(201).send(await publishBatch(db(), requireActor(req), req.body, today())));

  app.get('/api/v1/publicity/:id', {
    config: { permission: 'publicity.read' },
    schema: { tags, summary: '公示详情(异议登记仅市工信局可见)', params: idParams },
  }, async (req) => {
    await closeDue();
    return getPublicity(db(), requireActor(req), req.params.id);
  });

  app.get('/api/v1/publicity/:id/notice', {
    config: { permission: 'public' },
    schema: { tags, summary: '公示公告(可打印的 HTML,公开)', params: idParams },
  }, async (req, reply) => {
    const { batch, items } = await getPublicity(db(), null, req.params.id);
    reply.header('content-type', 'text/html; charset=utf-8');
    return reply.send(noticeHtml({ ...batch, issuer: ISSUER[batch.city] ?? '市工业和信息化局', items }));
  });

  app.post('/api/v1/applications/:id/objections', {
    config: { permission: 'publicity.manage' },
    schema: { tags, summary: '登记公示期内的实名异议(不受理匿名异议);未处理的异议阻止批准', params: idParams, body: objectionSchema },
  }, async (req, reply) => reply.code(201).send(await recordObjection(db(), requireActor(req), req.params.id, req.body, today())));

  app.post('/api/v1/objections/:id/resolve', {
    config: { permission: 'publicity.manage' },
    schema: { tags, summary: '处理异议:成立或不成立,写明处理意见', params: idParams, body: resolveSchema },
  }, async (req) => resolveObjection(db(), requireActor(req), req.params.id, req.body));

  const yearParams = z.object({ year: z.string().regex(/^\d{4}$/, '年度须为四位数字').transform(Number) });
  app.get('/api/v1/calendar/:year', {
    config: { permission: 'session' },
    schema: { tags, summary: '节假日与调休上班日(计算工作日公示期)', params: yearParams },
  }, async (req) => getCalendarYear(db(), requireActor(req), req.params.year));

  app.put('/api/v1/calendar/:year', {
    config: { permission: 'calendar.manage' },
    schema: { tags, summary: '设定一年的节假日与调休(整年替换)', params: yearParams, body: calendarYearSchema },
  }, async (req) => {
    if (req.params.year < 2000 || req.params.year > 2100) throw invalid('year', '年度须为2000–2100');
    return setCalendarYear(db(), requireActor(req), req.params.year, req.body);
  });
}
