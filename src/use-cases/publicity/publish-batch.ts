// 公示: the city publishes a batch of applications that have passed the review before the 公示
// step. The period (calendar or working days, from the chain) is counted on the city's holiday
// calendar; each application moves into 公示 through the kernel.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { lockApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { calendarMap, insertBatch } from '../../db/repositories/publicity-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { periodEnd } from '../../domain/calendar/working-days.ts';
import { invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { decide } from '../../domain/workflow/kernel.ts';
import { applyDecision, chainOf, loadApplicationFor, stateOf, subjectOf } from '../applications/application-support.ts';
import { presentBatch } from './publicity-presenter.ts';

export const publishSchema = z.object({
  title: z.string({ error: '公示标题必填' }).trim().min(4, '公示标题须为4–100字').max(100, '公示标题须为4–100字'),
  applicationIds: z.array(z.uuid('申请编号须为 UUID')).min(1, '至少选择一个申请').max(500, '一批最多500个申请'),
  contact: z.string({ error: '异议受理联系方式必填' }).trim().min(4, '异议受理联系方式须为4–100字').max(100, '异议受理联系方式须为4–100字'),
}).strict();

export async function publishBatch(db: Db, actor: Actor, raw: unknown, today: string) {
  assertPermission(actor, 'publicity.manage');
  const input = parseOrThrow(publishSchema, raw);
  if (new Set(input.applicationIds).size !== input.applicationIds.length) throw invalid('applicationIds', '申请重复');
  return db.transaction(async (tx) => {
    const calendar = await calendarMap(tx);
    let rule: { length: number; unit: 'calendar' | 'working' } | null = null;
    let city: string | null = null;
    const moved = [];
    for (const [i, id] of input.applicationIds.entries()) {
      const app = await loadApplicationFor(tx, actor, id, 'application.read', {}, lockApplication);
      const { chain } = await chainOf(tx, app);
      if (city && app.city !== city) throw invalid(`applicationIds.${i}`, '一批公示只能包含同一城市的申请');
      city = app.city;
      if (rule && (rule.length !== chain.publicity.length || rule.unit !== chain.publicity.unit)) {
        throw invalid(`applicationIds.${i}`, `申请 ${app.number} 的公示期(${chain.publicity.length}${chain.publicity.unit === 'working' ? '个工作日' : '天'})与本批其他申请不同,请分批公示`);
      }
      rule = chain.publicity;
      const decision = decide(chain, stateOf(app), { type: 'publicity_open' }, actor, await subjectOf(tx, app, chain));
      moved.push(await applyDecision(tx, app, app.version, actor, decision, 'publicity_open'));
    }
    const endsOn = periodEnd(today, rule!.length, rule!.unit, calendar);
    const batch = await insertBatch(tx, {
      city: city!, title: input.title, startsOn: today, endsOn, length: rule!.length, unit: rule!.unit, contact: input.contact,
      createdBy: actor.displayName ?? actor.name,
    }, moved.map((a) => a.id));
    await appendAudit(tx, actor, { action: 'publish', entity: 'publicity_batch', entityId: batch.id, after: { title: input.title, startsOn: today, endsOn, applications: moved.map((a) => a.number) } });
    return presentBatch(batch);
  });
}
