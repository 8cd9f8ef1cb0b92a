// The home of a 责任单位 (role `department`): its own indicators in the month the dispatch table
// reads, its overdue reports, the actions it leads or shares, and the way to 本部门报送. A unit the
// text names only as co-responsible (市发改委) reports nothing and reads the progress of its actions.
import { EditOutlined, FileTextOutlined, NotificationOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { type DispatchRow, useDispatch, useOverdue, usePlan } from '../../api/plan.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useSignedIn } from '../../lib/session.tsx';
import { MyRowsTable } from './MyReportsPage.tsx';
import { usePlanPanels } from './PlanPanels.tsx';
import { LIGHT_HEX, OverdueAlert, useReportingMonth, overdueTarget, PlanUnavailable, reportsRow, responsibilityText, targetOf, ymLabel } from './shared.tsx';

export function DepartmentHome() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const plan = usePlan();
  const tree = plan.data?.available ? plan.data : undefined;
  const reporting = useReportingMonth();
  const dispatch = useDispatch(reporting, plan.data?.available === true && reporting.year !== undefined);
  const overdue = useOverdue();
  const table = dispatch.data?.available ? dispatch.data : undefined;
  const { openReport, openDetail, panels } = usePlanPanels(tree);
  const dept = tree?.departments.find((d) => d.id === user.departmentId);
  const allRows = useMemo(() => (table?.actions ?? []).flatMap((a) => a.rows), [table]);
  const mine = useMemo(() => allRows.filter((r) => reportsRow(tree, user, r)), [allRows, tree, user]);
  const actions = (tree?.actions ?? []).filter((a) => user.departmentId && a.departments.includes(user.departmentId));

  if (plan.data && !plan.data.available) return <PlanUnavailable data={plan.data} testId="dashboard" />;
  const overdueCount = overdue.data?.available ? overdue.data.count : 0;
  const count = (f: (r: DispatchRow) => boolean) => mine.filter(f).length;
  const period = table ? ymLabel(t, table.year, table.month) : '';

  return (
    <div className="zgsz-page" data-testid="dashboard">
      <div className="zgsz-page-head">
        <div>
          <Typography.Title level={4}>{t('plan.home.title', { unit: dept?.name ?? '' })}</Typography.Title>
          <Typography.Text type="secondary">{dept ? `${dept.fullName} · ${user.displayName}` : user.displayName}</Typography.Text>
        </div>
        <Space wrap>
          <Link to="/plan"><Button icon={<FileTextOutlined />}>{t('menu.planTree')}</Button></Link>
          <Link to="/plan/dispatch"><Button icon={<UnorderedListOutlined />}>{t('menu.planDispatch')}</Button></Link>
          <Link to="/plan/bulletin"><Button icon={<NotificationOutlined />}>{t('menu.planBulletin')}</Button></Link>
          {tree?.mine.length ? <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/plan/mine')} data-testid="home-report">{t('plan.home.toReport')}</Button> : null}
        </Space>
      </div>
      {plan.isError ? <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} /> : null}
      {dispatch.isError ? <ErrorAlert error={dispatch.error} onRetry={() => void dispatch.refetch()} /> : null}
      {!tree ? <Card><Skeleton active paragraph={{ rows: 8 }} /></Card> : (
        <>
          {tree.mine.length ? <OverdueAlert overdue={overdue.data} plan={tree} user={user} compact onReport={(i) => { const target = overdueTarget(tree, i); if (target) openReport(target); }} /> : null}
          {tree.mine.length ? (
            <>
              <Row gutter={[12, 12]}>
                {([
                  ['indicators', t('plan.home.indicators'), tree.mine.length, '#1f4e8c'],
                  ['reported', t('plan.home.reported', { period }), count((r) => !!r.report.current), LIGHT_HEX.green],
                  ['overdue', t('plan.home.overdue'), overdueCount, overdueCount ? LIGHT_HEX.red : undefined],
                  ['lagging', t('plan.home.lagging'), count((r) => r.light === 'red' || r.light === 'amber'), LIGHT_HEX.amber],
                ] as const).map(([k, label, v, color]) => (
                  <Col xs={12} md={6} key={k}>
                    <Card size="small" className="zgsz-kpi">
                      <Statistic title={label} value={v} loading={dispatch.isPending} styles={color ? { content: { color } } : undefined} data-testid={`home-kpi-${k}`} />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Card size="small" style={{ marginTop: 12 }} title={t('plan.home.mineTitle', { period })} data-testid="home-mine"
                extra={<Link to="/plan/mine">{t('plan.home.toReport')}</Link>}>
                <MyRowsTable rows={mine} plan={tree} loading={dispatch.isPending} year={table?.year} month={table?.month}
                  onReport={(r) => table && openReport(targetOf(r, table.year, table.month))}
                  onDetail={(r) => table && openDetail({ indicatorId: r.indicatorId, regionId: r.regionId, regionName: r.regionName, year: table.year, month: table.month })} />
              </Card>
            </>
          ) : (
            <Alert type="info" showIcon data-testid="home-no-indicators" title={t('plan.home.noIndicators', { unit: dept?.name ?? '' })} description={t('plan.home.noIndicatorsHelp')} />
          )}
          <Card size="small" style={{ marginTop: 12 }} title={t('plan.home.actions')} data-testid="home-actions">
            <Table
              size="small" rowKey="id" pagination={false} dataSource={actions} loading={dispatch.isPending}
              columns={[
                { title: t('plan.col.clause'), dataIndex: 'clause', width: 80, render: (v: string) => <span className="zgsz-nowrap">{v}</span> },
                { title: t('plan.col.action'), dataIndex: 'title', width: 220, render: (v: string) => <Link to="/plan">{v}</Link> },
                {
                  title: t('plan.home.role'), key: 'role', width: 100,
                  render: (_, a) => (a.departments[0] === user.departmentId ? <Tag color="blue">{t('plan.home.lead')}</Tag> : <Tag>{t('plan.home.co')}</Tag>),
                },
                { title: t('plan.responsibility'), dataIndex: 'responsibility', render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12.5 }}>{responsibilityText(v)}</Typography.Text> },
                {
                  title: t('plan.home.progress'), key: 'lights', width: 200,
                  render: (_, a) => {
                    const rows = allRows.filter((r) => r.actionId === a.id);
                    return (
                      <Space size={4} wrap>
                        {(['green', 'amber', 'red', 'none'] as const).map((l) => {
                          const n = rows.filter((r) => r.light === l).length;
                          return n ? <Tag key={l} color={l === 'none' ? 'default' : l === 'green' ? 'success' : l === 'amber' ? 'warning' : 'error'} style={{ marginInlineEnd: 0 }}>{t(`plan.light.${l}`)} {n}</Tag> : null;
                        })}
                      </Space>
                    );
                  },
                },
              ]}
            />
          </Card>
        </>
      )}
      {panels}
    </div>
  );
}
