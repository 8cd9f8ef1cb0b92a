// 审计日志: newest first, paged backwards by sequence number (beforeSeq), with the hash-chain check.
import { LeftOutlined, RightOutlined, SafetyCertificateOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { AuditEntry, AuditVerify } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { can } from '../lib/access.ts';
import { formatCount, formatDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import { actionLabel, AUDIT_ENTITIES, entityLabel, resultLabel } from '../lib/labels.ts';
import { useSignedIn } from '../lib/session.tsx';

const LIMIT = 50;

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const [entity, setEntity] = useState<string | undefined>();
  const [entityId, setEntityId] = useState('');
  // Cursors of the pages before this one: [undefined, seq, seq, …]; the last is the current page's.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const beforeSeq = cursors[cursors.length - 1];

  const query = useQuery({
    queryKey: ['audit', entity, entityId, beforeSeq],
    queryFn: () => api.get<AuditEntry[]>('/audit', { entity, entityId: entityId.trim() || undefined, beforeSeq, limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerify>('/audit/verify') });

  const rows = query.data ?? [];
  const resetPaging = () => setCursors([undefined]);
  const last = rows[rows.length - 1];

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 140 },
    { title: t('audit.action'), dataIndex: 'action', width: 100, render: (v: string) => actionLabel(v, lang) },
    { title: t('audit.entity'), dataIndex: 'entity', width: 110, render: (v: string) => entityLabel(v, lang) },
    { title: t('audit.entityId'), dataIndex: 'entityId', ellipsis: true, render: (v: string | null) => <span className="zgsz-mono">{v ?? '—'}</span> },
    { title: t('audit.result'), dataIndex: 'result', width: 110, render: (v: string) => <Tag color={v === 'ok' ? 'green' : 'red'}>{resultLabel(v, lang)}</Tag> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('audit.hash'), dataIndex: 'hash', width: 110, render: (v: string) => <span className="zgsz-mono" title={v}>{v.slice(0, 10)}…</span> },
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
              description={<ul className="zgsz-problems">{verify.data.problems.slice(0, 50).map((p) => <li key={`${p.seq}-${p.kind}`}>#{p.seq} {p.message}</li>)}</ul>}
            />
          )
      ) : null}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('audit.anyEntity')} style={{ width: 180 }} value={entity}
            onChange={(v?: string) => { setEntity(v); resetPaging(); }}
            options={AUDIT_ENTITIES.map((e) => ({ value: e, label: entityLabel(e, lang) }))} />
          <Input.Search allowClear placeholder={t('audit.entityId')} style={{ width: 320 }} onSearch={(v) => { setEntityId(v); resetPaging(); }} />
        </Space>
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="seq" size="small" columns={columns} dataSource={rows} loading={query.isFetching} pagination={false} scroll={{ x: 1100 }}
          expandable={{
            rowExpandable: (r) => r.before !== null || r.after !== null,
            expandedRowRender: (r) => (
              <Row gutter={12}>
                <Col span={12}><Typography.Text strong>{t('audit.before')}</Typography.Text><pre className="zgsz-json">{JSON.stringify(r.before, null, 2)}</pre></Col>
                <Col span={12}><Typography.Text strong>{t('audit.after')}</Typography.Text><pre className="zgsz-json">{JSON.stringify(r.after, null, 2)}</pre></Col>
              </Row>
            ),
          }}
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
      </Card>
    </div>
  );
}
