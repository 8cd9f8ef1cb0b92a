// An amount typed as a decimal string with its unit (万元 or 元). The text is kept as typed and
// turned into integer fen by parseFen (exact string arithmetic), so no binary fraction ever reaches
// the API. Works as an antd Form control (value/onChange) and on its own.
import { Input, Select, Space } from 'antd';
import { type MoneyUnit, parseFen } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';

/** The unit as a reader of the language says it; the value stays 万元/元. */
export const unitLabel = (u: MoneyUnit, lang: 'zh' | 'en') => (lang === 'zh' ? u : u === '万元' ? '×10k yuan' : 'yuan');

export interface MoneyValue { amount: string; unit: MoneyUnit }

export const emptyMoney = (unit: MoneyUnit = '万元'): MoneyValue => ({ amount: '', unit });

/** The fen of a MoneyValue, or null when it is empty or not a valid amount. */
export const moneyFen = (v: MoneyValue | undefined | null): number | null => (v && v.amount.trim() !== '' ? parseFen(v.amount, v.unit) : null);

/** An antd Form rule: required (optional) and a valid amount with at most the unit's decimals. */
export function moneyRule(messages: { required?: string; invalid: string }) {
  return {
    validator: (_: unknown, v?: MoneyValue) => {
      if (!v || v.amount.trim() === '') return messages.required ? Promise.reject(new Error(messages.required)) : Promise.resolve();
      return parseFen(v.amount, v.unit) === null ? Promise.reject(new Error(messages.invalid)) : Promise.resolve();
    },
  };
}

export function MoneyInput({ value, onChange, id, testId, disabled, units = ['万元', '元'], placeholder }: {
  value?: MoneyValue; onChange?: (v: MoneyValue) => void; id?: string; testId?: string; disabled?: boolean; units?: MoneyUnit[]; placeholder?: string;
}) {
  const { lang } = useI18n();
  const v = value ?? emptyMoney(units[0]);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id} inputMode="decimal" value={v.amount} disabled={disabled} placeholder={placeholder} autoComplete="off"
        onChange={(e) => onChange?.({ amount: e.target.value, unit: v.unit })} data-testid={testId}
        style={{ textAlign: 'right' }}
      />
      <Select<MoneyUnit>
        value={v.unit} style={{ width: lang === 'zh' ? 84 : 116 }} disabled={disabled || units.length < 2} onChange={(unit) => onChange?.({ amount: v.amount, unit })}
        options={units.map((u) => ({ value: u, label: unitLabel(u, lang) }))} data-testid={testId ? `${testId}-unit` : undefined}
      />
    </Space.Compact>
  );
}
