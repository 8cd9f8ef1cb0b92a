// One diagnosis: its steps from 申请 to 支付, who delivers and supervises it, the deadline, the fees
// and what the fund pays (扬州's fixed 补助 below the fee leaves the rest to the enterprise), the
// documents with the 数字画像 check of 附件2 核查内容1, the structured report with its on-site
// maturity result, the supervisor's checkpoints (a 停止支付 finding shows as a banner), the fund
// ledger and the full history. The panel beside it offers what the reader may do now.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Rate, Result, Row, Skeleton, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { roleLabel } from '../../lib/labels.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import type { Role } from '../../api/types.ts';
import { DiagnosisActions } from './DiagnosisActions.tsx';
import { DocumentsCard, documentUrl } from './DocumentsCard.tsx';
import {
  abilities, areaLabel, checkpointName, type DiagnosisDetail, type DiagnosisLedger, DiagnosisStatusTag, type DiagnosisStatus, diagnosisKey, fetchDiagnosis,
  FINDING_COLOR, FINDING_HEX, FindingTag, formatMilli, FundingTag, isOverdue, PriorityTag, scopeLabel,
} from './shared.tsx';

const FLOW = ['requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid'] as const satisfies readonly DiagnosisStatus[];

export default function DiagnosisDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useSignedIn();
  const query = useQuery({ queryKey: diagnosisKey(id), queryFn: () => fetchDiagnosis(id) });
  const d = query.data;

  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <Card><Result status="404" title={t('diag.notFound')} subTitle={query.error.message} extra={<Button onClick={() => navigate('/diagnoses')}>{t('common.back')}</Button>} /></Card>;
    }
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!d || !('history' in d)) return <Card><Skeleton active paragraph={{ rows: 14 }} /></Card>;
  const may = abilities(user, d);

  return (
    <div className="zgsz-page" data-testid="diagnosis-detail">
      <div className="zgsz-page-head">
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('diag.detail.title', { scope: scopeLabel(d.scope, t) })}</Typography.Title>
          <span className="zgsz-mono" data-testid="diagnosis-number">{d.number}</span>
          <DiagnosisStatusTag status={d.status} />
          {d.paymentStopped ? <Tag color="red">{t('diag.paymentStopped')}</Tag> : null}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
      </div>
      {d.paymentStopped ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="payment-stopped" title={t('diag.stoppedBanner')}
          description={`${t('diag.reason')}:${d.paymentStopReason ?? '—'}`} />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <FlowSteps detail={d} />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Overview detail={d} />
          <DocumentsCard detail={d} may={may} />
          <ReportCard detail={d} />
          <CheckpointsCard detail={d} />
          <LedgerCard ledger={d.ledger} number={d.number} />
          <HistoryCard detail={d} />
        </Col>
        <Col xs={24} xl={8}>
          <div className="zgsz-sticky">
            <DiagnosisActions detail={d} may={may} />
          </div>
        </Col>
      </Row>
    </div>
  );
}

function FlowSteps({ detail: d }: { detail: DiagnosisDetail }) {
  const { t } = useI18n();
  const cancelledAt = d.status === 'cancelled' ? [...d.history].reverse().find((h) => h.action === 'cancel')?.fromStatus as DiagnosisStatus | undefined : undefined;
  const current = (FLOW as readonly DiagnosisStatus[]).indexOf(cancelledAt ?? d.status);
  const paidOn = [...d.ledger].reverse().find((l) => l.kind === 'disburse')?.paidOn ?? null;
  const content: Record<DiagnosisStatus, string | null> = {
    requested: d.requestedBy,
    dispatched: d.providerName,
    contracted: d.contractedOn,
    on_site: d.onSiteFrom,
    reported: d.reportedOn,
    accepted: d.acceptedOn,
    paid: paidOn,
    cancelled: null,
  };
  return (
    <Steps
      size="small" titlePlacement="vertical" data-testid="diagnosis-steps" className="zgsz-chain"
      items={FLOW.map((s, i) => {
        const status = cancelledAt && i === current ? 'error' as const
          : i < current || (i === current && d.status === 'paid') ? 'finish' as const
            : i === current ? 'process' as const : 'wait' as const;
        return {
          title: t(`diag.step.${s}`),
          status,
          content: cancelledAt && i === current ? t('diag.status.cancelled') : i <= current ? content[s] ?? '' : '',
        };
      })}
    />
  );
}

