// 项目批量填报 on the assessment page: a region officer (or the city) files counted projects from an
// .xlsx in the layout of docs/assessment.md. Check first (dryRun=true), then import; the server
// refuses the whole file when any row is wrong and lists every error by row and column.
import { CheckCircleOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { request } from '../api/client.ts';
import type { ProjectImportReport } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatCount } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function AssessmentProjectImport() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ProjectImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    try {
      const r = await request<ProjectImportReport>('POST', '/assessment/projects/import', {
        query: { dryRun }, raw: { data: file, contentType: XLSX_MIME }, acceptStatus: [422],
      });
      setReport(r);
      if (r.committed) {
        message.success(t('assImp.committed', { n: formatCount(r.created) }));
        await queryClient.invalidateQueries({ queryKey: ['assessment'] });
      }
    } catch (e) {
      setReport(null);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const ok = report && report.errors.length === 0;
  const title = !report ? '' : !ok ? t('imp.rejected', { n: formatCount(report.errors.length) })
    : report.committed ? t('assImp.committed', { n: formatCount(report.created) }) : t('assImp.checkedOk', { n: formatCount(report.rows) });

  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('assImp.title')} data-testid="project-import">
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('assImp.help')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="project-import-columns">{t('assImp.columns')}</Typography.Paragraph>
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
        <Button icon={<CheckCircleOutlined />} onClick={() => void send(true)} loading={busy === 'check'} disabled={!file || busy !== null} data-testid="project-import-check">
          {t('imp.dryRun')}
        </Button>
        <Button type="primary" icon={<UploadOutlined />} onClick={() => void send(false)} loading={busy === 'import'} disabled={!file || busy !== null} data-testid="project-import-commit">
          {t('imp.commit')}
        </Button>
      </Space>
      {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
      {report ? (
        <div style={{ marginTop: 12 }} data-testid="project-import-report">
          <Alert type={ok ? 'success' : 'error'} showIcon title={title} data-testid="project-import-result" />
          {!ok ? (
            <Table
              style={{ marginTop: 12 }} size="small" rowKey={(r) => `${r.row}-${r.column}-${r.message}`} dataSource={report.errors} data-testid="project-import-errors"
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('imp.row'), dataIndex: 'row', width: 80 },
                { title: t('imp.column'), dataIndex: 'column', width: 220 },
                { title: t('imp.message'), dataIndex: 'message' },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
