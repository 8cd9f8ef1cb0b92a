// Excel import: check first (dryRun=true), then import. The server refuses the whole file when any
// row is wrong and lists every error by row and column; the check lists the existing files the
// import would change, field by field, and importing after it asks for confirmation. A row exported
// before a newer edit of its file is refused on the 档案版本 column.
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Typography } from 'antd';
import { download } from '../../api/client.ts';
import type { ImportReport } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { CheckImportButtons, ImportChangesTable, rejectedTitle, RowErrorTable, useXlsxUpload, XlsxPicker } from '../../components/XlsxUpload.tsx';
import { formatCount } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';

export default function EnterpriseImportPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { file, pick, report, error, busy, send } = useXlsxUpload<ImportReport>('/enterprises/import', async () => {
    await queryClient.invalidateQueries({ queryKey: ['enterprises'] });
    await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  });

  const exportTemplate = async () => {
    try {
      await download('/enterprises/export', undefined, '企业档案.xlsx');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  // After a check that found changes to existing files, 导入 asks once more, naming how many.
  const onSend = (dryRun: boolean) => {
    const pending = report && report.dryRun && report.errors.length === 0 ? report.changesTotal : 0;
    if (dryRun || pending === 0) {
      void send(dryRun);
      return;
    }
    modal.confirm({
      title: t('imp.confirmTitle'), content: t('imp.confirmChanges', { n: formatCount(pending) }),
      okText: t('imp.commit'), cancelText: t('common.cancel'), onOk: () => send(false),
    });
  };

  return (
    <div className="zgsz-page" data-testid="enterprise-import">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('imp.title')}</Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void exportTemplate()}>{t('imp.template')}</Button>
      </div>
      <Card size="small">
        <Typography.Paragraph>{t('imp.help')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('imp.columns')}</Typography.Paragraph>
        <XlsxPicker file={file} onPick={pick} />
        <CheckImportButtons onSend={onSend} busy={busy} disabled={!file} testIdPrefix="import" />
      </Card>
      {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
      {report ? <ReportView report={report} /> : null}
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const ok = report.errors.length === 0;
  const title = !ok ? rejectedTitle(t, report) : report.committed ? t('imp.committed') : t('imp.checkedOk');
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="import-report">
      <Alert type={ok ? 'success' : 'error'} showIcon title={title} style={{ marginBottom: 12 }} />
      <Typography.Text data-testid="import-summary">
        {t('imp.summary', { rows: formatCount(report.rows), created: formatCount(report.created), updated: formatCount(report.updated), unchanged: formatCount(report.unchanged) })}
      </Typography.Text>
      {!ok ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('imp.errors')}</Typography.Title>
          <RowErrorTable errors={report.errors} testId="import-errors" columnWidth={180} />
        </>
      ) : null}
      {ok ? <ImportChangesTable changes={report.changes} total={report.changesTotal} committed={report.committed} testId="import-changes" /> : null}
    </Card>
  );
}
