// A 县(市、区)/功能区 officer's home: its own rank, progress against its targets month by month, the
// forecast's warnings for it, what is overdue (action-plan reports past their due date,
// applications waiting on its step), its funds. A Suzhou officer's region is not scored under
// 扬州 附件2: it is told so and sees the figures that apply to it instead of an empty ranking.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Row, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Application, ApplicationsReport } from '../../api/applications.ts';
import { api } from '../../api/client.ts';
import { useOverdue } from '../../api/plan.ts';
import type { Page, PendingClaim } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatCount } from '../../lib/format.ts';
import { type MessageKey, useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useSignedIn } from '../../lib/session.tsx';
import {
  assessmentLink, FundBudgetCard, HomeHead, KpiErrors, KpiLink, LaggingCard, MoreLink, notAssessed, quarterOf, SectionCard, TargetsCard, TrendCard,
  useBusinessYear, useFundReport, useMoney, useScores, useTrend, YearNotice,
} from './DirectorHomeParts.tsx';

export function RegionHome({ overview }: { overview: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { name, regions, byId } = useRegions();
  const regionId = user.regionId ?? '';
  const region = name(regionId);
  const trend = useTrend();
  // An officer's ranking holds its own row only; the field it ranks in is every region 附件2 scores.
  const scored = regions.filter((r) => r.scored).length;
  const outside = notAssessed(trend.error);
  const year = trend.data?.year;
  const month = trend.data?.month;
  const moneyYear = useBusinessYear();
  const { date: businessDate } = useBusinessDate();
  const scores = useScores(year, quarterOf(month ?? 12));
  const own = scores.data?.ranking.find((r) => r.regionId === regionId);
  const todo = useQuery({
    queryKey: ['applications', 'todo', 'home-list'],
    queryFn: () => api.get<Page<Application>>('/applications', { todo: true, page: 1, pageSize: 5 }),
  });
  const overdue = useOverdue();
  const planAvailable = overdue.data?.available === true;
  const claims = useQuery({ queryKey: ['certification-claims'], queryFn: () => api.get<PendingClaim[]>('/certification-claims'), enabled: can(user.role, 'enterprises.certifications.review') });
  const last = trend.data?.months.at(-1)?.rows.find((r) => r.regionId === regionId);
  const money = useMoney();
  const report = useFundReport(moneyYear);

  return (
    <div className="zgsz-page" data-testid="dashboard">
      <HomeHead title={t('home.region.title', { region })} scope={t('home.region.scope', { region, date: businessDate })} />
      {trend.data ? <YearNotice trend={trend.data} canImport={false} /> : null}
      {outside ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="home-not-assessed" title={t('home.region.notAssessed', { region })}
          description={t('home.region.notAssessedText')} />
      ) : null}
      <KpiErrors errors={[outside ? report.error : null, todo.error, planAvailable || overdue.isError ? overdue.error : null, claims.error, outside ? null : scores.error]} />
      <Row gutter={[12, 12]} data-testid="home-pending">
        {!outside ? (
          <Col xs={12} md={8} xl={5}>
            <KpiLink testId="rank" label={year === undefined ? t('home.kpi.rankAny') : t('home.kpi.rank', { year })} to={assessmentLink(year ?? moneyYear, regionId)}
              value={own ? `${own.rank} / ${scored}` : '…'} loading={(scores.isPending || trend.isPending) && !trend.isError}
              error={trend.isError ? trend.error : scores.error} hint={own ? t('home.kpi.rankHint', { total: own.total }) : undefined} />
          </Col>
        ) : null}
        {!outside ? (
          <Col xs={12} md={8} xl={5}>
            <KpiLink testId="behind" label={t('home.kpi.behind')} to={assessmentLink(year ?? moneyYear, regionId, 'tracking')} value={last?.behindCount ?? 0} suffix={t('home.unit.categories')}
              loading={trend.isPending} error={trend.error} tone={last?.behindCount ? 'warn' : undefined} hint={t('home.kpi.behindHint')} />
          </Col>
        ) : null}
        {outside ? (
          <>
            <Col xs={12} md={8} xl={5}>
              <KpiLink testId="approved" label={t('home.kpi.approved', { year: moneyYear })} to={`/applications?status=approved&year=${moneyYear}`}
                value={report.data ? money(report.data.byRegion.reduce((a, r) => a + r.approvedFen, 0)) : '…'} loading={report.isPending} error={report.error} />
            </Col>
            <Col xs={12} md={8} xl={5}>
              <KpiLink testId="disbursed" label={t('home.kpi.disbursed', { year: moneyYear })} to="/reports"
                value={report.data ? money(report.data.byRegion.reduce((a, r) => a + r.disbursedFen, 0)) : '…'} loading={report.isPending} error={report.error} />
            </Col>
          </>
        ) : null}
        <Col xs={12} md={8} xl={5}>
          <KpiLink testId="todo" label={t('home.kpi.todoRegion')} value={todo.data?.total ?? 0} suffix={t('home.unit.items')} to="/applications/todo"
            loading={todo.isPending} error={todo.error} tone={todo.data?.total ? 'warn' : undefined} />
        </Col>
        {planAvailable || overdue.isError ? (
          <Col xs={12} md={8} xl={5}>
            <KpiLink testId="overdue" label={t('home.kpi.overdue')} value={overdue.data?.available ? overdue.data.count : 0} suffix={t('home.unit.reports')} to="/plan/mine"
              loading={overdue.isPending} error={overdue.error} tone={overdue.data?.available && overdue.data.count ? 'bad' : undefined} />
          </Col>
        ) : null}
        <Col xs={12} md={8} xl={4}>
          <KpiLink testId="claims" label={t('home.kpi.claims')} value={claims.data?.length ?? 0} suffix={t('home.unit.items')} to="/enterprises/claims"
            loading={claims.isPending} error={claims.error} />
        </Col>
      </Row>

      {trend.isError && !outside ? (
        <Card size="small" style={{ marginTop: 12 }} data-testid="home-assessment-error">
          <ErrorAlert error={trend.error} title={t('home.assessmentFailed')} onRetry={() => void trend.refetch()} />
        </Card>
      ) : null}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {trend.data && year !== undefined && month !== undefined ? (
          <>
            <Col xs={24} xl={12}><TargetsCard trend={trend.data} regionId={regionId} /></Col>
            <Col xs={24} xl={12}><LaggingCard year={year} month={month} regionId={regionId} /></Col>
            <Col xs={24}><TrendCard trend={trend.data} regionId={regionId} /></Col>
          </>
        ) : trend.isPending ? <Col xs={24}><Card size="small" loading /></Col> : null}
        <Col xs={24} xl={12}>
          <SectionCard testId="home-todo" title={t('home.todoList')} extra={<MoreLink to="/applications/todo" label={t('home.all')} testId="home-todo-more" />}>
            {todo.isError ? <ErrorAlert error={todo.error} onRetry={() => void todo.refetch()} />
              : todo.isPending ? <Skeleton active paragraph={{ rows: 3 }} />
                : (
                  <List size="small" dataSource={todo.data.items} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} /> }}
                    renderItem={(a) => (
                      <List.Item data-testid={`home-todo-${a.id}`} extra={<Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{a.currentStep?.name ?? ''}</Typography.Text>}>
                        <Link to={`/applications/${a.id}`}>{a.enterpriseName ?? a.number}</Link>
                        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{a.measureTitle}</Typography.Text>
                      </List.Item>
                    )} />
                )}
          </SectionCard>
        </Col>
        <Col xs={24} xl={12}>
          {planAvailable || overdue.isError ? (
            <SectionCard testId="home-overdue" title={t('home.overdueList')} extra={<MoreLink to="/plan/mine" label={t('home.reportNow')} testId="home-overdue-more" />}>
              {overdue.isError ? <ErrorAlert error={overdue.error} onRetry={() => void overdue.refetch()} />
                : overdue.data?.available ? (
                  <List size="small" dataSource={overdue.data.items.slice(0, 5)} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.overdue.none')} /> }}
                    renderItem={(i) => (
                      <List.Item extra={<Tag color="red" style={{ marginInlineEnd: 0 }}>{t('home.overdue.due', { due: i.due })}</Tag>}>
                        <Link to={`/plan/indicators/${encodeURIComponent(i.indicatorId)}?regionId=${encodeURIComponent(i.regionId)}&year=${i.year}&month=${i.month}`}>{i.name}</Link>
                        <Typography.Text type="secondary" style={{ marginLeft: 8, whiteSpace: 'nowrap' }}>{t('home.overdue.period', { year: i.year, month: i.month })}</Typography.Text>
                      </List.Item>
                    )} />
                ) : <Skeleton active paragraph={{ rows: 3 }} />}
            </SectionCard>
          ) : <SuzhouMoney year={moneyYear} />}
        </Col>
        <Col xs={24}><FundBudgetCard year={moneyYear} city={byId.get(regionId)?.city} /></Col>
      </Row>
      <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>{t('home.overview')}</Typography.Title>
      {overview}
    </div>
  );
}

