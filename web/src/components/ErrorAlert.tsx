// Shows an API error as the API wrote it (Chinese message, with the field it names).
import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../lib/i18n.tsx';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  const field = error instanceof ApiError ? error.field : undefined;
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
