// The enterprise file's 数字档案 (实施意见 二(五) "建立'一企一档'数字档案"): the latest maturity result on
// each instrument, its diagnoses with their status, and a link to the full digital profile.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Enterprise } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type MessageKey, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-providers.ts';
import '../../lib/i18n-load-diagnoses.ts';

interface Profile {
  timeline: { instrumentId: string; items: { id: string; assessedOn: string | null; source: string; sourceLabel: string; total: string | null; level: number | null }[] }[];
  diagnoses: { id: string; number: string; scope: string; scopeLabel: string; status: string; statusLabel: string; providerName: string | null; year: number }[];
  nextSteps: { recommendations: { title: string }[] } | null;
}

// The API's labels are Chinese; the codes read in either language.
const SCOPES = ['chain', 'factory', 'workshop'];
const STATUSES = ['requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid', 'cancelled'];

const INSTRUMENTS: Record<string, MessageKey> = { 'miit-sme-2024': 'ent.digital.sme2024', 'miit-sme-2022': 'ent.digital.sme2022', 'gbt39116-2020': 'ent.digital.cmmm' };

export function EnterpriseDigitalCard({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['digital-profile', enterprise.id], queryFn: () => api.get<Profile>(`/enterprises/${enterprise.id}/digital-profile`) });
  const p = query.data;
  const latest = (p?.timeline ?? []).map((x) => ({ instrumentId: x.instrumentId, ...x.items.at(-1)! }));
  return (
    <Card size="small" title={t('ent.section.digital')} data-testid="enterprise-digital"
      extra={<Button size="small" onClick={() => navigate(`/enterprises/${enterprise.id}/digital-profile`)}>{t('ent.digital.open')}</Button>}>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          {latest.length ? latest.map((m) => (
            <Tag key={m.instrumentId} color="blue">
              {INSTRUMENTS[m.instrumentId] ? t(INSTRUMENTS[m.instrumentId]!) : m.instrumentId}:{m.level ? t('ent.digital.level', { level: m.level }) : t('ent.digital.noLevel')}{m.total ? ` · ${m.total}` : ''}({m.assessedOn ?? ''} {m.source === 'self' || m.source === 'diagnosis' ? t(`mat.source.${m.source}`) : m.sourceLabel})
            </Tag>
          )) : <Typography.Text type="secondary">{t('ent.digital.noResult')}</Typography.Text>}
        </Space>
        <Table
          size="small" rowKey="id" pagination={false} loading={query.isPending} dataSource={p?.diagnoses ?? []}
          locale={{ emptyText: t('ent.digital.noDiagnosis') }}
          columns={[
            { title: t('ent.digital.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/diagnoses/${r.id}`}>{v}</Link> },
            { title: t('ent.digital.scope'), dataIndex: 'scopeLabel', render: (v: string, r) => (SCOPES.includes(r.scope) ? t(`diag.scope.${r.scope as 'chain'}`) : v) },
            { title: t('ent.digital.provider'), dataIndex: 'providerName', render: (v: string | null) => v ?? '—' },
            { title: t('ent.digital.status'), dataIndex: 'statusLabel', render: (v: string, r) => <Tag>{STATUSES.includes(r.status) ? t(`diag.status.${r.status as 'paid'}`) : v}</Tag> },
          ]}
        />
        {p?.nextSteps?.recommendations.length ? (
          <Typography.Text>{t('ent.digital.next')}{p.nextSteps.recommendations.map((r) => r.title).join('、')}</Typography.Text>
        ) : null}
      </Space>
    </Card>
  );
}
