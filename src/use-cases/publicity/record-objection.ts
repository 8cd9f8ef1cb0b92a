// The real-name objection register of a 公示. Anonymous objections are refused (苏州工业园区 and 深圳
// 公示 rules: written, with name and contact; research §1.3). An open objection blocks approval.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { batchOfApplication, insertObjection } from '../../db/repositories/publicity-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { isoDateSchema, parseOrThrow } from '../../domain/validation.ts';
import { loadApplicationFor } from '../applications/application-support.ts';
import { presentObjection } from './publicity-presenter.ts';

export const objectionSchema = z.object({
  name: z.string({ error: '异议人姓名必填:不受理匿名异议' }).trim().min(2, '异议人须署真实姓名(2–30字),不受理匿名异议').max(30, '姓名不超过30字'),
  organisation: z.string().trim().max(100, '单位不超过100字').optional(),
  phone: z.string({ error: '联系电话必填:不受理匿名异议' }).trim().regex(/^[0-9+\-() ]{5,20}$/, '联系电话须为5–20位数字(可含 + - 括号)'),
  content: z.string({ error: '异议内容必填' }).trim().min(10, '异议内容须写明事实和理由(10–2000字)').max(2000, '异议内容不超过2000字'),
  receivedOn: isoDateSchema('收到日期须为 YYYY-MM-DD'),
}).strict();

const ANONYMOUS = /^(匿名|无名|某某|不详|无|anonymous)$/i;

export async function recordObjection(db: Db, actor: Actor, applicationId: string, raw: unknown, today: string) {
  assertPermission(actor, 'publicity.manage');
  const input = parseOrThrow(objectionSchema, raw);
  if (ANONYMOUS.test(input.name)) throw invalid('name', '不受理匿名异议:须署异议人真实姓名');
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, applicationId, 'application.read', {});
    const batch = await batchOfApplication(tx, app.id);
    if (!batch || app.status !== 'in_publicity') throw conflict('该申请不在公示期内,不能登记公示异议', 'applicationId');
    if (input.receivedOn < batch.startsOn || input.receivedOn > batch.endsOn || input.receivedOn > today) {
      throw invalid('receivedOn', `异议须在公示期内(${batch.startsOn}至${batch.endsOn})提出,收到日期 ${input.receivedOn} 不在其中`);
    }
    const row = await insertObjection(tx, { ...input, organisation: input.organisation ?? null, batchId: batch.id, applicationId: app.id, recordedBy: actor.displayName ?? actor.name });
    await appendAudit(tx, actor, { action: 'create', entity: 'objection', entityId: row.id, after: { applicationId: app.id, name: row.name, receivedOn: row.receivedOn } });
    return presentObjection(row);
  });
}
