// A measure's rule in plain Chinese, for `zgsz policies show` and the API's measure detail.
import { BOUNDARY_WORDS } from './boundary-words.ts';
import { formatCount, formatFen, formatRate } from './format.ts';
import type { Condition, Measure, ParameterSnapshot, Policy, Rate } from './types.ts';

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

export function describeAmount(m: Measure, snap: ParameterSnapshot): string {
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
    parts.push(`${cap.scope === 'per_item' ? '单个项目' : cap.scope === 'per_enterprise_year' ? '单个企业每年' : ''}最高${param(snap, cap.param)}`);
  }
  if (!a.rateMax && !a.caps.length) parts.push('上限未规定');
  return parts.join(',');
}
