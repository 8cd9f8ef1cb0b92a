// A background job's state as a tag, the same in every list of jobs (exports, batch runs).
import { Tag } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

export function JobStateTag({ status }: { status: 'queued' | 'running' | 'done' | 'failed' }) {
  const { t } = useI18n();
  if (status === 'failed') return <Tag color="error">{t('exp.stFailed')}</Tag>;
  if (status === 'done') return <Tag color="success">{t('exp.stDone')}</Tag>;
  return <Tag color="processing">{status === 'queued' ? t('exp.stQueued') : t('exp.stRunning')}</Tag>;
}