/** Where there is no action plan (苏州): the region's applications by status and the money they carry. */
function SuzhouMoney({ year }: { year: number }) {
  const { t } = useI18n();
  const money = useMoney();
  const report = useFundReport(year);
  const rows: ApplicationsReport['byStatus'] = report.data?.byStatus ?? [];
  return (
    <SectionCard testId="home-applications" title={t('home.applicationsByStatus', { year })} extra={<MoreLink to="/reports" label={t('home.reports')} />}>
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
        : report.isPending ? <Skeleton active paragraph={{ rows: 3 }} />
          : (
            <List size="small" dataSource={rows} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noApplications', { year })} /> }}
              renderItem={(g) => (
                <List.Item data-testid={`home-status-${g.key}`} extra={<span style={{ whiteSpace: 'nowrap' }}>{money(g.approvedFen)} / {money(g.disbursedFen)}</span>}>
                  <Link to={`/applications?status=${g.key}&year=${year}`}>{t(`apl.status.${g.key}` as MessageKey)}</Link>
                  <Typography.Text style={{ marginLeft: 8 }} data-testid={`home-status-count-${g.key}`}>{formatCount(g.count)}</Typography.Text>
                </List.Item>
              )} />
          )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('home.applicationsByStatus.note')}</Typography.Text>
    </SectionCard>
  );
}
