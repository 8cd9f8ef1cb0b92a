// Excel import: check first (dryRun=true), then import. The server refuses the whole file when any
// row is wrong and lists every error by row and column.
import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { download, request } from '../../api/client.ts';
import type { ImportReport } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { formatCount } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function EnterpriseImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) {
      message.warning(t('imp.noFile'));
      return;
    }
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    try {
      const r = await request<ImportReport>('POST', '/enterprises/import', {
        query: { dryRun }, raw: { data: file, contentType: XLSX_MIME }, acceptStatus: [422],
      });
      setReport(r);
      if (r.committed) {
        await queryClient.invalidateQueries({ queryKey: ['enterprises'] });
        await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      }
    } catch (e) {
      setReport(null);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const exportTemplate = async () => {
    try {
      await download('/enterprises/export', undefined, '企业档案.xlsx');
    } catch (e) {
      message.error(errorMessage(e));
    }
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
        <Upload.Dragger
          accept=".xlsx" maxCount={1} multiple={false}
          fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: 'done' }] : []}
          beforeUpload={(f) => {
            if (!f.name.toLowerCase().endsWith('.xlsx')) {
              message.error(t('imp.wrongType'));
              return Upload.LIST_IGNORE;
            }
            setFile(f);
            setReport(null);
            setError(null);
            return false;
          }}
          onRemove={() => { setFile(null); setReport(null); }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('imp.choose')}</p>
        </Upload.Dragger>
        <Space style={{ marginTop: 12 }}>
          <Button icon={<CheckCircleOutlined />} onClick={() => void send(true)} loading={busy === 'check'} disabled={!file || busy !== null} data-testid="import-check">
            {t('imp.dryRun')}
          </Button>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => void send(false)} loading={busy === 'import'} disabled={!file || busy !== null} data-testid="import-commit">
            {t('imp.commit')}
          </Button>
        </Space>
      </Card>
      {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
      {report ? <ReportView report={report} /> : null}
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const ok = report.errors.length === 0;
  const title = !ok ? t('imp.rejected', { n: formatCount(report.errors.length) }) : report.committed ? t('imp.committed') : t('imp.checkedOk');
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="import-report">
      <Alert type={ok ? 'success' : 'error'} showIcon title={title} style={{ marginBottom: 12 }} />
      <Typography.Text data-testid="import-summary">
        {t('imp.summary', { rows: formatCount(report.rows), created: formatCount(report.created), updated: formatCount(report.updated), unchanged: formatCount(report.unchanged) })}
      </Typography.Text>
      {!ok ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('imp.errors')}</Typography.Title>
          <Table
            size="small" rowKey={(r) => `${r.row}-${r.column}-${r.message}`} dataSource={report.errors} data-testid="import-errors"
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
            columns={[
              { title: t('imp.row'), dataIndex: 'row', width: 80 },
              { title: t('imp.column'), dataIndex: 'column', width: 180 },
              { title: t('imp.message'), dataIndex: 'message' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
