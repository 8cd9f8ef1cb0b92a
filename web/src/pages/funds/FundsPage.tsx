// 资金: each year's funds of both cities and their counties — budget, committed by approvals,
// disbursed and remaining, with progress bars; a budget below the floor the policy text sets is
// flagged at the top and on its row. Finance and the city create funds and adjust budgets; every
// fund opens its ledger (each commitment, release, payment and reclaim).
import { EditOutlined, PlusOutlined, ProfileOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, Modal, Progress, Radio, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { Fund, FundDetail } from '../../api/applications.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { MoneyInput, type MoneyValue, moneyFen, moneyRule } from '../../components/MoneyInput.tsx';
import { can } from '../../lib/access.ts';
import { fenToDecimal, formatMoney, percentOf } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { LedgerTable } from '../applications/ApplicationDetailPage.tsx';

type City = 'yangzhou' | 'suzhou';

export function useYears(): number[] {
  const { date } = useBusinessDate();
  const now = Number(date.slice(0, 4));
  return Array.from({ length: Math.max(1, now - 2021 + 2) }, (_, i) => now + 1 - i);
}

export function FundUse({ fund: f }: { fund: Fund }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t('fund.useTip', { committed: percentOf(f.committedFen, f.budgetFen), disbursed: percentOf(f.disbursedFen, f.budgetFen) })}>
      <Progress
        percent={percentOf(f.committedFen, f.budgetFen)} success={{ percent: percentOf(f.disbursedFen, f.budgetFen) }} size="small"
        format={() => `${percentOf(f.committedFen, f.budgetFen)}%`}
      />
    </Tooltip>
  );
}