function Overview({ detail: d }: { detail: DiagnosisDetail }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { name: regionName } = useRegions();
  const { date } = useBusinessDate();
  const late = isOverdue(d, date);
  const share = d.feeFen !== null && d.subsidyFen !== null && d.subsidyFen < d.feeFen ? d.feeFen - d.subsidyFen : 0;
  const supShare = d.supervisionFeeFen !== null && d.supervisionSubsidyFen !== null && d.supervisionSubsidyFen < d.supervisionFeeFen ? d.supervisionFeeFen - d.supervisionSubsidyFen : 0;
  const money = (v: number | null) => (v === null ? '—' : formatMoney(v));
  const notYet = d.status === 'cancelled' ? '—' : t('diag.notDispatched');
  return (
    <Card size="small" title={t('diag.overview')} data-testid="diagnosis-overview">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} className="zgsz-desc-nowrap">
        <Descriptions.Item label={t('diag.col.enterprise')}>
          {can(user.role, 'enterprises.read') ? <Link to={`/enterprises/${d.enterpriseId}`}>{d.enterpriseName}</Link> : d.enterpriseName}
          {d.uscc ? <span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{d.uscc}</span> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('diag.field.region')}>{regionName(d.regionId)}</Descriptions.Item>
        <Descriptions.Item label={t('diag.col.scope')}>{scopeLabel(d.scope, t)}<Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>{d.year}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('diag.field.funding')}><FundingTag funding={d.funding} /></Descriptions.Item>
        <Descriptions.Item label={t('diag.field.need')} span={2}>
          {d.need}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('diag.requestedBy', { name: d.requestedBy })}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('diag.col.provider')}>{d.providerId ? <Link to={`/providers/${d.providerId}`}>{d.providerName}</Link> : <Typography.Text type="secondary">{notYet}</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label={t('diag.col.supervisor')}>{d.supervisorId ? <Link to={`/providers/${d.supervisorId}`}>{d.supervisorName}</Link> : <Typography.Text type="secondary">{notYet}</Typography.Text>}</Descriptions.Item>
        {d.providerId ? (
          <>
            <Descriptions.Item label={t('diag.field.dueOn')}>
              {d.dueOn ? <span style={late ? { color: '#cf1322', fontWeight: 600 } : undefined} data-testid="due-on">{d.dueOn}{late ? ` ${t('diag.overdue')}` : ''}</span> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('diag.field.dispatchReason')}>{d.dispatchReason ?? '—'}</Descriptions.Item>
          </>
        ) : null}
        {d.contractedOn ? (
          <>
            <Descriptions.Item label={t('diag.field.contractedOn')}>{d.contractedOn}</Descriptions.Item>
            <Descriptions.Item label={t('diag.field.onSiteFrom')}>{d.onSiteFrom ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('diag.field.fee')}><span className="zgsz-amount" data-testid="fee">{money(d.feeFen)}</span></Descriptions.Item>
            <Descriptions.Item label={t('diag.field.subsidy')}>
              <span className="zgsz-amount" data-testid="subsidy">{money(d.subsidyFen)}</span>
              {share ? <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }} data-testid="enterprise-share">{t('diag.enterpriseShare', { amount: formatMoney(share) })}</Typography.Text> : null}
              {d.subsidyFen !== null && !share && d.city === 'suzhou' ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('diag.freeToEnterprise')}</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('diag.field.supervisionFee')}>{money(d.supervisionFeeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('diag.field.supervisionSubsidy')}>
              {money(d.supervisionSubsidyFen)}
              {supShare ? <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>{t('diag.supervisionShare', { amount: formatMoney(supShare) })}</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('diag.field.paid')} span={2}>
              {t('diag.paidLine', { provider: formatMoney(d.providerPaidFen), supervisor: formatMoney(d.supervisorPaidFen) })}
            </Descriptions.Item>
          </>
        ) : d.providerId && d.status !== 'cancelled' ? (
          <Descriptions.Item label={t('diag.field.fee')} span={2}><Typography.Text type="secondary">{t('diag.feeAtContract')}</Typography.Text></Descriptions.Item>
        ) : null}
        {d.acceptedOn ? (
          <Descriptions.Item label={t('diag.field.acceptance')} span={2}>
            <Space wrap>
              <span>{d.acceptedOn}</span>
              {d.satisfaction ? <Rate disabled value={d.satisfaction} style={{ fontSize: 14 }} /> : null}
              {d.satisfaction ? <span>{d.satisfaction} / 5</span> : null}
            </Space>
            {d.acceptanceNote ? <div>{d.acceptanceNote}</div> : null}
          </Descriptions.Item>
        ) : null}
        {d.status === 'cancelled' ? <Descriptions.Item label={t('diag.field.cancelReason')} span={2}>{d.cancelReason ?? '—'}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

function ReportCard({ detail: d }: { detail: DiagnosisDetail }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const r = d.report;
  if (!r) {
    return (
      <Card size="small" style={{ marginTop: 12 }} title={t('diag.report.title')} data-testid="diagnosis-report">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.status === 'cancelled' ? t('diag.report.noneCancelled') : t('diag.report.none')} />
      </Card>
    );
  }
  const m = r.maturity;
  const maturityLink = can(user.role, 'maturity.read');
  return (
    <Card size="small" style={{ marginTop: 12 }} title={<Space>{t('diag.report.title')}<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{t('diag.report.on', { date: d.reportedOn ?? '—' })}</Typography.Text></Space>} data-testid="diagnosis-report">
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('diag.report.level')}>
          <Tag color="blue" data-testid="maturity-level">{m.level ? t(`diag.level.${m.level as 1 | 2 | 3 | 4}`) : t('diag.level.none')}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('diag.report.score')}>{t('diag.report.points', { n: formatMilli(m.totalMilli) })}</Descriptions.Item>
        <Descriptions.Item label={t('diag.report.assessment')}>
          {maturityLink ? <Link to={`/maturity/${m.id}`}>{t('diag.report.openAssessment')}</Link> : <Typography.Text type="secondary">{m.assessedOn ?? '—'}</Typography.Text>}
        </Descriptions.Item>
      </Descriptions>
      <div className="zgsz-label">{t('diag.report.summary')}</div>
      <Typography.Paragraph>{r.summary}</Typography.Paragraph>
      <div className="zgsz-label">{t('diag.report.gaps')}</div>
      <Table
        size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={r.gaps} style={{ marginBottom: 12 }} data-testid="report-gaps"
        columns={[
          { title: '#', key: 'i', width: 40, render: (_, __, i) => i + 1 },
          { title: t('diag.report.area'), dataIndex: 'area', width: 160, render: (v: string) => <Tag>{areaLabel(v, t)}</Tag> },
          { title: t('diag.report.finding'), dataIndex: 'finding' },
        ]}
      />
      <div className="zgsz-label">{t('diag.report.recommendations')}</div>
      <Table
        size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={r.recommendations} style={{ marginBottom: 12 }} data-testid="report-recommendations"
        columns={[
          { title: '#', key: 'i', width: 40, render: (_, __, i) => i + 1 },
          { title: t('diag.report.recTitle'), dataIndex: 'title' },
          { title: t('diag.report.area'), dataIndex: 'area', width: 160, render: (v: string) => <Tag>{areaLabel(v, t)}</Tag> },
          { title: t('diag.report.priority'), dataIndex: 'priority', width: 80, render: (v: 'high' | 'medium' | 'low') => <PriorityTag priority={v} /> },
          { title: t('diag.report.investment'), dataIndex: 'investmentFen', width: 130, align: 'right', render: (v: number) => <span className="zgsz-amount">{formatMoney(v)}</span> },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}><b>{t('diag.report.total')}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><b className="zgsz-amount" data-testid="report-total-investment">{formatMoney(r.totalInvestmentFen)}</b></Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <div className="zgsz-label">{t('diag.report.effect')}</div>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{r.expectedEffect}</Typography.Paragraph>
    </Card>
  );
}


