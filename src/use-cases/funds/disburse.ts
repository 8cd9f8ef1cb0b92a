// 拨付: the finance bureau records a payment with its date and voucher. 事后奖补 by default: before
// 验收 passes only the approved 启动资金 may be paid; never more than approved, never more than the
// fund has committed. The application row is locked, the fund updated by one conditional statement.
import type { Db } from '../../db/client.ts';
import { lockApplication } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { appendLedger, disburseFunds, paidByFund } from '../../db/repositories/fund-repository.ts';
import { updateApplication } from '../../db/repositories/application-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, DomainError, invalid } from '../../domain/errors.ts';
import { checkPayment, type Acceptance } from '../../domain/funds/money-rules.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { payingFund } from '../applications/approve-application.ts';
import { evaluationOf, loadApplicationFor, presentApplication } from '../applications/application-support.ts';
import { countPaidProject } from './assessment-link.ts';
import { disburseSchema } from './fund-input.ts';

export async function disburse(db: Db, actor: Actor, applicationId: string, raw: unknown, today: string) {
  assertPermission(actor, 'funds.disburse');
  const input = parseOrThrow(disburseSchema, raw);
  if (input.paidOn > today) throw invalid('paidOn', `支付日期 ${input.paidOn} 晚于今天(${today})`);
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, applicationId, 'application.read', {}, lockApplication);
    if (app.status !== 'approved' || app.approvedFen === null) throw conflict('只有已批准的申请才能拨付', 'status');
    const level = input.level ?? (app.cityPartFen ? 'city' : 'county');
    const part = level === 'city' ? app.cityPartFen ?? 0 : app.countyPartFen ?? 0;
    if (part === 0) throw invalid('level', `该申请没有${level === 'city' ? '市级' : '县级'}承担的部分`);
    const amount = checkPayment(input.amountFen, app.disbursedFen - app.reclaimedFen, app.approvedFen, app.advanceFen, app.acceptance as Acceptance);
    const fund = await payingFund(tx, app, level);
    const paidHere = (await paidByFund(tx, app.id)).get(fund.id) ?? 0;
    if (paidHere + amount > part) throw invalid('amountFen', `${fund.name}为本项目承担 ${formatFen(part)},已拨付 ${formatFen(paidHere)},本次最多 ${formatFen(part - paidHere)}`);
    if (input.purpose === 'advance' && app.acceptance === 'passed') throw invalid('purpose', '验收已通过,拨付的是奖补资金(award),不是启动资金');
    const paid = await disburseFunds(tx, fund.id, amount);
    if (!paid) throw new DomainError('CONFLICT', `${fund.name}已承诺 ${formatFen(fund.committedFen)},已拨付 ${formatFen(fund.disbursedFen)},不能再拨付 ${formatFen(amount)}`, 'amountFen');
    const evaluation = evaluationOf(app);
    await appendLedger(tx, {
      fundId: fund.id, applicationId: app.id, kind: 'disburse', amountFen: amount, paidOn: input.paidOn, voucher: input.voucher,
      purpose: input.purpose, clause: evaluation.clause, note: input.note ?? null, actorName: actor.displayName ?? actor.name,
    });
    const row = await updateApplication(tx, app.id, app.version, { disbursedFen: app.disbursedFen + amount });
    if (!row) throw conflict('申请已被他人处理,请刷新后重试', 'version');
    const e = (await findEnterpriseById(tx, app.enterpriseId))!;
    const effect = app.disbursedFen === 0 ? await countPaidProject(tx, row, e.name, input.paidOn, input.voucher) : { counted: false, note: null };
    await appendAudit(tx, actor, {
      action: 'disburse', entity: 'application', entityId: app.id,
      after: { fundId: fund.id, amountFen: amount, paidOn: input.paidOn, voucher: input.voucher, purpose: input.purpose, assessment: effect },
    });
    return { application: presentApplication(row, { enterpriseName: e.name, uscc: e.uscc }), assessment: effect };
  });
}
