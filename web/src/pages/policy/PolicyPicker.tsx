// Choosing a policy text, shared by the calculator and the batch page: texts in force first, then
// the newest, each labelled with its city, short title and document number.
import { Select } from 'antd';
import type { PolicySummary } from '../../api/types.ts';

export function orderPolicies(policies: PolicySummary[]): PolicySummary[] {
  return [...policies].sort((a, b) => Number(b.validity.status === 'in_force') - Number(a.validity.status === 'in_force')
    || b.issueDate.localeCompare(a.issueDate));
}

export function PolicyPicker({ policies, value, onChange, testId }: {
  policies: PolicySummary[]; value: string; onChange: (id: string) => void; testId: string;
}) {
  return (
    <Select style={{ width: '100%' }} value={value} onChange={onChange} data-testid={testId}
      options={policies.map((p) => ({ value: p.id, label: `${p.city} · ${p.shortTitle}${p.number ? `(${p.number})` : ''}` }))} />
  );
}