function CheckpointsCard({ detail: d }: { detail: DiagnosisDetail }) {
  const { t } = useI18n();
  const files = new Map(d.documents.map((x) => [x.id, x]));
  const sorted = [...d.checkpoints].sort((a, b) => a.heldAt.localeCompare(b.heldAt));
  return (
    <Card size="small" style={{ marginTop: 12 }} title={<Space>{t('diag.cp.title')}<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{d.supervisorName ?? ''}</Typography.Text></Space>} data-testid="diagnosis-checkpoints">
      {!sorted.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.supervisorId ? t('diag.cp.none') : t('diag.cp.noneYet')} />
      ) : (
        <Timeline
          items={sorted.map((c) => {
            const doc = c.documentId ? files.get(c.documentId) : undefined;
            return {
              key: c.id,
              color: FINDING_COLOR[c.finding] ?? 'blue',
              content: (
                <div data-testid={`checkpoint-${c.code}`}>
                  <Space wrap size={4}>
                    <Tag color="blue" className="zgsz-mono">{c.code}</Tag>
                    <Typography.Text strong>{checkpointName(c.code, t)}</Typography.Text>
                    <FindingTag finding={c.finding} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.heldAt)} · {c.place}</Typography.Text>
                  </Space>
                  <div style={{ color: c.finding === 'ok' ? undefined : FINDING_HEX[c.finding] }}>{c.note}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('diag.cp.recordedBy', { name: c.recordedBy })}
                    {doc ? <> · <a href={documentUrl(d.id, doc.id)} download={doc.fileName}>{doc.fileName}</a></> : null}
                  </Typography.Text>
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

function LedgerCard({ ledger, number }: { ledger: DiagnosisLedger[]; number: string }) {
  const { t } = useI18n();
  // The ledger notes start with the diagnosis number, which this page already shows.
  const note = (v: string | null) => (v && v.startsWith(number) ? v.slice(number.length).trim() : v ?? '');
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('diag.ledger.title')} data-testid="diagnosis-ledger">
      <Table<DiagnosisLedger>
        size="small" rowKey="id" pagination={false} dataSource={ledger} scroll={{ x: 770 }}
        locale={{ emptyText: t('diag.ledger.empty') }}
        columns={[
          {
            title: t('diag.ledger.kind'), dataIndex: 'kind', width: 64,
            render: (k: DiagnosisLedger['kind']) => <Tag color={k === 'disburse' ? 'blue' : k === 'commit' ? 'gold' : k === 'reclaim' ? 'error' : 'default'}>{t(`diag.ledger.${k}`)}</Tag>,
          },
          { title: t('diag.ledger.payee'), dataIndex: 'payee', width: 70, render: (v: 'provider' | 'supervisor' | null) => (v ? t(`diag.payee.${v}`) : '—') },
          { title: t('diag.ledger.amount'), dataIndex: 'amountFen', width: 96, align: 'right', render: (v: number) => <span className="zgsz-amount">{formatMoney(v)}</span> },
          { title: t('diag.pay.paidOn'), dataIndex: 'paidOn', width: 96, render: (v: string | null) => v ?? '—' },
          { title: t('diag.pay.voucher'), dataIndex: 'voucher', width: 140, render: (v: string | null) => (v ? <span className="zgsz-mono" style={{ whiteSpace: 'nowrap' }}>{v}</span> : '—') },
          {
            title: t('diag.ledger.note'), dataIndex: 'note',
            render: (v: string | null, l) => <span>{note(v)}{l.clause ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{l.clause}</Typography.Text> : null}</span>,
          },
          { title: t('diag.ledger.actor'), dataIndex: 'actorName', width: 180, render: (v: string, l) => <span>{v}<span style={{ display: 'block', color: '#888', fontSize: 12 }}>{formatDateTime(l.at)}</span></span> },
        ]}
      />
    </Card>
  );
}

const ACTION_COLOR: Record<string, string> = { cancel: 'red', return: 'red', checkpoint: 'gray', accept: 'green', pay: 'green', resume: 'orange' };
const ACTIONS = ['request', 'dispatch', 'contract', 'start', 'report', 'return', 'accept', 'checkpoint', 'resume', 'pay', 'cancel'] as const;

/** 张三(企业用户), unless the account's display name already says its role: 财政局/考核办. */
const withRole = (name: string, role: string | undefined) => (!role || name.includes(role) || name.includes(role.replace(/\(.*\)$/, '')) ? name : `${name}(${role})`);

function HistoryCard({ detail: d }: { detail: DiagnosisDetail }) {
  const { t, lang } = useI18n();
  const label = (action: string) => ((ACTIONS as readonly string[]).includes(action) ? t(`diag.action.${action as (typeof ACTIONS)[number]}`) : action);
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('diag.history')} data-testid="diagnosis-history">
      <Timeline
        items={[...d.history].reverse().map((h, i) => ({
          key: i,
          color: ACTION_COLOR[h.action] ?? 'blue',
          content: (
            <div className="zgsz-history">
              <div>
                <Typography.Text strong>{label(h.action)}</Typography.Text>
                {h.fromStatus !== h.toStatus ? <Tag style={{ marginLeft: 6 }}>{t(`diag.status.${h.toStatus as DiagnosisStatus}`)}</Tag> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                  {withRole(h.actorName, roleLabel(h.actorRole as Role, lang))} · {formatDateTime(h.at)}
                </Typography.Text>
              </div>
              <div className="zgsz-history-summary">{h.summary}</div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
