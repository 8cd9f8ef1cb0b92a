// 首页看板's card of the ten actions: the month's lights by action, the account's overdue reports and
// the reports that disagree with the platform's records, with the way to the dispatch table. Shown
// to whoever reads the plan on the enterprise dashboard; nothing where the city has no plan (苏州).
import { Button, Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useDispatch, useOverdue, usePlan } from '../../api/plan.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { LIGHT_HEX, LIGHTS, ymLabel } from './lights.ts';

export function PlanCard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const plan = usePlan();
  const available = plan.data?.available === true;
  const dispatch = useDispatch({}, available);
  const overdue = useOverdue();
  const table = dispatch.data?.available ? dispatch.data : undefined;
  const option = useMemo<ChartOption | null>(() => {
    if (!table) return null;
    const actions = table.actions.filter((a) => a.rows.length).reverse();
    return {
      color: LIGHTS.map((l) => LIGHT_HEX[l]),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#555', fontSize: 12 } },
      yAxis: { type: 'category', data: actions.map((a) => `${a.clause} ${a.title}`), axisLabel: { color: '#555', fontSize: 12, width: 220, overflow: 'truncate' } },
      series: LIGHTS.map((l) => ({
        name: t(`plan.light.${l}`), type: 'bar', stack: 'l', barMaxWidth: 16,
        data: actions.map((a) => a.rows.filter((r) => r.light === l).length || null),
      })),
    };
  }, [table, t]);
  if (plan.data && !plan.data.available) return null;
  if (plan.isError || dispatch.isError) return null;
  const s = table?.summary;
  const overdueCount = overdue.data?.available ? overdue.data.count : 0;
  return (
    <Col xs={24}>
      <Card size="small" className="zgsz-chart-card" data-testid="dashboard-plan"
        title={table ? t('plan.card.title', { period: ymLabel(t, table.year, table.month) }) : t('menu.plan')}
        extra={<Button type="link" size="small" onClick={() => navigate('/plan/dispatch')}>{t('plan.card.more')}</Button>}>
        {!table || !s || !option ? <Skeleton active paragraph={{ rows: 4 }} /> : (
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={8}>
              <Row gutter={[8, 8]}>
                {([
                  ['green', s.green, LIGHT_HEX.green], ['amber', s.amber, LIGHT_HEX.amber], ['red', s.red, LIGHT_HEX.red], ['none', s.none, '#8c8c8c'],
                ] as const).map(([k, v, color]) => (
                  <Col span={12} key={k}><Statistic title={t(`plan.light.${k}`)} value={v} styles={{ content: { color } }} /></Col>
                ))}
                <Col span={12}>
                  <Statistic title={t('plan.card.overdue')} value={overdueCount} styles={{ content: { color: overdueCount ? LIGHT_HEX.red : undefined } }} data-testid="dashboard-plan-overdue" />
                </Col>
                <Col span={12}>
                  <Statistic title={t('plan.summary.disagreements')} value={s.disagreements} styles={{ content: { color: s.disagreements ? '#d46b08' : undefined } }} />
                </Col>
              </Row>
            </Col>
            <Col xs={24} lg={16}>
              <EChart option={option} height={Math.max(200, 24 * table.actions.length + 50)} testId="chart-plan" />
            </Col>
          </Row>
        )}
      </Card>
    </Col>
  );
}
