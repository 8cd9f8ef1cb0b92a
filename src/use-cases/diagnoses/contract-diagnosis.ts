// 签约: the provider records the contracted fees once the 合作协议 and 采购合同 are on file. The fee
// is checked against its city's text (苏州 (五) caps the fee; 扬州 附件1 二(四) fixes the subsidy) and
// what the fund pays is committed at once — provider and supervisor each on their own ledger row,
// by one conditional statement each, so a fund is never over-committed.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { documentsOf, lockDiagnosis, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { commitToFundFor } from '../../db/repositories/fund-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { feeTerms, SCOPE_LABELS, subsidyFor, supervisionSubsidyFor, type DiagnosisScope } from '../../domain/diagnosis/terms.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { contractSchema } from './diagnosis-input.ts';
import { cityPolicy, diagnosisDetail, loadDiagnosisFor, recordStep } from './diagnosis-support.ts';

export async function contractDiagnosis(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'diagnoses.deliver');
  const input = parseOrThrow(contractSchema, raw);
  if (input.contractedOn > today) throw invalid('contractedOn', `签约日期 ${input.contractedOn} 晚于今天(${today})`);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.deliver', lockDiagnosis);
    nextStatus(d.status, 'contract');
    const policy = cityPolicy(d.city);
    if (input.contractedOn < policy.validity.from || input.contractedOn > policy.validity.to) {
      throw invalid('contractedOn', `签约日期须在${policy.shortTitle}有效期内(${policy.validity.from} 至 ${policy.validity.to})`);
    }
    const scope = d.scope as DiagnosisScope;
    const terms = feeTerms(policy, scope, input.contractedOn);
    const fee = subsidyFor(terms, scope, input.feeFen);
    const sup = supervisionSubsidyFor(terms, input.supervisionFeeFen);
    const kinds = new Set((await documentsOf(tx, d.id)).map((x) => x.kind));
    const missing = [['agreement', '合作协议'], ['contract', '采购合同']].filter(([k]) => !kinds.has(k!)).map(([, v]) => v);
    if (missing.length) throw conflict(`请先上传${missing.join('和')}(附件2 核查内容1:数字画像须有完整的合作协议、采购合同、诊断报告)`, 'documents');
    const level = d.funding === 'city' ? 'city' : 'county';
    const regionId = level === 'county' ? d.regionId : null;
    const who = actor.displayName ?? actor.name;
    const provider = await commitToFundFor(tx, { city: d.city, year: d.year, level, regionId, measureKey: `${terms.policyId}/${terms.measureId}` }, fee.subsidyFen,
      { diagnosisId: d.id, payee: 'provider', clause: terms.clause, note: `${d.number} ${SCOPE_LABELS[scope]}诊断服务费`, actorName: who });
    if (!provider) throw conflict(`${d.year}年${level === 'city' ? '市级' : '本地区'}资金没有支付该诊断的预算或余额不足 ${formatFen(fee.subsidyFen)}:请财政部门先设立或追加资金`, 'fund');
    const supervisor = await commitToFundFor(tx, { city: d.city, year: d.year, level, regionId, measureKey: `${terms.policyId}/${terms.supervision.measureId}` }, sup.subsidyFen,
      { diagnosisId: d.id, payee: 'supervisor', clause: terms.supervision.clause, note: `${d.number} 诊断监理费用`, actorName: who });
    if (!supervisor) throw conflict(`${d.year}年${level === 'city' ? '市级' : '本地区'}资金余额不足以支付监理费用 ${formatFen(sup.subsidyFen)}`, 'fund');
    const row = await updateDiagnosis(tx, d.id, input.version, {
      status: 'contracted', feeFen: fee.feeFen, subsidyFen: fee.subsidyFen, supervisionFeeFen: sup.feeFen, supervisionSubsidyFen: sup.subsidyFen, contractedOn: input.contractedOn,
    });
    const share = fee.enterpriseShareFen ? `,超出补助部分 ${formatFen(fee.enterpriseShareFen)} 由企业承担` : '';
    await recordStep(tx, actor, d, 'contract', 'contracted',
      `签约:服务费 ${formatFen(fee.feeFen)},财政支付 ${formatFen(fee.subsidyFen)}(${terms.clause}“${terms.quote}”)${share};监理费用 ${formatFen(sup.feeFen)},财政支付 ${formatFen(sup.subsidyFen)}`);
    await appendAudit(tx, actor, { action: 'contract', entity: 'diagnosis', entityId: d.id, after: { feeFen: fee.feeFen, subsidyFen: fee.subsidyFen, supervisionFeeFen: sup.feeFen, supervisionSubsidyFen: sup.subsidyFen } });
    return diagnosisDetail(tx, row);
  });
}
