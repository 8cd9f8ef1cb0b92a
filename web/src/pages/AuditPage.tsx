// 审计日志: newest first, paged backwards by sequence number (beforeSeq), filtered by person, time,
// action and record; each entry opens onto its field-level changes (raw JSON behind a toggle); the
// keyed hash-chain check.
import { LeftOutlined, RightOutlined, SafetyCertificateOutlined, SearchOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { AuditChange, AuditEntry, AuditVerify } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { can } from '../lib/access.ts';
import { formatCount, formatDateTime } from '../lib/format.ts';
import { type Translate, useI18n } from '../lib/i18n.tsx';
import '../lib/i18n-load-audit.ts';
import { actionLabel, AUDIT_ACTION_CODES, AUDIT_ENTITY_CODES, entityLabel, resultLabel } from '../lib/labels.ts';
import { useSignedIn } from '../lib/session.tsx';

const LIMIT = 50;

interface Filters { actor?: string; from?: string; to?: string; action?: string; entity?: string; entityId?: string }
/** What the form holds: the RangePicker's values are date objects that format themselves. */
interface FormValues { actor?: string; range?: [{ format(f: string): string } | null, { format(f: string): string } | null] | null; action?: string; entity?: string; entityId?: string }

function filtersOf(v: FormValues): Filters {
  const text = (s?: string) => (s?.trim() ? s.trim() : undefined);
  return {
    actor: text(v.actor), action: v.action, entity: v.entity, entityId: text(v.entityId),
    from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD'),
  };
}

function Value({ value, present, t }: { value: unknown; present: boolean; t: Translate }) {
  if (!present) return <Typography.Text type="secondary">{t('audit.absent')}</Typography.Text>;
  if (value === null || value === '') return <Typography.Text type="secondary">{t('audit.empty')}</Typography.Text>;
  return <span style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
}

/** An entry's changes as a compact table; the raw before/after stay one click away. */
function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const [raw, setRaw] = useState(false);
  const columns: ColumnsType<AuditChange> = [
    { title: t('audit.field'), dataIndex: 'path', width: '30%', render: (p: string) => <span className="zgsz-mono">{p || '—'}</span> },
    { title: t('audit.before'), key: 'before', render: (_: unknown, c) => <Value value={c.before} present={'before' in c} t={t} /> },
    { title: t('audit.after'), key: 'after', render: (_: unknown, c) => <Value value={c.after} present={'after' in c} t={t} /> },
  ];
  return (
    <div data-testid="audit-details">
      {entry.changes.length
        ? <Table<AuditChange> size="small" rowKey="path" columns={columns} dataSource={entry.changes} pagination={false} tableLayout="fixed" data-testid="audit-changes" />
        : <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>}
      {entry.changesTruncated ? <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>{t('audit.changesTruncated', { n: entry.changes.length })}</Typography.Paragraph> : null}
      <Button size="small" type="link" style={{ paddingLeft: 0 }} onClick={() => setRaw((r) => !r)} data-testid="audit-raw-toggle">{raw ? t('audit.hideRaw') : t('audit.showRaw')}</Button>
      {raw ? (
        <Row gutter={12} data-testid="audit-raw">
          <Col span={12}><Typography.Text strong>{t('audit.before')}</Typography.Text><pre className="zgsz-json">{JSON.stringify(entry.before, null, 2)}</pre></Col>
          <Col span={12}><Typography.Text strong>{t('audit.after')}</Typography.Text><pre className="zgsz-json">{JSON.stringify(entry.after, null, 2)}</pre></Col>
        </Row>
      ) : null}
    </div>
  );
}

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<Filters>({});
  // Cursors of the pages before this one: [undefined, seq, seq, …]; the last is the current page's.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const beforeSeq = cursors[cursors.length - 1];

  const query = useQuery({
    queryKey: ['audit', filters, beforeSeq],
    queryFn: () => api.get<AuditEntry[]>('/audit', { ...filters, beforeSeq, limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerify>('/audit/verify') });

  const rows = query.data ?? [];
  const resetPaging = () => setCursors([undefined]);
  const last = rows[rows.length - 1];
  const apply = (values: FormValues) => { setFilters(filtersOf(values)); resetPaging(); };

  // Sized to fit beside the menu at 1280 px without a horizontal scroll: the record id takes what is
  // left, the hash shows its first characters (the whole one in the tooltip and the copy button).
  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 68 },
    { title: t('audit.at'), dataIndex: 'at', width: 152, render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 112, ellipsis: true },
    { title: t('audit.action'), dataIndex: 'action', width: 104, ellipsis: true, render: (v: string) => <Tooltip title={v}>{actionLabel(v, lang)}</Tooltip> },
    { title: t('audit.entity'), dataIndex: 'entity', width: 112, ellipsis: true, render: (v: string) => <Tooltip title={v}>{entityLabel(v, lang)}</Tooltip> },
    { title: t('audit.entityId'), dataIndex: 'entityId', ellipsis: true, render: (v: string | null) => <span className="zgsz-mono">{v ?? '—'}</span> },
    { title: t('audit.result'), dataIndex: 'result', width: 96, render: (v: string) => <Tag color={v === 'ok' ? 'green' : 'red'}>{resultLabel(v, lang)}</Tag> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 112, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.hash'), dataIndex: 'hash', width: 100,
      render: (v: string) => (
        <Typography.Text className="zgsz-mono" copyable={{ text: v, tooltips: [t('audit.copyHash'), t('audit.copied')] }} data-testid="audit-hash">
          <Tooltip title={<span className="zgsz-mono">{v}</span>}>{v.slice(0, 8)}</Tooltip>
        </Typography.Text>
      ),
    },
  ];

  return (
    <div className="zgsz-page" data-testid="audit-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('audit.title')}</Typography.Title>
        {can(user.role, 'audit.verify') ? (
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        ) : null}
      </div>
      {verify.isError ? <ErrorAlert error={verify.error} /> : null}
      {verify.data ? (
        verify.data.ok
          ? <Alert type="success" showIcon title={t('audit.verifyOk', { count: formatCount(verify.data.count) })} style={{ marginBottom: 12 }} data-testid="audit-verify-result" />
          : (
            <Alert
              type="error" showIcon style={{ marginBottom: 12 }} data-testid="audit-verify-result"
              title={t('audit.verifyBad', { n: verify.data.problems.length, count: formatCount(verify.data.count) })}
              description={(
                <>
                  {verify.data.firstBadSeq !== null ? <Typography.Paragraph strong style={{ marginBottom: 4 }}>{t('audit.firstBad', { seq: verify.data.firstBadSeq })}</Typography.Paragraph> : null}
                  <ul className="zgsz-problems">{verify.data.problems.slice(0, 50).map((p, i) => <li key={`${p.seq}-${p.kind}-${i}`}>{p.seq ? `#${p.seq} ` : ''}{p.message}</li>)}</ul>
                </>
              )}
            />
          )
      ) : null}
      {verify.data?.warnings.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={verify.data.warnings.join(';')} /> : null}
      <Card size="small">
        <Form<FormValues> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }} data-testid="audit-filters">
          <Form.Item name="actor"><Input allowClear placeholder={t('audit.filterActor')} style={{ width: 150 }} data-testid="audit-filter-actor" /></Form.Item>
          <Form.Item name="range"><DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('audit.filterFrom'), t('audit.filterTo')]} style={{ width: 250 }} data-testid="audit-filter-range" /></Form.Item>
          <Form.Item name="action">
            <Select
              allowClear showSearch placeholder={t('audit.anyAction')} style={{ width: 170 }} data-testid="audit-filter-action"
              optionFilterProp="search"
              options={AUDIT_ACTION_CODES.map((a) => ({ value: a, label: actionLabel(a, lang), search: `${actionLabel(a, lang)} ${a}` }))}
            />
          </Form.Item>
          <Form.Item name="entity">
            <Select
              allowClear showSearch placeholder={t('audit.anyEntity')} style={{ width: 170 }} data-testid="audit-filter-entity"
              optionFilterProp="search"
              options={AUDIT_ENTITY_CODES.map((e) => ({ value: e, label: entityLabel(e, lang), search: `${entityLabel(e, lang)} ${e}` }))}
            />
          </Form.Item>
          <Form.Item name="entityId"><Input allowClear placeholder={t('audit.entityId')} style={{ width: 200 }} /></Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">{t('audit.search')}</Button>
              <Button onClick={() => { form.resetFields(); apply({}); }}>{t('audit.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="seq" size="small" columns={columns} dataSource={rows} loading={query.isFetching} pagination={false}
          tableLayout="fixed" scroll={{ x: 940 }} data-testid="audit-table"
          expandable={{ rowExpandable: (r) => r.before !== null || r.after !== null, expandedRowRender: (r) => <AuditDetails entry={r} /> }}
        />
        <div className="zgsz-pager">
          <Typography.Text type="secondary">{t('audit.page', { page: cursors.length })}</Typography.Text>
          <Space>
            <Button size="small" icon={<VerticalRightOutlined />} disabled={cursors.length === 1} onClick={resetPaging}>{t('audit.newest')}</Button>
            <Button size="small" icon={<LeftOutlined />} disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('audit.newer')}</Button>
            <Button size="small" disabled={rows.length < LIMIT || !last} onClick={() => last && setCursors((c) => [...c, last.seq])} data-testid="audit-older">
              {t('audit.older')} <RightOutlined />
            </Button>
          </Space>
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>{t('audit.retention')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
