// 考核评分 (附件2) console: one year at a time, in tabs — 评分表, 目标, 记录, 月度跟踪, 预测, 通报.
// Which years can be worked on is read from the API (a year has targets or it has none); a year
// without targets is an empty state that says who sets them, not an error. Every Suzhou region is
// outside 扬州's 附件2, and its officer is told so instead of an empty table.
import { AimOutlined, BarChartOutlined, FileTextOutlined, FormOutlined, LineChartOutlined, ScheduleOutlined, TrophyOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Result, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { type YearState, useYearTargets } from '../../api/assessment.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { BulletinTab } from './BulletinTab.tsx';
import { ForecastTab } from './ForecastTab.tsx';
import { RecordsTab } from './RecordsTab.tsx';
import { ScoresTab } from './ScoresTab.tsx';
import { TargetsTab } from './TargetsTab.tsx';
import { TrackingTab } from './TrackingTab.tsx';
import './assessment.css';

/** 扬府发〔2022〕20号: the first year with a target table. */
const FIRST_YEAR = 2022;
const TABS = ['scores', 'targets', 'records', 'tracking', 'forecast', 'bulletin'] as const;
type Tab = (typeof TABS)[number];

/** The year to open: the newest with targets up to the business year, else the newest with targets, else the business year. */
function defaultYear(states: YearState[], businessYear: number): number {
  const withTargets = states.filter((s) => s.state === 'targets').map((s) => s.year);
  return withTargets.filter((y) => y <= businessYear).sort((a, b) => b - a)[0] ?? withTargets.sort((a, b) => b - a)[0] ?? businessYear;
}

export default function AssessmentPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { byId } = useRegions();
  const { date } = useBusinessDate();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const businessYear = Number(date.slice(0, 4));
  // The city sets next year's table ahead of time: offer one year beyond today's.
  const lastYear = Math.max(businessYear, new Date().getFullYear()) + 1;
  const years = useMemo(() => Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i), [lastYear]);
  const states = useYearTargets(years);
  const settled = states.every((s) => s.state !== 'loading');

  const tab: Tab = (TABS as readonly string[]).includes(location.pathname.split('/')[2] ?? '') ? (location.pathname.split('/')[2] as Tab) : 'scores';
  const asked = Number(params.get('year'));
  const year = years.includes(asked) ? asked : settled ? defaultYear(states, businessYear) : null;
  const current = states.find((s) => s.year === year);
  const setYear = (y: number) => setParams((p) => { p.set('year', String(y)); return p; });
  const go = (next: Tab) => navigate({ pathname: next === 'scores' ? '/assessment' : `/assessment/${next}`, search: year ? `?year=${year}` : '' });

  // 附件2 scores Yangzhou's regions only: a Suzhou officer is told so whatever the year.
  const ownRegion = user.regionId ? byId.get(user.regionId) : undefined;
  const outside = states.find((s) => s.state === 'not-assessed');
  if (ownRegion?.city === 'suzhou' || outside) {
    if (!settled) return <Card><Skeleton active /></Card>;
    return (
      <div className="zgsz-page" data-testid="assessment-page">
        <Typography.Title level={4}>{t('ass.title')}</Typography.Title>
        <Card data-testid="assessment-not-assessed">
          <Result status="info" title={t('ass.notAssessed')}
            subTitle={(
              <Space orientation="vertical" size={4}>
                <span>{t('asc.suzhou', { region: ownRegion?.name ?? user.regionId ?? '' })}</span>
                {outside && outside.state === 'not-assessed' ? <span>{outside.error.message}</span> : null}
              </Space>
            )} />
        </Card>
      </div>
    );
  }

  const yearOptions = states.map((s) => ({
    value: s.year,
    label: (
      <Space size={6}>
        <span>{t('asc.yearN', { year: s.year })}</span>
        {s.state === 'none' ? <Tag style={{ marginInlineEnd: 0 }}>{t('asc.noTargetsTag')}</Tag> : null}
      </Space>
    ),
  }));

  const reference = current?.state === 'targets' ? current.targets.reference : null;
  const body = () => {
    if (year === null || !current || current.state === 'loading') return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
    if (current.state === 'error') return <ErrorAlert error={current.error} onRetry={current.retry} />;
    if (current.state === 'not-assessed') return null;
    if (current.state === 'none' && tab !== 'targets') return <NoTargets year={year} onSetTargets={() => go('targets')} />;
    switch (tab) {
      case 'targets': return <TargetsTab year={year} state={current} states={states} />;
      case 'records': return <RecordsTab year={year} targets={current.state === 'targets' ? current.targets : null} />;
      case 'tracking': return <TrackingTab year={year} />;
      case 'forecast': return <ForecastTab year={year} />;
      case 'bulletin': return <BulletinTab year={year} />;
      default: return <ScoresTab year={year} />;
    }
  };

  const items = [
    { key: 'scores', icon: <TrophyOutlined />, label: t('asc.tab.scores') },
    { key: 'targets', icon: <AimOutlined />, label: t('asc.tab.targets') },
    { key: 'records', icon: <FormOutlined />, label: t('asc.tab.records') },
    { key: 'tracking', icon: <ScheduleOutlined />, label: t('asc.tab.tracking') },
    { key: 'forecast', icon: <LineChartOutlined />, label: t('asc.tab.forecast') },
    { key: 'bulletin', icon: <FileTextOutlined />, label: t('asc.tab.bulletin') },
  ];

  return (
    <div className="zgsz-page" data-testid="assessment-page">
      <div className="zgsz-page-head">
        <Space wrap>
          <Typography.Title level={4}><BarChartOutlined style={{ marginRight: 8 }} />{t('ass.title')}</Typography.Title>
          {reference ? <Typography.Text type="secondary">{reference}</Typography.Text> : null}
        </Space>
        <Space wrap>
          <span>{t('ass.year')}</span>
          <Select value={year ?? undefined} loading={!settled} style={{ width: 150 }} onChange={setYear} options={yearOptions} data-testid="assessment-year" popupMatchSelectWidth={false} />
        </Space>
      </div>
      <Tabs activeKey={tab} onChange={(k) => go(k as Tab)} items={items.map((i) => ({ key: i.key, label: <span data-testid={`assessment-tab-${i.key}`}>{i.icon} {i.label}</span> }))}
        style={{ marginBottom: 4 }} />
      {body()}
    </div>
  );
}

/** A year the city has not set targets for: the city is shown how to set them, everyone else that the city has not. */
function NoTargets({ year, onSetTargets }: { year: number; onSetTargets: () => void }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const city = can(user.role, 'assessment.targets');
  return (
    <Card data-testid="assessment-no-targets">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={(
          <Space orientation="vertical" size={4}>
            <Typography.Text strong>{t('asc.noTargets.title', { year })}</Typography.Text>
            <Typography.Text type="secondary">{city ? t('asc.noTargets.city') : t('asc.noTargets.others')}</Typography.Text>
          </Space>
        )}
      >
        {city ? <Button type="primary" onClick={onSetTargets} data-testid="assessment-set-targets">{t('asc.noTargets.action')}</Button> : null}
      </Empty>
    </Card>
  );
}
