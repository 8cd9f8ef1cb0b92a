// What a diagnosis may cost and who pays, read from the policy texts as data (measures.yaml and
// parameters.yaml of each city), never from constants here:
//
// - 苏州 (五) caps the fee itself: "工厂诊断服务费不高于20万元/家,车间诊断服务费不高于5万元/家". A fee
//   above the cap is refused; the fund pays the whole fee (the service is free to the enterprise).
//   The city's yearly quota is "市级每年为全市40家工厂、600家车间" (parameters diagnosis.*_quota).
//   The text gives no amount for 监理, so its fee is what the procurement contract says.
// - 扬州 附件1 二(四) fixes the subsidy: "工厂诊断服务费补助20万元/家 … 监理费用0.5万元/家" — a 定额 (the
//   measures' own reading). The fund pays that amount but never more than the contracted fee (a
//   subsidy above the cost would pay for nothing); any rest of the fee is the enterprise's. No
//   yearly quota is written; 400 / 1,500 in 实施意见 二(五) are programme goals, not caps.
import { invalid } from '../errors.ts';
import { resolveParameters } from '../policy/parameters.ts';
import { formatFen } from '../policy/format.ts';
import type { Measure, Policy } from '../policy/types.ts';

export const SCOPES = ['chain', 'factory', 'workshop'] as const;
export type DiagnosisScope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<DiagnosisScope, string> = { chain: '重点产业链', factory: '工厂', workshop: '车间' };

export interface FeeTerms {
  readonly policyId: string;
  readonly measureId: string;
  readonly clause: string;
  readonly quote: string;
  /** cap: the fee may not exceed `amountFen`; fixed: the fund pays `amountFen`, at most the fee. */
  readonly rule: 'cap' | 'fixed';
  readonly amountFen: number;
  /** The city's yearly quota for this scope, when the text sets one. */
  readonly cityQuota: number | null;
  readonly quotaQuote: string | null;
  /** Supervision (监理): the measure paying it and its fixed amount, when the text fixes one. */
  readonly supervision: { readonly measureId: string; readonly clause: string; readonly quote: string; readonly amountFen: number | null };
}

/** The diagnosis measure of a scope: the one whose condition is the fact diagnosis_<scope>, not the 监理 one. */
const onFact = (m: Measure, path: string) => m.conditions.some((c) => c.kind === 'is' && c.fact.path === path);

function scopeMeasure(policy: Policy, scope: DiagnosisScope): Measure | undefined {
  return policy.measures.find((m) => m.topic === 'diagnosis' && m.amount && onFact(m, `diagnosis_${scope}`) && !onFact(m, 'diagnosis_supervised'));
}

function supervisionMeasure(policy: Policy): Measure | undefined {
  return policy.measures.find((m) => m.topic === 'diagnosis' && onFact(m, 'diagnosis_supervised'));
}

/** The scopes a city's text pays for (苏州 has no 产业链 diagnosis). */
export function scopesOf(policy: Policy): DiagnosisScope[] {
  return SCOPES.filter((s) => scopeMeasure(policy, s));
}

export function feeTerms(policy: Policy, scope: DiagnosisScope, date: string): FeeTerms {
  const measure = scopeMeasure(policy, scope);
  if (!measure || !measure.amount || measure.amount.kind === 'rate') {
    throw invalid('scope', `${policy.shortTitle}没有${SCOPE_LABELS[scope]}诊断的条款;可选:${scopesOf(policy).map((s) => `${s}(${SCOPE_LABELS[s]})`).join('、')}`);
  }
  const params = resolveParameters(policy, date);
  const money = (name: string) => params.get(name)!.value as number;
  const quotaParam = measure.quota ? params.get(measure.quota) : undefined;
  const sup = supervisionMeasure(policy);
  const supAmount = sup?.amount && sup.amount.kind !== 'rate' ? money(sup.amount.value) : null;
  return {
    policyId: policy.id,
    measureId: measure.id,
    clause: measure.clause,
    quote: measure.quote,
    rule: measure.amount.kind === 'fixed' ? 'fixed' : 'cap',
    amountFen: money(measure.amount.value),
    cityQuota: quotaParam ? (quotaParam.value as number) : null,
    quotaQuote: quotaParam ? `${quotaParam.parameter.clause}“${quotaParam.parameter.words}”` : null,
    supervision: sup
      ? { measureId: sup.id, clause: sup.clause, quote: sup.quote, amountFen: supAmount }
      : { measureId: measure.id, clause: measure.clause, quote: '全过程监理(原文未规定监理费用金额,按采购合同)', amountFen: null },
  };
}

function positiveFen(value: unknown, field: string, label: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw invalid(field, `${label}须为正整数(单位:分)`);
  return value;
}

/** What the fund pays of a contracted fee, or INVALID naming the field and the clause. */
export function subsidyFor(terms: FeeTerms, scope: DiagnosisScope, fee: unknown): { feeFen: number; subsidyFen: number; enterpriseShareFen: number } {
  const feeFen = positiveFen(fee, 'feeFen', '诊断服务费');
  if (terms.rule === 'cap') {
    if (feeFen > terms.amountFen) {
      throw invalid('feeFen', `${SCOPE_LABELS[scope]}诊断服务费 ${formatFen(feeFen)} 超过上限:${terms.clause}“${terms.quote}”`);
    }
    return { feeFen, subsidyFen: feeFen, enterpriseShareFen: 0 };
  }
  const subsidyFen = Math.min(feeFen, terms.amountFen);
  return { feeFen, subsidyFen, enterpriseShareFen: feeFen - subsidyFen };
}

export function supervisionSubsidyFor(terms: FeeTerms, fee: unknown): { feeFen: number; subsidyFen: number } {
  const feeFen = positiveFen(fee, 'supervisionFeeFen', '监理费用');
  const fixed = terms.supervision.amountFen;
  return { feeFen, subsidyFen: fixed === null ? feeFen : Math.min(feeFen, fixed) };
}
