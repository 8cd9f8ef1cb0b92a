// 季度督查通报 (实施意见 三(三)): the quarter's bulletin — summary, the regions lagging and what each
// must do — with its print page (督查通报 layout, /assessment/print/:year/:quarter) and Excel.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Bulletin, BulletinFinding } from '../../api/assessment.ts';
import { api, download } from '../../api/client.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';

/** The latest quarter that has ended on the business date (Q4 of a past year, Q1 of a future one). */
export function useDefaultQuarter(year: number): number {
  const { date } = useBusinessDate();
  const y = Number(date.slice(0, 4));
  if (year < y) return 4;
  if (year > y) return 1;
  return Math.max(1, Math.floor(Number(date.slice(5, 7)) / 3));
}

export const useBulletin = (year: number, quarter: number) => useQuery({
  queryKey: ['assessment', year, 'bulletin', quarter],
  queryFn: () => api.get<Bulletin>(`/assessment/${year}/bulletins/${quarter}`),
  placeholderData: keepPreviousData,
});

export function BulletinTab({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<number | null>(null);
  const fallback = useDefaultQuarter(year);
  const quarter = chosen ?? fallback;
  const query = useBulletin(year, quarter);
  const b = query.data?.year === year && query.data.quarter === quarter ? query.data : undefined;
  const exportXlsx = async () => {
    try { await download(`/assessment/${year}/bulletins/${quarter}/export`, undefined, `${year}年第${quarter}季度督查通报.xlsx`); } catch (e) { message.error(errorMessage(e)); }
  };
  const findings: BulletinFinding[] = b ? b.findings.filter((f) => b.lagging.includes(f.regionId)) : [];

  return (
    <div data-testid="assessment-bulletin">
      <div className="asc-toolbar" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('asc.bul.quarter')}</span>
          <Select value={quarter} style={{ width: 140 }} onChange={setChosen} data-testid="bulletin-quarter"
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('asc.bul.quarterN', { n: q }) }))} />
          <Button type="primary" icon={<PrinterOutlined />} href={`/assessment/print/${year}/${quarter}`} target="_blank" rel="noopener" data-testid="bulletin-print">
            {t('asc.bul.print')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>{t('asc.bul.export')}</Button>
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!b && query.isFetching ? <Card><Skeleton active /></Card> : null}
      {b ? (
        <Card size="small" title={b.title} data-testid="bulletin-preview">
          <Typography.Paragraph style={{ textIndent: '2em' }}>{b.summary}</Typography.Paragraph>
          <Typography.Title level={5}>{t('asc.bul.lagging')}</Typography.Title>
          {findings.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('asc.bul.noLagging')} /> : (
            <Table<BulletinFinding> rowKey="regionId" size="small" pagination={false} dataSource={findings} tableLayout="fixed"
              columns={[
                { title: t('ass.region'), dataIndex: 'regionName', width: 120, render: (v: string, f) => <span className="asc-nowrap">{v} <Tag>{t('asc.bul.rank', { n: f.rank })}</Tag></span> },
                { title: t('asc.bul.reasons'), dataIndex: 'reasons', render: (r: string[]) => <ol className="asc-ol">{r.map((x, i) => <li key={i}>{x}</li>)}</ol> },
                { title: t('asc.bul.actions'), dataIndex: 'actions', render: (r: string[]) => <ol className="asc-ol">{r.map((x, i) => <li key={i}>{x}</li>)}</ol> },
              ]} />
          )}
        </Card>
      ) : null}
    </div>
  );
}
