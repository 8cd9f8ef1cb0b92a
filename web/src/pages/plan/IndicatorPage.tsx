// One indicator as a page, /plan/indicators/:id?regionId=&year=&month= (a link from an e-mail or the
// bulletin); the same detail the drawer shows.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePlan } from '../../api/plan.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { IndicatorDetail } from './IndicatorDrawer.tsx';
import { usePlanPanels } from './PlanPanels.tsx';
import { type DetailTarget, findIndicator, PlanUnavailable, useBusinessMonth } from './shared.tsx';

export default function IndicatorPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const now = useBusinessMonth();
  const plan = usePlan();
  const tree = plan.data?.available ? plan.data : undefined;
  const { openReport, panels } = usePlanPanels(tree);
  const { name: regionName } = useRegions();
  const regionId = params.get('regionId') ?? '';
  const target: DetailTarget = { indicatorId: id, regionId, regionName: regionId ? regionName(regionId) : null, year: Number(params.get('year')) || now.year, month: Number(params.get('month')) || undefined };
  const found = findIndicator(tree, id);
  if (plan.data && !plan.data.available) return <PlanUnavailable data={plan.data} testId="plan-indicator-page" />;
  return (
    <div className="zgsz-page" data-testid="plan-indicator-page">
      <div className="zgsz-page-head">
        <Space>
          <Link to="/plan/dispatch"><ArrowLeftOutlined /> {t('plan.detail.back')}</Link>
          <Typography.Title level={4}>{found?.indicator.name ?? t('plan.detail.title')}{target.regionName ? `(${target.regionName})` : ''}</Typography.Title>
        </Space>
      </div>
      {plan.isError ? <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} /> : null}
      <Card size="small"><IndicatorDetail target={target} plan={tree} onReport={openReport} /></Card>
      {panels}
    </div>
  );
}
