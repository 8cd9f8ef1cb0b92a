// 市工信局's home (city admin and city reviewer): the pending work first (each figure opens its
// list), then the year's 附件2 ranking, the map coloured by a chosen indicator, the month-by-month
// trend per region, targets against progress, the forecast's warnings, and money by region. The
// year is the business year, or the latest year with a target table while the city has not
// imported the business year's (said at the top). The enterprise-file overview follows (`overview`).
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Typography } from 'antd';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import type { PendingClaim, SignOff } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { fenToDecimal } from '../../lib/format.ts';
import { type MessageKey, useI18n } from '../../lib/i18n.tsx';
import { useBusinessDate } from '../../lib/health.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { DistrictMap } from './DirectorHomeMap.tsx';
import {
  assessmentLink, categoryLabel, type Category, FundBudgetCard, FundsByRegionCard, HOME_CATEGORIES, HomeHead, KpiErrors, KpiLink, LaggingCard, quarterOf, RankingCard,
  ratePercent, SectionCard, TargetsCard, TrendCard, useBusinessYear, useForecast, useFundReport, useScores, useTodoCount, useTrend, YearNotice,
} from './DirectorHomeParts.tsx';

type Indicator = 'score' | `rate-${Category}` | 'applications' | 'disbursed';

export function DirectorHome({ overview }: { overview: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const trend = useTrend();
  const year = trend.data?.year;
  const month = trend.data?.month;
  const moneyYear = useBusinessYear();
  const { date: businessDate } = useBusinessDate();
  const todo = useTodoCount(can(user.role, 'applications.review'));
  const inReview = useQuery({
    queryKey: ['applications', 'in_review', 'home-count'],
    queryFn: () => api.get<{ total: number }>('/applications', { status: 'in_review', page: 1, pageSize: 1 }),
  });
  const mayReviewClaims = can(user.role, 'enterprises.certifications.review');
  const claims = useQuery({ queryKey: ['certification-claims'], queryFn: () => api.get<PendingClaim[]>('/certification-claims'), enabled: mayReviewClaims });
  const signOff = useQuery({ queryKey: ['assessment', 'sign-off', year], queryFn: () => api.get<SignOff>(`/assessment/${year}/sign-off`), enabled: year !== undefined });
  const forecast = useForecast(year, month);
  const laggingRegions = new Set((forecast.data ?? []).filter((f) => f.status === 'below-half').map((f) => f.regionId)).size;

  return (
    <div className="zgsz-page" data-testid="dashboard">
      <HomeHead title={t('home.director.title')} scope={t('home.director.scope', { date: businessDate })} />
      {trend.data ? <YearNotice trend={trend.data} canImport={can(user.role, 'assessment.targets')} /> : null}
      <KpiErrors errors={[todo.error, inReview.error, claims.error, signOff.error]} />
      <Row gutter={[12, 12]} data-testid="home-pending">
        {can(user.role, 'applications.review') ? (
          <Col xs={12} md={8} xl={4}>
            <KpiLink testId="todo" label={t('home.kpi.todo')} value={todo.data?.total ?? 0} suffix={t('home.unit.items')} to="/applications/todo"
              loading={todo.isPending} error={todo.error} tone={todo.data?.total ? 'warn' : undefined} />
          </Col>
        ) : null}
        <Col xs={12} md={8} xl={4}>
          <KpiLink testId="in-review" label={t('home.kpi.inReview')} value={inReview.data?.total ?? 0} suffix={t('home.unit.items')} to="/applications?status=in_review"
            loading={inReview.isPending} error={inReview.error} />
        </Col>
        {mayReviewClaims ? (
          <Col xs={12} md={8} xl={4}>
            <KpiLink testId="claims" label={t('home.kpi.claims')} value={claims.data?.length ?? 0} suffix={t('home.unit.items')} to="/enterprises/claims"
              loading={claims.isPending} error={claims.error} tone={claims.data?.length ? 'warn' : undefined} />
          </Col>
        ) : null}
        <Col xs={12} md={8} xl={6}>
          <KpiLink testId="sign-off" label={year === undefined ? t('home.kpi.signOffAny') : t('home.kpi.signOff', { year })} value={signOff.data ? signOffText(signOff.data, t) : '…'} to={assessmentLink(year ?? moneyYear)}
            loading={signOff.isPending && year !== undefined} error={signOff.error ?? (trend.isError ? trend.error : undefined)}
            tone={signOff.data?.status === 'returned' ? 'bad' : undefined} hint={t('home.kpi.signOffHint')} />
        </Col>
        <Col xs={12} md={8} xl={6}>
          <KpiLink testId="lagging" label={t('home.kpi.lagging')} value={laggingRegions} suffix={t('home.unit.regions')} to={assessmentLink(year ?? moneyYear, undefined, 'forecast')}
            loading={forecast.isPending && year !== undefined} error={forecast.error ?? (trend.isError ? trend.error : undefined)}
            tone={laggingRegions ? 'bad' : undefined} hint={t('home.kpi.laggingHint')} />
        </Col>
      </Row>

      {trend.isError ? (
        <Card size="small" style={{ marginTop: 12 }} data-testid="home-assessment-error">
          <ErrorAlert error={trend.error} title={t('home.assessmentFailed')} onRetry={() => void trend.refetch()} />
        </Card>
      ) : null}
      {trend.data && year !== undefined && month !== undefined ? (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} xl={12}><RankingCard year={year} month={month} /></Col>
          <Col xs={24} xl={12}><MapCard year={year} month={month} moneyYear={moneyYear} /></Col>
          <Col xs={24}><TrendCard trend={trend.data} /></Col>
          <Col xs={24} xl={12}><TargetsCard trend={trend.data} /></Col>
          <Col xs={24} xl={12}><LaggingCard year={year} month={month} /></Col>
        </Row>
      ) : trend.isPending ? <Card size="small" loading style={{ marginTop: 12 }} /> : null}

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24}><FundsByRegionCard year={moneyYear} /></Col>
        <Col xs={24}><FundBudgetCard year={moneyYear} /></Col>
      </Row>

      <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>{t('home.overview')}</Typography.Title>
      {overview}
    </div>
  );
}

