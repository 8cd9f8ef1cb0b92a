// 提交诊断报告: the structured report (src/domain/diagnosis/report.ts) — the conclusion, the gaps by
// business area, the recommended projects with their investment estimate (typed in 万元 or 元, sent
// as exact integer fen) and priority, and the expected effect. The API also wants the 诊断报告 file
// and the submitted on-site assessment; both are checked here first so the provider knows.
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Form, Input, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MoneyInput, type MoneyValue, moneyFen, moneyRule } from '../../components/MoneyInput.tsx';
import { api } from '../../api/client.ts';
import { formatMoney } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { areaLabel, type DiagnosisDetail, type Priority, REPORT_AREAS, type ReportArea, rememberedOnSite, useDiagnosisWrite } from './shared.tsx';

interface Values {
  summary: string;
  gaps: { area?: ReportArea; finding: string }[];
  recommendations: { title: string; area?: ReportArea; investment: MoneyValue; priority: Priority }[];
  expectedEffect: string;
}

const PRIORITIES: Priority[] = ['high', 'medium', 'low'];

export function ReportForm({ detail: d, open, onClose }: { detail: DiagnosisDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { error, setError, busy, run } = useDiagnosisWrite(d.id);
  const recommendations = Form.useWatch('recommendations', form) ?? [];
  const total = recommendations.reduce<number | null>((s, r) => {
    const fen = moneyFen(r?.investment);
    return s === null || fen === null ? null : s + fen;
  }, 0);
  const hasReportFile = d.documents.some((x) => x.kind === 'report');
  const onSite = d.maturityId ?? d.onSiteMaturity?.id ?? rememberedOnSite(d.id);
  const areaOptions = REPORT_AREAS.map((a) => ({ value: a, label: areaLabel(a, t) }));

  const submit = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const report = {
      summary: v.summary.trim(),
      gaps: v.gaps.map((g) => ({ area: g.area!, finding: g.finding.trim() })),
      recommendations: v.recommendations.map((r) => ({ title: r.title.trim(), area: r.area!, investmentFen: moneyFen(r.investment)!, priority: r.priority })),
      expectedEffect: v.expectedEffect.trim(),
    };
    const ok = await run(() => api.post(`/diagnoses/${encodeURIComponent(d.id)}/report`, { version: d.version, report }), t('diag.report.submitted'));
    if (ok) onClose();
  };

  return (
    <Drawer
      open={open} onClose={onClose} size={900} forceRender title={t('diag.report.formTitle', { number: d.number })} data-testid="report-form"
      footer={error ? <div data-testid="report-error"><ErrorAlert error={error} title={t('diag.report.failed')} /></div> : null}
      extra={(
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Popconfirm title={t('diag.report.submitPrompt')} okText={t('diag.report.submit')} cancelText={t('common.cancel')} onConfirm={() => void submit()}>
            <Button type="primary" icon={<SendOutlined />} loading={busy} data-testid="report-submit">{t('diag.report.submit')}</Button>
          </Popconfirm>
        </Space>
      )}
    >
      <Alert
        type={hasReportFile && (d.maturityId || d.onSiteMaturity?.status === 'submitted') ? 'info' : 'warning'} showIcon style={{ marginBottom: 12 }} title={t('diag.report.prereqTitle')}
        description={(
          <ul className="zgsz-problems">
            <li>{hasReportFile ? t('diag.report.fileOk') : t('diag.report.fileMissing')}</li>
            <li>
              {d.maturityId || d.onSiteMaturity?.status === 'submitted' ? t('diag.report.onSiteOk') : onSite ? t('diag.report.onSiteDraft') : t('diag.report.onSiteMissing')}
              {' '}<Link to={onSite ? `/maturity/${onSite}` : `/maturity/new?diagnosisId=${d.id}`}>{onSite ? t('diag.onSite.open') : t('diag.onSite.start')}</Link>
            </li>
          </ul>
        )}
      />
      <Form<Values>
        form={form} layout="vertical" onValuesChange={() => { if (error) setError(null); }}
        initialValues={{ summary: '', gaps: [{ finding: '' }], recommendations: [{ title: '', investment: { amount: '', unit: '万元' }, priority: 'medium' }], expectedEffect: '' }}
      >
        <Form.Item name="summary" label={t('diag.report.summary')} extra={t('diag.report.summaryHelp')}
          rules={[{ required: true, whitespace: true, min: 10, max: 2000, message: t('diag.report.summaryRule') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="report-summary" />
        </Form.Item>

        <Typography.Title level={5} style={{ marginTop: 8 }}>{t('diag.report.gaps')}</Typography.Title>
        <Form.List name="gaps" rules={[{ validator: (_, v?: unknown[]) => (v && v.length ? Promise.resolve() : Promise.reject(new Error(t('diag.report.gapsRequired')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" data-testid={`gap-${i}`}>
                  <Col flex="200px">
                    <Form.Item name={[f.name, 'area']} rules={[{ required: true, message: t('diag.report.areaRequired') }]}>
                      <Select options={areaOptions} placeholder={t('diag.report.area')} />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item name={[f.name, 'finding']} rules={[{ required: true, whitespace: true, min: 4, max: 500, message: t('diag.report.findingRule') }]}>
                      <Input maxLength={500} placeholder={t('diag.report.findingPlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('diag.report.remove')} />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ finding: '' })} disabled={fields.length >= 50} style={{ marginBottom: 16 }} data-testid="add-gap">{t('diag.report.addGap')}</Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('diag.report.recommendations')}</Typography.Title>
        <Form.List name="recommendations" rules={[{ validator: (_, v?: unknown[]) => (v && v.length ? Promise.resolve() : Promise.reject(new Error(t('diag.report.recsRequired')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} data-testid={`rec-${i}`} style={{ border: '1px solid #eef0f3', borderRadius: 4, padding: '8px 8px 0', marginBottom: 8 }}>
                  <Row gutter={8} align="top">
                    <Col xs={24} md={7}>
                      <Form.Item name={[f.name, 'title']} label={t('diag.report.recTitle')} rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('diag.report.recTitleRule') }]}>
                        <Input maxLength={100} placeholder={t('diag.report.recTitlePlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={5}>
                      <Form.Item name={[f.name, 'area']} label={t('diag.report.area')} rules={[{ required: true, message: t('diag.report.areaRequired') }]}>
                        <Select options={areaOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={3}>
                      <Form.Item name={[f.name, 'priority']} label={t('diag.report.priority')}>
                        <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`diag.priority.${p}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={14} md={8}>
                      <Form.Item name={[f.name, 'investment']} label={t('diag.report.investment')} required
                        rules={[moneyRule({ required: t('diag.report.investmentRequired'), invalid: t('diag.moneyInvalid') }), {
                          validator: (_, v?: MoneyValue) => (moneyFen(v) === 0 ? Promise.reject(new Error(t('diag.report.investmentPositive'))) : Promise.resolve()),
                        }]}>
                        <MoneyInput testId={`rec-${i}-investment`} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1} style={{ paddingTop: 30 }}>
                      <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('diag.report.remove')} />
                    </Col>
                  </Row>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Space style={{ marginBottom: 16 }} wrap>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', investment: { amount: '', unit: '万元' }, priority: 'medium' })} disabled={fields.length >= 50} data-testid="add-rec">
                  {t('diag.report.addRec')}
                </Button>
                <Typography.Text>{t('diag.report.total')}:<b data-testid="report-total">{total === null ? '—' : formatMoney(total)}</b></Typography.Text>
              </Space>
            </>
          )}
        </Form.List>

        <Form.Item name="expectedEffect" label={t('diag.report.effect')} rules={[{ required: true, whitespace: true, min: 4, max: 1000, message: t('diag.report.effectRule') }]}>
          <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t('diag.report.effectPlaceholder')} data-testid="report-effect" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
