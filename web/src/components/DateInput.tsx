// A calendar date as the API speaks it ('YYYY-MM-DD' strings), picked with antd's calendar and shown
// in the reader's convention: 2023-06-01 in Chinese, 1 Jun 2023 in English. The browser's own
// <input type="date"> would show the operating system's format (MM/DD/YYYY) whatever the language.
// Works as an antd Form control (value/onChange) and on its own.
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';
import { useI18n } from '../lib/i18n.tsx';

const ISO = 'YYYY-MM-DD';
/** The display format first; the ISO form is accepted when typed in either language. */
export const DATE_FORMATS = { zh: [ISO], en: ['D MMM YYYY', ISO] } as const;

export function DateInput({ value, onChange, min, max, id, testId, style, disabled, allowClear = false }: {
  value?: string | null; onChange?: (value: string) => void; min?: string | null; max?: string | null; id?: string; testId?: string;
  style?: CSSProperties; disabled?: boolean; allowClear?: boolean;
}) {
  const { lang } = useI18n();
  const parsed = value ? dayjs(value, ISO, true) : null;
  const minDay = min ? dayjs(min, ISO) : null;
  const maxDay = max ? dayjs(max, ISO) : null;
  return (
    <DatePicker
      id={id} value={parsed?.isValid() ? parsed : null} format={[...DATE_FORMATS[lang]]} disabled={disabled} allowClear={allowClear}
      minDate={minDay ?? undefined} maxDate={maxDay ?? undefined}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format(ISO) : '')}
      style={{ width: '100%', ...style }} data-testid={testId}
    />
  );
}
