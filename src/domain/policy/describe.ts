// A measure's rule in plain Chinese, for `zgsz policies show` and the API's measure detail.
import { BOUNDARY_WORDS } from './boundary-words.ts';
import { formatCount, formatFen, formatRate } from './format.ts';
import { FREQUENCY_LABEL, PAYER_LABEL, type Condition, type Measure, type ParameterSnapshot, type Policy, type Rate } from './types.ts';
import { measureHeader } from './explain.ts';

function param(snap: ParameterSnapshot, name: string): string {
  const r = snap.get(name)!;
  if (r.parameter.type === 'money') return formatFen(r.value as number);
  if (r.parameter.type === 'rate') return formatRate(r.value as Rate);
  return formatCount(r.value as number, r.parameter.unit ?? '');
}

export function describeCondition(policy: Policy, c: Condition, snap: ParameterSnapshot): string {
  switch (c.kind) {
    case 'compare': {
      const t = c.threshold.kind === 'param' ? param(snap, c.threshold.name) : c.threshold.text;
      return `${c.fact.def.label}${BOUNDARY_WORDS[c.word]!.requirement(t)}(“${c.word}”${c.op === '>=' || c.op === '<=' ? '含' : '不含'}本数)`;
    }
    case 'in': return `${c.fact.def.label}: ${c.text ?? c.values.map((v) => c.fact.def.values!.get(v)).join('或')}`;
    case 'equals': return `${c.fact.def.label}: ${c.fact.def.values?.get(String(c.value)) ?? `${c.value}${c.fact.def.unit ?? ''}`}`;
    case 'is': return `${c.fact.def.label}: ${c.value ? '是' : '否'}`;
    case 'recognitions': {
      const labels = policy.facts.facts.get('recognitions')!.values!;
      return `本年度新获 ${c.codes.map((x) => labels.get(x)).join('、')}${c.codes.length > 1 ? ' 之一' : ''}`;
    }
    case 'any': return `满足其一: ${c.conditions.map((x) => describeCondition(policy, x, snap)).join(';')}`;
  }
}

export function describeAmount(m: Measure, snap: ParameterSnapshot, itemLabel = '项目'): string {
  const a = m.amount;
  if (!a) return '无可计算金额(仅记录原文)';
  if (a.kind === 'fixed' || a.kind === 'up_to') {
    const base = a.kind === 'fixed' ? `定额 ${param(snap, a.value)}` : `最高 ${param(snap, a.value)}`;
    if (!a.each) return base;
    return `${base},分别计算(× ${a.each.kind === 'recognitions' ? '获批项数' : a.each.fact.def.label})`;
  }
  const band = a.exact
    ? param(snap, a.rateMin!)
    : a.rateMin && a.rateMax ? `${param(snap, a.rateMin)}~${param(snap, a.rateMax)}` : a.rateMax ? `不高于${param(snap, a.rateMax)}` : `不低于${param(snap, a.rateMin!)}`;
  const parts = [`按${a.base.def.label}的${band}`];
  if (a.floor) parts.push(`不低于${param(snap, a.floor)}`);
  for (const cap of a.caps) {
    parts.push(`${cap.scope === 'per_item' ? `单个${itemLabel}` : cap.scope === 'per_enterprise_year' ? '单个企业每年' : ''}最高${param(snap, cap.param)}`);
  }
  if (!a.rateMax && !a.caps.length) parts.push('上限未规定');
  return parts.join(',');
}

export interface MeasureDetail {
  readonly id: string;
  readonly title: string;
  readonly clause: string;
  readonly quote: string;
  readonly topic?: string;
  readonly reading?: string;
  readonly hasAmount: boolean;
  readonly applicants: readonly string[];
  readonly scope: readonly string[];
  readonly payer?: string;
  readonly frequency?: string;
  readonly forEach?: string;
  readonly conditions: readonly string[];
  readonly amount: string;
  readonly quota?: string;
  readonly exclusiveGroup?: string;
  readonly parameters: readonly { name: string; label: string; clause: string; words: string; values: readonly { from: string; value: string }[] }[];
}

function parametersOf(m: Measure): string[] {
  const names = new Set<string>();
  const visit = (c: Condition) => {
    if (c.kind === 'any') c.conditions.forEach(visit);
    else if (c.kind === 'compare' && c.threshold.kind === 'param') names.add(c.threshold.name);
  };
  m.conditions.forEach(visit);
  const a = m.amount;
  if (a?.kind === 'fixed' || a?.kind === 'up_to') names.add(a.value);
  if (a?.kind === 'rate') {
    for (const n of [a.rateMin, a.rateMax, a.floor]) if (n) names.add(n);
    for (const cap of a.caps) names.add(cap.param);
  }
  if (m.quota) names.add(m.quota);
  return [...names];
}

/** Everything about one measure a reader needs: its words, its rule, its dated parameters. */
export function measureDetail(policy: Policy, m: Measure, snap: ParameterSnapshot): MeasureDetail {
  const typeLabels = policy.facts.facts.get('applicant_type')!.values!;
  return {
    ...measureHeader(m),
    ...(m.reading !== undefined && { reading: m.reading }),
    hasAmount: m.amount !== undefined,
    applicants: m.applicantTypes.map((t) => typeLabels.get(t) ?? t),
    scope: policy.applicants.conditions.map((c) => describeCondition(policy, c, snap)),
    ...(m.payer && { payer: PAYER_LABEL[m.payer] }),
    ...(m.frequency && { frequency: FREQUENCY_LABEL[m.frequency] }),
    ...(m.forEach !== undefined && { forEach: m.forEach }),
    conditions: m.conditions.map((c) => describeCondition(policy, c, snap)),
    amount: describeAmount(m, snap, policy.facts.facts.get(m.forEach ?? '')?.itemLabel),
    ...(m.quota !== undefined && { quota: `${snap.get(m.quota)!.parameter.label} ${param(snap, m.quota)}` }),
    ...(m.exclusiveGroup !== undefined && { exclusiveGroup: m.exclusiveGroup }),
    parameters: parametersOf(m).map((name) => {
      const p = policy.parameters.get(name)!;
      return { name, label: p.label, clause: p.clause, words: p.words, values: p.values.map((v) => ({ from: v.from, value: v.text })) };
    }),
  };
}
