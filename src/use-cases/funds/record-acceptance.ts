// 验收 after completion, with its own evidence: passed opens the rest of the payment; failed stops
// it, releases the commitment not yet paid back to the fund, and leaves what was paid to be
// reclaimed (追回) by the finance bureau.
import type { Db } from '../../db/client.ts';
import { evidenceOf, insertEvent, lockApplication, updateApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { appendLedger, paidByFund, releaseFunds, releaseYearlyCap } from '../../db/repositories/fund-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { payingFund } from '../applications/approve-application.ts';
import { checklistOf, evaluationOf, loadApplicationFor, policyMeasure, presentApplication } from '../applications/application-support.ts';
import { acceptanceSchema } from './fund-input.ts';

export async function recordAcceptance(db: Db, actor: Actor, applicationId: string, raw: unknown, today: string) {
  assertPermission(actor, 'applications.accept');
  const input = parseOrThrow(acceptanceSchema, raw);
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, applicationId, 'application.read', {}, lockApplication);
    await loadApplicationFor(tx, actor, applicationId, 'application.accept', { status: app.status, acceptance: app.acceptance });
    if (app.version !== input.version) throw conflict(`申请已被他人处理(当前版本 ${app.version}),请刷新后重试`, 'version');
    const { policy, measure } = policyMeasure(app.policyId, app.measureId);
    const files = (await evidenceOf(tx, app.id)).filter((e) => !e.removed && e.stage === 'acceptance');
    for (const item of checklistOf(policy, measure, 'acceptance')) {
      if (!files.some((f) => f.itemId === item.id)) throw invalid(`evidence.${item.id}`, `验收缺少材料“${item.label}”,请先上传`);
    }
    if (input.result === 'failed') {
      // The part of each level's commitment not paid out goes back to its fund.
      const paid = await paidByFund(tx, app.id);
      for (const level of ['city', 'county'] as const) {
        const part = level === 'city' ? app.cityPartFen ?? 0 : app.countyPartFen ?? 0;
        if (!part) continue;
        const fund = await payingFund(tx, app, level);
        const unpaid = part - (paid.get(fund.id) ?? 0);
        if (unpaid > 0) {
          await releaseFunds(tx, fund.id, unpaid);
          await appendLedger(tx, { fundId: fund.id, applicationId: app.id, kind: 'release', amountFen: unpaid, clause: evaluationOf(app).clause, note: `验收不通过,释放未拨付承诺`, actorName: actor.displayName ?? actor.name });
        }
      }
      // A grant that fails 验收 no longer counts against the enterprise's yearly cap.
      for (const cap of evaluationOf(app).yearlyCaps) {
        await releaseYearlyCap(tx, { enterpriseId: app.enterpriseId, capKey: cap.key, year: app.year, amount: app.approvedFen ?? 0 });
      }
    }
    const row = await updateApplication(tx, app.id, app.version, {
      acceptance: input.result, acceptanceNote: input.note, acceptedOn: today, acceptedBy: actor.displayName ?? actor.name,
    });
    if (!row) throw conflict('申请已被他人处理,请刷新后重试', 'version');
    await insertEvent(tx, {
      applicationId: app.id, actorId: actor.userId, actorName: actor.displayName ?? actor.name, actorRole: actor.role,
      action: `acceptance_${input.result}`, fromStatus: app.status, toStatus: app.status, opinion: input.note,
      summary: input.result === 'passed' ? '验收通过' : '验收不通过:未拨付部分已释放,已拨付部分待追回',
    });
    await appendAudit(tx, actor, { action: `acceptance_${input.result}`, entity: 'application', entityId: app.id, after: { acceptance: input.result, note: input.note } });
    return presentApplication(row);
  });
}
