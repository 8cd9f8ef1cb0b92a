// A reviewer approves the current step. On the chain's approval step the money is decided in the
// same transaction: the amount within the engine's range, each per-enterprise-per-year cap used in
// one conditional statement, each level's fund committed in one conditional statement, the ledger
// appended. Any refusal rolls everything back and says how much is left.
import type { Db, Executor } from '../../db/client.ts';
import { lockApplicationCountingObjections, type ApplicationRow } from '../../db/repositories/application-repository.ts';
import { appendAudit, appendAuditPending } from '../../db/repositories/audit-repository.ts';
import { commitToFundFor, fundFor, useYearlyCap, yearlyCapUsed, type FundRow } from '../../db/repositories/fund-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { checkApprovedAmount, splitByLevel } from '../../domain/funds/money-rules.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { decide } from '../../domain/workflow/kernel.ts';
import { approveSchema } from './application-input.ts';
import { applyDecision, chainOf, evaluationOf, loadApplicationFor, presentApplication, stateOf } from './application-support.ts';

const LEVEL_NAME = { city: '市级', county: '县级' } as const;

/** The fund of `level` that pays the application's measure, or a refusal naming what to set up. */
export async function payingFund(db: Executor, app: ApplicationRow, level: 'city' | 'county'): Promise<FundRow> {
  const fund = await fundFor(db, {
    city: app.city, year: app.year, level, regionId: level === 'county' ? app.regionId : null, measureKey: `${app.policyId}/${app.measureId}`,
  });
  if (!fund) {
    const where = level === 'county' ? regionById(app.regionId)?.name ?? app.regionId : regionById(app.city === 'yangzhou' ? 'yz' : 'sz')?.name ?? app.city;
    throw new DomainError('CONFLICT', `${app.year}年${where}尚未设立支付该措施的${LEVEL_NAME[level]}资金,请财政局或市工信局先设立年度资金`, 'fund');
  }
  return fund;
}

export async function approveApplication(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'applications.review');
  const input = parseOrThrow(approveSchema, raw);
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, id, 'application.read', {}, lockApplicationCountingObjections);
    const { chain } = await chainOf(tx, app);
    const decision = decide(chain, stateOf(app), { type: 'approve' }, actor, { regionId: app.regionId, enterpriseId: app.enterpriseId, openObjections: app.openObjections });
    if (!decision.approved) {
      if (input.amountFen !== undefined) throw invalid('amountFen', `“${decision.step?.name}”不核定金额:金额在批准步骤核定`);
      const row = await applyDecision(tx, app, input.version, actor, decision, 'approve', { opinion: input.opinion });
      await appendAudit(tx, actor, { action: 'approve', entity: 'application', entityId: app.id, before: { status: app.status, step: app.stepIndex }, after: { status: row.status, step: row.stepIndex } });
      return presentApplication(row, { chain });
    }

    const evaluation = evaluationOf(app);
    if (input.amountFen === undefined) throw invalid('amountFen', `批准须核定金额 amountFen(单位:分),测算结果 ${evaluation.amountText}`);
    // A per-enterprise-per-year cap lowers both ends of the range by what this year's other grants
    // already used (the engine applies it within one evaluation; here across applications).
    let min = app.minFen;
    let max = app.maxFen;
    for (const cap of evaluation.yearlyCaps) {
      const used = await yearlyCapUsed(tx, app.enterpriseId, cap.key, app.year);
      const left = Math.max(0, cap.capFen - used);
      if (typeof input.amountFen === 'number' && input.amountFen > left) {
        throw invalid('amountFen', `该企业${app.year}年已获同类奖励 ${formatFen(used)},每年最高 ${cap.text}(${evaluation.clause}),本次最多还可核定 ${formatFen(left)}`);
      }
      min = Math.min(min, left);
      max = max === null ? left : Math.min(max, left);
    }
    const amount = checkApprovedAmount(input.amountFen, { min, max, amountText: evaluation.amountText, clause: evaluation.clause });
    const parts = splitByLevel(app.payer as 'city' | 'county' | 'shared', amount, input);
    const advance = input.advanceFen ?? 0;
    if (!Number.isSafeInteger(advance) || advance < 0 || advance > amount) {
      throw invalid('advanceFen', `启动资金须为0至核定金额 ${formatFen(amount)} 之间的整数(单位:分);默认0,即事后奖补`);
    }

    // 单个企业每年最高…: what the enterprise was granted this year under the same cap.
    for (const cap of evaluation.yearlyCaps) {
      const used = await useYearlyCap(tx, { enterpriseId: app.enterpriseId, capKey: cap.key, year: app.year, capFen: cap.capFen, amount });
      if (used === undefined) {
        const already = await yearlyCapUsed(tx, app.enterpriseId, cap.key, app.year);
        throw invalid('amountFen', `该企业${app.year}年已获同类奖励 ${formatFen(already)},每年最高 ${cap.text}(${evaluation.clause}),本次最多还可核定 ${formatFen(Math.max(0, cap.capFen - already))}`);
      }
    }
    const row = await applyDecision(tx, app, input.version, actor, decision, 'approve', {
      opinion: input.opinion,
      set: { approvedFen: amount, cityPartFen: parts.city, countyPartFen: parts.county, advanceFen: advance, decidedAt: new Date() },
    });
    // The fund last: its row is the one every approval of the year waits on, so it is held only
    // from here to the commit.
    for (const level of ['city', 'county'] as const) {
      if (parts[level] === 0) continue;
      const fund = await commitToFundFor(tx, {
        city: app.city, year: app.year, level, regionId: level === 'county' ? app.regionId : null, measureKey: `${app.policyId}/${app.measureId}`,
      }, parts[level], { applicationId: app.id, clause: evaluation.clause, note: `批准 ${app.number},${LEVEL_NAME[level]}承担`, actorName: actor.displayName ?? actor.name });
      if (!fund) {
        const existing = await payingFund(tx, app, level); // throws when there is no such fund
        const left = existing.budgetFen - existing.committedFen;
        throw new DomainError('CONFLICT', `${existing.name}余额不足:预算 ${formatFen(existing.budgetFen)},已占用 ${formatFen(existing.committedFen)},剩余 ${formatFen(left)},本次需 ${formatFen(parts[level])}`, 'amountFen', { fundId: existing.id, remainingFen: left });
      }
    }
    // Written beside the chain and linked within a second (or before any read of the log): the
    // approval does not wait on the chain head, the one row every audited write shares.
    await appendAuditPending(tx, actor, [{
      action: 'approve', entity: 'application', entityId: app.id, before: { status: app.status },
      after: { status: row.status, approvedFen: amount, cityPartFen: parts.city, countyPartFen: parts.county, advanceFen: advance, clause: evaluation.clause },
    }]);
    return presentApplication(row, { chain });
  });
}
