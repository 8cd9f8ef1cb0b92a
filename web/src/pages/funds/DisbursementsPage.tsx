// 拨付: the approved applications with what was approved, the 启动资金, what was paid and reclaimed,
// what may be paid now and the 验收 result; finance records 拨付 (date, voucher, amount, purpose) and,
// after a failed 验收, 追回. Everyone here may download the payments workbook (one row per payment).
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Input, Radio, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, download } from '../../api/client.ts';
import type { Application } from '../../api/applications.ts';
import type { Page } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatCount, formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { AcceptanceTag, payerLabel } from '../applications/shared.tsx';
import { useYears } from './FundsPage.tsx';
import { DisburseModal, payable, ReclaimModal } from './PaymentModals.tsx';

type Show = 'all' | 'payable' | 'reclaim';

export default function DisbursementsPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const { name: regionName } = useRegions();
  const { date } = useBusinessDate();
  const years = useYears();
  const [year, setYear] = useState<number>(Number(date.slice(0, 4)));
  const [city, setCity] = useState<'yangzhou' | 'suzhou' | undefined>();
  const [q, setQ] = useState('');
  const [show, setShow] = useState<Show>('all');
  const [page, setPage] = useState(1);
  const [paying, setPaying] = useState<{ app: Application; kind: 'disburse' | 'reclaim' } | null>(null);
  const [downloading, setDownloading] = useState(false);
  const mayPay = can(user.role, 'funds.disburse');
  const query = useQuery({
    queryKey: ['applications', 'approved', year, q, page],
    queryFn: () => api.get<Page<Application>>('/applications', { status: 'approved', year, q: q || undefined, page, pageSize: 100 }),
    placeholderData: keepPreviousData,
  });
  const rows = (query.data?.items ?? [])
    .filter((a) => !city || a.city === city)
    .filter((a) => show === 'all' || (show === 'payable' ? payable(a) > 0 : a.acceptance === 'failed' && a.disbursedFen > a.reclaimedFen));

  const exportFile = async () => {
    setDownloading(true);
    try {
      await download('/reports/payments.xlsx', { year, city }, '资金拨付台账.xlsx');
      message.success(t('ent.exported'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  const columns: ColumnsType<Application> = [
    { title: t('apl.number'), dataIndex: 'number', width: 145, render: (v: string, a) => <Link to={`/applications/${a.id}`} className="zgsz-mono">{v}</Link> },
    { title: t('apl.enterprise'), dataIndex: 'enterpriseName', width: 200, render: (v: string | null, a) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{regionName(a.regionId)}</Typography.Text></span> },
    { title: t('apl.measure'), dataIndex: 'measureTitle', render: (v: string, a) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{a.clause} · {payerLabel(a.payer, t)}</Typography.Text></span> },
    {
      title: t('apl.approved'), dataIndex: 'approvedFen', width: 130, align: 'right',
      render: (v: number | null, a) => (
        <span>
          <span className="zgsz-amount">{v === null ? '—' : formatMoney(v)}</span>
          {a.advanceFen ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('apl.advance')} {formatMoney(a.advanceFen)}</Typography.Text> : null}
        </span>
      ),
    },
    {
      title: t('apl.disbursed'), dataIndex: 'disbursedFen', width: 120, align: 'right',
      render: (v: number, a) => (
        <span>
          {formatMoney(v)}
          {a.reclaimedFen ? <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{t('apl.reclaimed')} {formatMoney(a.reclaimedFen)}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('pay.payableNow'), key: 'payable', width: 115, align: 'right', render: (_, a) => <span className={payable(a) ? 'zgsz-amount' : ''}>{formatMoney(payable(a))}</span> },
    { title: t('apl.acceptanceCol'), dataIndex: 'acceptance', width: 95, render: (v: Application['acceptance']) => <AcceptanceTag acceptance={v} /> },
    {
      title: t('common.actions'), key: 'actions', width: 110, fixed: 'right',
      render: (_, a) => (mayPay ? (
        <Space size={4}>
          {a.acceptance !== 'failed' ? (
            <Button size="small" type="primary" disabled={!payable(a)} onClick={() => setPaying({ app: a, kind: 'disburse' })} data-testid={`disburse-${a.number}`}>{t('pay.disburse')}</Button>
          ) : null}
          {a.acceptance === 'failed' && a.disbursedFen > a.reclaimedFen ? (
            <Button size="small" danger onClick={() => setPaying({ app: a, kind: 'reclaim' })} data-testid={`reclaim-${a.number}`}>{t('pay.reclaim')}</Button>
          ) : null}
        </Space>
      ) : <Link to={`/applications/${a.id}`}>{t('common.view')}</Link>),
    },
  ];

  return (
    <div className="zgsz-page" data-testid="disbursements-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('pay.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void exportFile()} data-testid="download-payments">{t('pay.download')}</Button>
        </Space>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('pay.help')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t('fund.year')}</span>
          <Select value={year} style={{ width: 100 }} onChange={(v: number) => { setYear(v); setPage(1); }} options={years.map((v) => ({ value: v, label: String(v) }))} />
          <Select allowClear placeholder={t('fund.anyCity')} value={city} style={{ width: 120 }} onChange={setCity}
            options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} />
          <Input.Search allowClear placeholder={t('apl.searchPlaceholder')} style={{ width: 280 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} enterButton={t('common.search')} />
          <Radio.Group value={show} onChange={(e) => setShow(e.target.value as Show)} optionType="button"
            options={[{ value: 'all', label: t('pay.show.all') }, { value: 'payable', label: t('pay.show.payable') }, { value: 'reclaim', label: t('pay.show.reclaim') }]} />
        </Space>
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<Application>
          rowKey="id" size="small" columns={columns} dataSource={rows} loading={query.isFetching} scroll={{ x: 1150 }} data-testid="disbursement-table"
          pagination={{
            current: page, pageSize: 100, total: query.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage,
            showTotal: (n) => t('common.total', { total: formatCount(n) }),
          }}
        />
      </Card>
      {paying?.kind === 'disburse' ? <DisburseModal application={paying.app} open onClose={() => setPaying(null)} /> : null}
      {paying?.kind === 'reclaim' ? <ReclaimModal application={paying.app} open onClose={() => setPaying(null)} /> : null}
    </div>
  );
}