export default function FundsPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { name: regionName } = useRegions();
  const years = useYears();
  const [year, setYear] = useState<number | undefined>();
  const [city, setCity] = useState<City | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Fund | null>(null);
  const [ledger, setLedger] = useState<Fund | null>(null);
  const y = year ?? Number(date.slice(0, 4));
  const manage = can(user.role, 'funds.manage');
  const query = useQuery({ queryKey: ['funds', y, city], queryFn: () => api.get<Fund[]>('/funds', { year: y, city }) });
  const funds = query.data ?? [];
  const sum = (k: 'budgetFen' | 'committedFen' | 'disbursedFen' | 'remainingFen') => funds.reduce((s, f) => s + f[k], 0);
  const warnings = funds.filter((f) => f.floorWarning);

  const columns: ColumnsType<Fund> = [
    {
      title: t('fund.name'), dataIndex: 'name', width: 230,
      render: (v: string, f) => (
        <span>
          <Typography.Text strong>{v}</Typography.Text>
          <span style={{ display: 'block' }}>
            <Tag color={f.level === 'city' ? 'blue' : 'cyan'}>{t(`fund.level.${f.level}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`city.${f.city}`)}{f.regionId ? ` · ${regionName(f.regionId)}` : ''}</Typography.Text>
          </span>
        </span>
      ),
    },
    { title: t('fund.budget'), dataIndex: 'budgetFen', width: 115, align: 'right', render: (v: number) => <span className="zgsz-amount">{formatMoney(v)}</span> },
    { title: t('fund.committed'), dataIndex: 'committedFen', width: 105, align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('fund.disbursed'), dataIndex: 'disbursedFen', width: 105, align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('fund.remaining'), dataIndex: 'remainingFen', width: 115, align: 'right', render: (v: number) => <span className="zgsz-amount">{formatMoney(v)}</span> },
    { title: t('fund.use'), key: 'use', width: 150, render: (_, f) => <FundUse fund={f} /> },
    {
      title: t('fund.floor'), key: 'floor',
      render: (_, f) => (f.floorFen === null ? '—' : (
        <span>
          {f.floorWarning ? <Tag color="error" icon={<WarningOutlined />}>{t('fund.belowFloor')}</Tag> : <Tag color="success">{t('fund.floorMet')}</Tag>}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('fund.floorText', { amount: formatMoney(f.floorFen), clause: f.floorClause ?? '' })}</Typography.Text>
        </span>
      )),
    },
    {
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_, f) => (
        <Space size={4}>
          <Button size="small" type="link" style={{ paddingInline: 2 }} icon={<ProfileOutlined />} onClick={() => setLedger(f)} data-testid={`ledger-${f.id}`}>{t('fund.ledger')}</Button>
          {manage ? <Button size="small" type="link" style={{ paddingInline: 2 }} icon={<EditOutlined />} onClick={() => setEditing(f)} data-testid={`adjust-${f.id}`}>{t('fund.adjust')}</Button> : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="zgsz-page" data-testid="funds-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('fund.title')}</Typography.Title>
        <Space wrap>
          <span>{t('fund.year')}</span>
          <Select value={y} style={{ width: 100 }} onChange={setYear} options={years.map((v) => ({ value: v, label: String(v) }))} data-testid="funds-year" />
          <Select allowClear placeholder={t('fund.anyCity')} value={city} style={{ width: 120 }} onChange={setCity}
            options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} />
          {manage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-fund">{t('fund.create')}</Button> : null}
        </Space>
      </div>
      {warnings.length ? (
        <Alert
          type="error" showIcon style={{ marginBottom: 12 }} data-testid="floor-warnings" title={t('fund.floorWarnings', { n: warnings.length })}
          description={<ul className="zgsz-problems">{warnings.map((f) => (
            <li key={f.id}><b>{f.name}</b>{lang === 'zh' ? `:${f.floorWarning}` : `: ${t('lang.fund.belowFloor', { budget: formatMoney(f.budgetFen), floor: formatMoney(f.floorFen ?? 0), clause: f.floorClause ?? '' })}`}</li>
          ))}</ul>}
        />
      ) : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {([['budget', 'budgetFen'], ['committed', 'committedFen'], ['disbursed', 'disbursedFen'], ['remaining', 'remainingFen']] as const).map(([k, field]) => (
          <Col xs={12} md={6} key={k}>
            <Card size="small" className="zgsz-kpi">
              <Statistic title={t(`fund.total.${k}`)} value={formatMoney(sum(field))} loading={query.isPending} data-testid={`fund-kpi-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<Fund>
          rowKey="id" size="small" columns={columns} dataSource={funds} loading={query.isFetching} pagination={false} scroll={{ x: 1150 }}
          rowClassName={(f) => (f.floorWarning ? 'zgsz-row-warning' : '')} data-testid="fund-table" locale={{ emptyText: t('fund.empty', { year: y }) }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('fund.legend')}</Typography.Text>
      </Card>
      {manage ? <CreateFundModal open={creating} year={y} onClose={() => setCreating(false)} /> : null}
      {manage ? <AdjustFundModal fund={editing} onClose={() => setEditing(null)} /> : null}
      <LedgerDrawer fund={ledger} onClose={() => setLedger(null)} />
    </div>
  );
}

interface CreateValues { city: City; year: number; level: 'city' | 'county'; regionId?: string; name?: string; budget: MoneyValue }

function CreateFundModal({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { local } = useRegions();
  const years = useYears();
  const [form] = Form.useForm<CreateValues>();
  const city = Form.useWatch('city', form);
  const level = Form.useWatch('level', form);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: CreateValues;
    try { v = await form.validateFields(); } catch { return; }
    const budgetFen = moneyFen(v.budget);
    if (budgetFen === null) return;
    setSaving(true);
    setError(null);
    try {
      const fund = await api.post<Fund>('/funds', {
        city: v.city, year: v.year, level: v.level, ...(v.level === 'county' ? { regionId: v.regionId } : {}), ...(v.name?.trim() ? { name: v.name.trim() } : {}), budgetFen,
      });
      message.success(t('fund.created', { name: fund.name }));
      if (fund.floorWarning) message.warning({ content: lang === 'zh' ? fund.floorWarning : t('lang.fund.belowFloor', { budget: formatMoney(fund.budgetFen), floor: formatMoney(fund.floorFen ?? 0), clause: fund.floorClause ?? '' }), duration: 8 });
      await queryClient.invalidateQueries({ queryKey: ['funds'] });
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('fund.create')} okText={t('fund.createOk')} cancelText={t('common.cancel')} width={560} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'create-fund-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="create-fund-form">
        {error ? <ErrorAlert error={error} title={t('fund.failed')} /> : null}
        <Form<CreateValues> form={form} layout="vertical" preserve={false} initialValues={{ city: 'yangzhou', year, level: 'city', budget: { amount: '', unit: '万元' } }}
          onValuesChange={() => { if (error) setError(null); }}>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="city" label={t('fund.city')}>
                <Select options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} onChange={() => form.setFieldValue('regionId', undefined)} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="year" label={t('fund.year')}>
                <Select options={years.map((v) => ({ value: v, label: String(v) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="level" label={t('fund.levelLabel')}>
                <Radio.Group options={[{ value: 'city', label: t('fund.level.city') }, { value: 'county', label: t('fund.level.county') }]} />
              </Form.Item>
            </Col>
          </Row>
          {level === 'county' ? (
            <Form.Item name="regionId" label={t('field.region')} rules={[{ required: true, message: t('fund.regionRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={local.filter((r) => r.city === city).map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="name" label={t('fund.name')} extra={t('fund.nameHelp')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="budget" label={t('fund.budget')} required rules={[moneyRule({ required: t('fund.budgetRequired'), invalid: t('apl.moneyInvalid') })]}>
            <MoneyInput testId="fund-budget" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function AdjustFundModal({ fund, onClose }: { fund: Fund | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ budget: MoneyValue; name: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!fund) return;
    let v: { budget: MoneyValue; name: string };
    try { v = await form.validateFields(); } catch { return; }
    const budgetFen = moneyFen(v.budget);
    if (budgetFen === null) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await api.patch<Fund>(`/funds/${encodeURIComponent(fund.id)}`, { version: fund.version, budgetFen, ...(v.name.trim() !== fund.name ? { name: v.name.trim() } : {}) });
      message.success(t('fund.adjusted', { name: updated.name, amount: formatMoney(updated.budgetFen) }));
      if (updated.floorWarning) message.warning({ content: lang === 'zh' ? updated.floorWarning : t('lang.fund.belowFloor', { budget: formatMoney(updated.budgetFen), floor: formatMoney(updated.floorFen ?? 0), clause: updated.floorClause ?? '' }), duration: 8 });
      await queryClient.invalidateQueries({ queryKey: ['funds'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) await queryClient.invalidateQueries({ queryKey: ['funds'] });
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={!!fund} title={t('fund.adjustTitle', { name: fund?.name ?? '' })} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: saving }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      {fund ? (
        <>
          <Typography.Paragraph type="secondary">{t('fund.adjustHelp', { committed: formatMoney(fund.committedFen) })}</Typography.Paragraph>
          {error ? <ErrorAlert error={error} title={t('fund.failed')} /> : null}
          <Form form={form} layout="vertical" preserve={false} initialValues={{ budget: { amount: fenToDecimal(fund.budgetFen, '万元'), unit: '万元' }, name: fund.name }}>
            <Form.Item name="name" label={t('fund.name')} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('fund.nameRule') }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="budget" label={t('fund.budget')} required rules={[moneyRule({ required: t('fund.budgetRequired'), invalid: t('apl.moneyInvalid') })]}>
              <MoneyInput testId="adjust-budget" />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}

function LedgerDrawer({ fund, onClose }: { fund: Fund | null; onClose: () => void }) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['funds', 'detail', fund?.id], enabled: !!fund,
    queryFn: () => api.get<FundDetail>(`/funds/${encodeURIComponent(fund!.id)}`),
  });
  return (
    <Drawer open={!!fund} onClose={onClose} size={1000} title={fund ? t('fund.ledgerTitle', { name: fund.name }) : ''} destroyOnHidden>
      {query.isError ? <Alert type="error" showIcon title={errorMessage(query.error)} /> : null}
      {query.data ? (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            {([['budget', 'budgetFen'], ['committed', 'committedFen'], ['disbursed', 'disbursedFen'], ['remaining', 'remainingFen']] as const).map(([k, field]) => (
              <Col span={6} key={k}><Statistic title={t(`fund.${k}`)} value={formatMoney(query.data.fund[field])} /></Col>
            ))}
          </Row>
          <LedgerTable ledger={query.data.ledger} showApplication />
        </>
      ) : null}
    </Drawer>
  );
}
