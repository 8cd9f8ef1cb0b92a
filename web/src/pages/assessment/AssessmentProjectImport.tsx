// 项目批量填报 on the assessment page: a region officer (or the city) files counted projects from an
// .xlsx in the layout of docs/assessment.md. Check first (dryRun=true), then import; the server
// refuses the whole file when any row is wrong and lists every error by row and column.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Typography } from 'antd';
import type { ProjectImportReport } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CheckImportButtons, rejectedTitle, RowErrorTable, useXlsxUpload, XlsxPicker } from '../../components/XlsxUpload.tsx';
import { formatCount } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';

export function AssessmentProjectImport() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { file, pick, report, error, busy, send } = useXlsxUpload<ProjectImportReport>('/assessment/projects/import', async (r) => {
    message.success(t('assImp.committed', { n: formatCount(r.created) }));
    await queryClient.invalidateQueries({ queryKey: ['assessment'] });
  });

  const ok = report && report.errors.length === 0;
  const title = !report ? '' : !ok ? rejectedTitle(t, report)
    : report.committed ? t('assImp.committed', { n: formatCount(report.created) }) : t('assImp.checkedOk', { n: formatCount(report.rows) });

  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('assImp.title')} data-testid="project-import">
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('assImp.help')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="project-import-columns">{t('assImp.columns')}</Typography.Paragraph>
      <XlsxPicker file={file} onPick={pick} />
      <CheckImportButtons onSend={(dryRun) => void send(dryRun)} busy={busy} disabled={!file} testIdPrefix="project-import" />
      {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
      {report ? (
        <div style={{ marginTop: 12 }} data-testid="project-import-report">
          <Alert type={ok ? 'success' : 'error'} showIcon title={title} data-testid="project-import-result" />
          {!ok ? <div style={{ marginTop: 12 }}><RowErrorTable errors={report.errors} testId="project-import-errors" columnWidth={220} /></div> : null}
        </div>
      ) : null}
    </Card>
  );
}
