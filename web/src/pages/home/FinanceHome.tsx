// 财政局/考核办's home: the assessment years waiting for its 审定 (核查程序), the payments due
// (approved applications with an amount payable), applications waiting on its step, and the year's
// fund use by fund and by region. Each figure opens the list behind it.
import { useQueries, useQuery } from '@tanstack/react-query';
import { Col, Empty, List, Row, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Application } from '../../api/applications.ts';
import { api } from '../../api/client.ts';
import type { Page, SignOff } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatCount } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { payable } from '../funds/PaymentModals.tsx';
import { signOffText } from './DirectorHome.tsx';
import {
  assessmentLink, FundBudgetCard, FundsByRegionCard, HomeHead, KpiErrors, KpiLink, MoreLink, RankingCard, SectionCard, useBusinessYear, useMoney, useTodoCount, useTrend,
} from './DirectorHomeParts.tsx';

/** The first year the platform assesses (扬府发〔2022〕20号). */
const FIRST_YEAR = 2022;

export function FinanceHome() {
  const { t } = useI18n();
  const money = useMoney();
  const year = useBusinessYear();
  const years = Array.from({ length: Math.max(1, year - FIRST_YEAR + 1) }, (_, i) => FIRST_YEAR + i).reverse();
  const signOffs = useQueries({
    queries: years.map((y) => ({ queryKey: ['assessment', 'sign-off', y], queryFn: () => api.get<SignOff>(`/assessment/${y}/sign-off`) })),
  });
  const signOffError = signOffs.find((q) => q.isError)?.error;
  const waiting = signOffs.flatMap((q) => (q.data?.status === 'submitted' ? [q.data] : []));
  const todo = useTodoCount();
  const approved = useQuery({
    queryKey: ['applications', 'approved', 'home', year],
    queryFn: () => api.get<Page<Application>>('/applications', { status: 'approved', year, page: 1, pageSize: 100 }),
  });
  const due = (approved.data?.items ?? []).filter((a) => payable(a) > 0);
  const dueFen = due.reduce((s, a) => s + payable(a), 0);
  const trend = useTrend();

  return (
    <div className="zgsz-page" data-testid="dashboard">
      <HomeHead title={t('home.finance.title')} scope={t('home.finance.scope', { year })} />
      <KpiErrors errors={[signOffError, todo.error, approved.error]} />
      <Row gutter={[12, 12]} data-testid="home-pending">
        <Col xs={12} md={6}>
          <KpiLink testId="sign-offs" label={t('home.kpi.signOffsWaiting')} value={waiting.length} suffix={t('home.unit.years')} to={assessmentLink(waiting[0]?.year ?? year)}
            loading={signOffs.some((q) => q.isPending)} error={signOffError} tone={waiting.length ? 'warn' : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <KpiLink testId="payable" label={t('home.kpi.payable')} value={due.length} suffix={t('home.unit.items')} to="/disbursements"
            loading={approved.isPending} error={approved.error} tone={due.length ? 'warn' : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <KpiLink testId="payable-amount" label={t('home.kpi.payableAmount')} value={approved.data ? money(dueFen) : '…'} to="/disbursements"
            loading={approved.isPending} error={approved.error} />
        </Col>
        <Col xs={12} md={6}>
          <KpiLink testId="todo" label={t('home.kpi.todo')} value={todo.data?.total ?? 0} suffix={t('home.unit.items')} to="/applications/todo"
            loading={todo.isPending} error={todo.error} />
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={10}>
          <SectionCard testId="home-sign-offs" title={t('home.signOffs')}>
            {signOffError ? <ErrorAlert error={signOffError} onRetry={() => { for (const q of signOffs) void q.refetch(); }} />
              : signOffs.some((q) => q.isPending) ? <Skeleton active paragraph={{ rows: 3 }} />
                : (
                  <List size="small" dataSource={signOffs.flatMap((q) => (q.data ? [q.data] : []))}
                    renderItem={(s) => (
                      <List.Item data-testid={`home-sign-off-${s.year}`}
                        extra={<Link to={assessmentLink(s.year)}>{s.status === 'submitted' ? t('home.signOff.decide') : t('home.signOff.view')}</Link>}>
                        <Typography.Text strong style={{ marginRight: 8 }}>{t('home.signOff.year', { year: s.year })}</Typography.Text>
                        <Tag color={s.status === 'submitted' ? 'orange' : s.status === 'approved' ? 'green' : s.status === 'returned' ? 'red' : 'default'}>{signOffText(s, t)}</Tag>
                        {s.submittedAt ? <Typography.Text type="secondary">{t('home.signOff.submittedAt', { at: s.submittedAt.slice(0, 10) })}</Typography.Text> : null}
                      </List.Item>
                    )} />
                )}
          </SectionCard>
        </Col>
        <Col xs={24} xl={14}>
          {trend.data ? <RankingCard year={trend.data.year} month={trend.data.month} />
            : trend.isError ? <ErrorAlert error={trend.error} title={t('home.assessmentFailed')} onRetry={() => void trend.refetch()} /> : null}
        </Col>
        <Col xs={24}>
          <SectionCard testId="home-payable" title={t('home.payableList', { year })} extra={<MoreLink to="/disbursements" label={t('home.disbursements')} testId="home-payable-more" />}>
            {approved.isError ? <ErrorAlert error={approved.error} onRetry={() => void approved.refetch()} />
              : approved.isPending ? <Skeleton active paragraph={{ rows: 3 }} />
                : (
                  <List size="small" dataSource={due.slice(0, 6)} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.payable.none')} /> }}
                    renderItem={(a) => (
                      <List.Item data-testid={`home-payable-${a.id}`} extra={<span className="zgsz-amount" style={{ whiteSpace: 'nowrap' }}>{money(payable(a))}</span>}>
                        <Link to={`/applications/${a.id}`}>{a.enterpriseName ?? a.number}</Link>
                        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{a.measureTitle}</Typography.Text>
                      </List.Item>
                    )} />
                )}
            {due.length > 6 ? <Typography.Text type="secondary">{t('home.more', { n: formatCount(due.length - 6) })}</Typography.Text> : null}
          </SectionCard>
        </Col>
        <Col xs={24}><FundBudgetCard year={year} /></Col>
        <Col xs={24}><FundsByRegionCard year={year} /></Col>
      </Row>
    </div>
  );
}