export function signOffText(s: SignOff, t: (k: MessageKey) => string): string {
  return t(`home.signOff.${s.status}` as MessageKey);
}

/** The map and its indicator: the year's score, a category's completion, applications or money paid. */
function MapCard({ year, month, moneyYear }: { year: number; month: number; moneyYear: number }) {
  const { t } = useI18n();
  const [indicator, setIndicator] = useState<Indicator>('score');
  const scores = useScores(year, quarterOf(month));
  const trend = useTrend();
  const report = useFundReport(moneyYear);
  const { values, unit, failed } = useMemo(() => {
    const out: Record<string, number | null> = {};
    if (indicator === 'score') {
      for (const r of scores.data?.ranking ?? []) out[r.regionId] = r.total;
      return { values: out, unit: t('home.unit.points'), failed: scores.error };
    }
    if (indicator === 'applications' || indicator === 'disbursed') {
      for (const r of report.data?.byRegion ?? []) out[r.key] = indicator === 'applications' ? r.count : Number(fenToDecimal(r.disbursedFen, '万元'));
      return { values: out, unit: indicator === 'applications' ? t('home.unit.items') : t('home.wanYuan'), failed: report.error };
    }
    const category = indicator.slice(5) as Category;
    for (const r of trend.data?.months.at(-1)?.rows ?? []) out[r.regionId] = ratePercent(r.cells[category].rate);
    return { values: out, unit: '%', failed: trend.error };
  }, [indicator, scores.data, scores.error, trend.data, trend.error, report.data, report.error, t]);
  const link = useCallback((regionId: string) => (indicator === 'applications' || indicator === 'disbursed' ? `/applications?year=${moneyYear}` : assessmentLink(year, regionId)), [indicator, moneyYear, year]);
  const options: { value: Indicator; label: string }[] = [
    { value: 'score', label: t('home.map.score', { year }) },
    ...HOME_CATEGORIES.map((c) => ({ value: `rate-${c}` as Indicator, label: t('home.map.rate', { category: categoryLabel(c, t) }) })),
    { value: 'applications', label: t('home.map.applications', { year: moneyYear }) },
    { value: 'disbursed', label: t('home.map.disbursed', { year: moneyYear }) },
  ];
  return (
    <SectionCard testId="home-map" title={t('home.map')}
      extra={<Space size={4}><Select size="small" value={indicator} onChange={setIndicator} options={options} style={{ width: 220 }} data-testid="home-map-indicator" popupMatchSelectWidth={false} /></Space>}>
      {failed ? <ErrorAlert error={failed} /> : <DistrictMap values={values} unit={unit} link={link} />}
    </SectionCard>
  );
}
