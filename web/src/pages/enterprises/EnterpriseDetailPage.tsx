// 一企一档: every field of one enterprise file, its confirmed certifications and its claims
// (pending or rejected), with 提交认定 for the enterprise and 确认/驳回 for its region's officer, and
// its applications with what was approved and disbursed.
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import type { Certification, Enterprise } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { certKindLabel, certLevelLabel, chainLabel } from '../../lib/labels.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { ClaimsCard } from './CertificationClaims.tsx';
import { EnterpriseApplicationsCard } from './EnterpriseApplications.tsx';
import { EnterpriseDigitalCard } from './EnterpriseDigitalCard.tsx';
import { EnterpriseFactsCard } from './EnterpriseFactsCard.tsx';

export default function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  /** The edit form's “前往提交认定” opens the claim form straight away. */
  const openClaim = (location.state as { claim?: boolean } | null)?.claim === true;
  const { name: regionName } = useRegions();
  const query = useQuery({ queryKey: ['enterprise', id], queryFn: () => api.get<Enterprise>(`/enterprises/${encodeURIComponent(id)}`) });
  const e = query.data;

  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <Card><Result status="404" title={t('ent.notFound')} subTitle={errorMessage(query.error)} extra={<Button onClick={() => navigate('/enterprises')}>{t('common.back')}</Button>} /></Card>;
    }
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }

  return (
    <div className="zgsz-page" data-testid="enterprise-detail">
      <div className="zgsz-page-head">
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{e ? e.name : t('ent.detailTitle')}</Typography.Title>
          {e ? <Tag color={e.aboveScale ? 'blue' : 'default'}>{e.aboveScale ? t('ent.scale.above') : t('ent.scale.below')}</Tag> : null}
        </Space>
        {e && can(user.role, 'enterprises.update') ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/enterprises/${e.id}/edit`)}>{t('common.edit')}</Button>
        ) : null}
      </div>
      {!e ? <Card><Skeleton active paragraph={{ rows: 10 }} /></Card> : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={t('ent.section.basic')}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t('field.name')}>{e.name}</Descriptions.Item>
              <Descriptions.Item label={t('field.uscc')}><span className="zgsz-mono" data-testid="detail-uscc">{e.uscc}</span></Descriptions.Item>
              <Descriptions.Item label={t('field.region')}>{regionName(e.regionId)}</Descriptions.Item>
              <Descriptions.Item label={t('field.industryCode')}>{e.industryCode}</Descriptions.Item>
              <Descriptions.Item label={t('field.aboveScale')}>{e.aboveScale ? t('common.yes') : t('common.no')}</Descriptions.Item>
              <Descriptions.Item label={t('field.legalForm')}>{t(`legal.${e.legalForm}`)}</Descriptions.Item>
              <Descriptions.Item label={t('field.chains')} span={3}>
                {e.chains.length ? e.chains.map((c) => <Tag key={c}>{chainLabel(c, lang)}</Tag>) : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('ent.section.contact')}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t('field.contactName')}><span data-testid="detail-contact">{e.contactName ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('field.contactPhone')}>{e.contactPhone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.contactEmail')}>{e.contactEmail ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.address')} span={3}>{e.address ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('ent.section.certs')}>
            <Table<Certification>
              size="small" rowKey={(c) => `${c.kind}-${c.level}-${c.year}-${c.title}`} pagination={false} dataSource={e.certifications}
              locale={{ emptyText: t('ent.noCerts') }} data-testid="certs-table"
              columns={[
                { title: t('cert.kind'), dataIndex: 'kind', render: (k: string) => certKindLabel(k, t) },
                { title: t('cert.level'), dataIndex: 'level', render: (l: string, c) => certLevelLabel(c.kind, l, t) },
                { title: t('cert.title'), dataIndex: 'title' },
                { title: t('cert.year'), dataIndex: 'year', width: 100 },
              ]}
            />
          </Card>
          <ClaimsCard enterprise={e} openOnLoad={openClaim} />
          <EnterpriseFactsCard enterprise={e} />
          {can(user.role, 'applications.read') ? <EnterpriseApplicationsCard enterprise={e} /> : null}
          {can(user.role, 'maturity.read') ? <EnterpriseDigitalCard enterprise={e} /> : null}
          <Card size="small" title={t('ent.section.record')}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('field.version')}>{e.version}</Descriptions.Item>
              <Descriptions.Item label={t('field.createdAt')}>{formatDate(e.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('field.updatedAt')}>{formatDateTime(e.updatedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Space>
      )}
    </div>
  );
}
