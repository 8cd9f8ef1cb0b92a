// 拨付: the finance bureau pays the provider and the supervisor, each in full, after the enterprise
// has accepted the report — never while the supervisor has stopped payment, never more than was
// committed. The diagnosis row is locked; the fund moves by one conditional statement.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockDiagnosis, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { appendLedger, disburseFunds, ledgerOf } from '../../db/repositories/fund-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { paySchema } from './diagnosis-input.ts';
import { diagnosisDetail, loadDiagnosisFor, recordStep } from './diagnosis-support.ts';

export async function payDiagnosis(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'diagnoses.pay');
  const input = parseOrThrow(paySchema, raw);
  if (input.paidOn > today) throw invalid('paidOn', `支付日期 ${input.paidOn} 晚于今天(${today})`);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.read', lockDiagnosis);
    nextStatus(d.status, 'pay');
    if (d.paymentStopped) throw conflict(`监理已停止支付:${d.paymentStopReason ?? ''}。须由监理恢复后才能支付`, 'paymentStopped');
    const provider = input.payee === 'provider';
    const due = provider ? (d.subsidyFen ?? 0) - d.providerPaidFen : (d.supervisionSubsidyFen ?? 0) - d.supervisorPaidFen;
    if (due <= 0) throw conflict(`${provider ? '服务商' : '监理'}费用已支付`, 'payee');
    const commit = (await ledgerOf(tx, { diagnosisId: d.id, kind: 'commit' })).find((l) => l.payee === input.payee);
    if (!commit) throw conflict('没有该费用的资金承诺', 'payee');
    if (!(await disburseFunds(tx, commit.fundId, due))) throw conflict(`资金已拨付额将超过承诺额,不能支付 ${formatFen(due)}`, 'fund');
    await appendLedger(tx, {
      fundId: commit.fundId, diagnosisId: d.id, payee: input.payee, kind: 'disburse', amountFen: due, paidOn: input.paidOn, voucher: input.voucher,
      clause: commit.clause, note: `${d.number} ${provider ? '诊断服务费' : '监理费用'}`, actorName: actor.displayName ?? actor.name,
    });
    const providerPaid = d.providerPaidFen + (provider ? due : 0);
    const supervisorPaid = d.supervisorPaidFen + (provider ? 0 : due);
    const inFull = providerPaid === (d.subsidyFen ?? 0) && supervisorPaid === (d.supervisionSubsidyFen ?? 0);
    const to = nextStatus(d.status, 'pay', inFull);
    const row = await updateDiagnosis(tx, d.id, input.version, { providerPaidFen: providerPaid, supervisorPaidFen: supervisorPaid, status: to });
    await recordStep(tx, actor, d, 'pay', to, `支付${provider ? '服务商诊断服务费' : '监理费用'} ${formatFen(due)},凭证号 ${input.voucher}`);
    await appendAudit(tx, actor, { action: 'disburse', entity: 'diagnosis', entityId: d.id, after: { payee: input.payee, amountFen: due, voucher: input.voucher, paidOn: input.paidOn } });
    return diagnosisDetail(tx, row);
  });
}
