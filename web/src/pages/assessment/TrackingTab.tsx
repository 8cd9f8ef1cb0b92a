// 月度跟踪调度 (实施意见 三(三) “实行月度跟踪调度”): per region and category, month by month, the
// cumulative completion against the target and the rate against 序时进度 (month ÷ 12); cells
// behind schedule are marked. Below, the chosen month's 调度表 across every category, with its export.
import { DownloadOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { App, Button, Card, Segmented, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { CATEGORIES, type Category, type Tracking, type TrackingCell, type TrackingRow } from '../../api/assessment.ts';
import { api, download } from '../../api/client.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { formatCount } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { categoryName } from './shared.tsx';

/** The last month with figures: December of a past year, the business month of this one, January of a future one. */
export function useLastMonth(year: number): number {
  const { date } = useBusinessDate();
  const y = Number(date.slice(0, 4));
  return year < y ? 12 : year > y ? 1 : Number(date.slice(5, 7));
}

export function useTracking(year: number, months: number[]) {
  return useQueries({
    queries: months.map((month) => ({
      queryKey: ['assessment', year, 'tracking', month],
      queryFn: () => api.get<Tracking>(`/assessment/${year}/tracking`, { month }),
    })),
  });
}

/** "12/30 · 40.00%": the completion of a cell, counts as integers. */
function CellText({ cell, category }: { cell: TrackingCell; category: Category }) {
  const { t } = useI18n();
  return (
    <Tooltip title={category === 'coverage' ? t('asc.track.coverageCell') : undefined}>
      <div className={cell.behindSchedule ? 'asc-behind' : undefined}>
        <div className="asc-nowrap">{formatCount(cell.actual)}/{formatCount(cell.target)}</div>
        <div className="asc-rate">{cell.rate}</div>
      </div>
    </Tooltip>
  );
}

export function TrackingTab({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const last = useLastMonth(year);
  const [month, setMonth] = useState<number | null>(null);
  const through = month ?? last;
  const [category, setCategory] = useState<Category>('retrofit');
  const months = Array.from({ length: through }, (_, i) => i + 1);
  const results = useTracking(year, months);
  const failed = results.find((r) => r.isError);
  const loaded = results.map((r) => r.data);
  const current = loaded[through - 1];

  const exportMonth = async () => {
    try { await download(`/assessment/${year}/tracking/export`, { month: through }, `${year}年${through}月智改数转跟踪调度表.xlsx`); } catch (e) { message.error(errorMessage(e)); }
  };

  // Month by month for one category.
  type Line = { regionId: string; regionName: string; total?: boolean };
  const lines: Line[] = current ? [...current.rows.map((r) => ({ regionId: r.regionId, regionName: r.regionName })), ...(current.rows.length > 1 ? [{ regionId: 'city', regionName: current.cityTotal.regionName, total: true }] : [])] : [];
  const cellOf = (m: number, id: string): TrackingCell | undefined => {
    const tr = loaded[m - 1];
    if (!tr) return undefined;
    return (id === 'city' ? tr.cityTotal : tr.rows.find((r) => r.regionId === id))?.cells[category];
  };
  const monthColumns: ColumnsType<Line> = [
    { title: t('ass.region'), dataIndex: 'regionName', width: 112, render: (v: string, r) => <span className="asc-nowrap">{r.total ? <strong>{v}</strong> : v}</span> },
    ...months.map((m) => ({
      title: <span className="asc-nowrap">{t('asc.monthN', { month: m })}</span>, key: `m${m}`, align: 'center' as const,
      render: (_: unknown, r: Line) => { const c = cellOf(m, r.regionId); return c ? <CellText cell={c} category={category} /> : '…'; },
    })),
  ];

  return (
    <div data-testid="assessment-tracking">
      <div className="asc-toolbar" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('asc.track.through')}</span>
          <Select value={through} style={{ width: 110 }} onChange={setMonth} data-testid="tracking-month"
            options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('asc.monthN', { month: i + 1 }), disabled: i + 1 > last }))} />
          {current ? <Typography.Text type="secondary">{t('asc.track.timeProgress', { month: through, rate: current.timeProgress })}</Typography.Text> : null}
          <Button icon={<DownloadOutlined />} onClick={() => void exportMonth()} data-testid="tracking-export">{t('asc.track.export', { month: through })}</Button>
        </Space>
      </div>
      {failed ? <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <Card size="small" title={t('asc.track.byMonth')} data-testid="tracking-by-month"
        extra={<Segmented value={category} onChange={(v) => setCategory(v as Category)} options={CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} data-testid="tracking-category" />}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Tag className="asc-behind-tag">{t('asc.track.behindLegend')}</Tag>
          <Typography.Text type="secondary">{t('asc.track.cellLegend')}</Typography.Text>
        </Space>
        {current ? (
          <Table<Line> rowKey="regionId" size="small" bordered dataSource={lines} columns={monthColumns} pagination={false} tableLayout="fixed" className="asc-matrix"
            rowClassName={(r) => (r.total ? 'asc-total-row' : '')} data-testid="tracking-matrix" />
        ) : <Skeleton active />}
      </Card>
      {current ? <DispatchTable tracking={current} /> : null}
    </div>
  );
}

/** The month's 调度表: every region × every category, as the Excel export lays it out. */
function DispatchTable({ tracking }: { tracking: Tracking }) {
  const { t } = useI18n();
  const rows: (TrackingRow & { total?: boolean })[] = [...tracking.rows, ...(tracking.rows.length > 1 ? [{ ...tracking.cityTotal, total: true }] : [])];
  const columns: ColumnsType<TrackingRow & { total?: boolean }> = [
    { title: t('ass.region'), dataIndex: 'regionName', fixed: 'left', width: 120, render: (v: string, r) => <span className="asc-nowrap">{r.total ? <strong>{v}</strong> : v}</span> },
    ...CATEGORIES.map((c) => ({
      title: categoryName(t, c), key: c, align: 'center' as const, width: 130,
      render: (_: unknown, r: TrackingRow) => <CellText cell={r.cells[c]} category={c} />,
    })),
    {
      title: t('asc.track.behindCount'), dataIndex: 'behindCount', width: 100, align: 'center',
      render: (v: number | undefined) => (v === undefined ? '' : v > 0 ? <Tag color="red">{formatCount(v)}</Tag> : <Tag color="green">0</Tag>),
    },
  ];
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('asc.track.dispatch', { year: tracking.year, month: tracking.month })} data-testid="tracking-dispatch">
      <Table rowKey="regionId" size="small" bordered dataSource={rows} columns={columns} pagination={false} scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.total ? 'asc-total-row' : '')} />
    </Card>
  );
}
