// Shows an API error: in Chinese as the API wrote it (with the field's label), in English as the
// sentence web/src/lib/errors-i18n.ts makes from its code, field and details.
import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.ts';
import { currentErrorLang, errorFieldLabel, translateError } from '../lib/errors-i18n.ts';
import { useI18n } from '../lib/i18n.tsx';

export function errorMessage(error: unknown): string {
  const lang = currentErrorLang();
  if (error instanceof ApiError) return translateError(error, lang);
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  // The English sentence already names the field; the Chinese message may not.
  const label = error instanceof ApiError && lang === 'zh' ? errorFieldLabel(error.field, 'zh') : undefined;
  const field = label && !errorMessage(error).includes(label) ? label : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t('common.loadError')}
      description={<span>{errorMessage(error)}{field ? <span className="zgsz-error-field">({t('common.field')}:{field})</span> : null}</span>}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}
