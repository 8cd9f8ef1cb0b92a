// 追回: after a failed 验收 the finance bureau records the money paid back, with its voucher; it
// returns to the fund (paid and committed both go down). The commitment not yet paid was released
// when 验收 failed.
import type { Db } from '../../db/client.ts';
import { lockApplication, updateApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { appendLedger, paidByFund, reclaimFunds } from '../../db/repositories/fund-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { payingFund } from '../applications/approve-application.ts';
import { evaluationOf, loadApplicationFor, presentApplication } from '../applications/application-support.ts';
import { uncountReclaimedProject } from './assessment-link.ts';
import { reclaimSchema } from './fund-input.ts';

export async function reclaim(db: Db, actor: Actor, applicationId: string, raw: unknown, today: string) {
  assertPermission(actor, 'funds.disburse');
  const input = parseOrThrow(reclaimSchema, raw);
  if (input.paidOn > today) throw invalid('paidOn', `到账日期 ${input.paidOn} 晚于今天(${today})`);
  const amount = input.amountFen;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw invalid('amountFen', '追回金额须为正整数(单位:分)');
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, applicationId, 'application.read', {}, lockApplication);
    if (app.acceptance !== 'failed') throw conflict('只有验收不通过的项目才追回资金', 'acceptance');
    const level = input.level ?? (app.cityPartFen ? 'city' : 'county');
    const fund = await payingFund(tx, app, level);
    const net = (await paidByFund(tx, app.id)).get(fund.id) ?? 0;
    if (amount > net) throw invalid('amountFen', `从${fund.name}实际拨付(扣除已追回)${formatFen(net)},追回不能超过该数`);
    const back = await reclaimFunds(tx, fund.id, amount);
    if (!back) throw conflict(`${fund.name}的已拨付金额不足 ${formatFen(amount)}`, 'amountFen');
    await appendLedger(tx, {
      fundId: fund.id, applicationId: app.id, kind: 'reclaim', amountFen: amount, paidOn: input.paidOn, voucher: input.voucher,
      clause: evaluationOf(app).clause, note: input.note ?? '验收不通过,追回已拨付资金', actorName: actor.displayName ?? actor.name,
    });
    const reclaimed = app.reclaimedFen + amount;
    const row = await updateApplication(tx, app.id, app.version, { reclaimedFen: reclaimed });
    if (!row) throw conflict('申请已被他人处理,请刷新后重试', 'version');
    if (reclaimed === app.disbursedFen) await uncountReclaimedProject(tx, row);
    await appendAudit(tx, actor, { action: 'reclaim', entity: 'application', entityId: app.id, after: { fundId: fund.id, amountFen: amount, voucher: input.voucher, paidOn: input.paidOn } });
    return presentApplication(row);
  });
}
