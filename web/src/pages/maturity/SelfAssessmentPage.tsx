// 数字化水平评测 (《中小企业数字化水平评测指标(2024年版)》, 工信厅企业〔2024〕56号): the questionnaire as
// data from the API, grouped by 维度 and 一级指标 (single and multiple choice, the exclusive 无 option,
// evidence figures), then the 16 数字化经营 scenes by group with their 约束性/指导性 flag and four level
// descriptions. The score panel beside it is computed with the domain's own scoring (the same code
// the API runs, integer thousandths of a point): total, dimensions, scene counts, level and what the
// next level lacks, with the low-confidence notes (the level rule is SECONDARY). An enterprise fills
// its self-assessment; a provider the on-site one of a diagnosis (/maturity/new?diagnosisId=…).
// Drafts are saved as they go; a submitted result is read-only.
import { ArrowLeftOutlined, CheckCircleOutlined, PaperClipOutlined, PrinterOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Collapse, Empty, InputNumber, Popconfirm, Progress, Radio, Result, Row, Skeleton, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { Fragment, type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Confidence, Question, Scene, Sme2024Instrument } from '../../../../src/domain/maturity/instrument.ts';
import { type AssessmentScore, formatPoints, type SceneLevel, scoreAssessment, type Sme2024Answers } from '../../../../src/domain/maturity/score.ts';
import { ApiError, api, apiUrl, request } from '../../api/client.ts';
import type { Enterprise } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { INDICATOR_EN } from '../../lib/i18n-lang.ts';
import { areaLabel } from '../diagnoses/shared.tsx';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-providers.ts';
import { useSignedIn } from '../../lib/session.tsx';

// ---- shapes (src/use-cases/maturity/maturity-support.ts presentMaturity, maturity-evidence.ts getMaturity) ----

export interface MaturityEvidence { id: string; itemId: string; fileName: string; uploadedBy: string; uploadedAt: string }
export interface MaturityRecord {
  id: string; enterpriseId: string; instrumentId: string; source: 'self' | 'diagnosis' | 'legacy'; sourceLabel: string; diagnosisId: string | null;
  status: 'draft' | 'submitted'; totalMilli: number | null; total: string | null; level: number | null; assessedOn: string | null; createdBy: string;
  version: number; result: unknown; answers?: Sme2024Answers; evidence?: MaturityEvidence[];
}
interface DiagnosisRef { id: string; number: string; enterpriseId: string; enterpriseName: string; status: string; statusLabel: string; maturityId: string | null }

export const INSTRUMENT_2024 = 'miit-sme-2024';
export const instrumentKey = (id: string) => ['maturity-instrument', id] as const;
const recordKey = (id: string) => ['maturity', id] as const;
const EMPTY: Sme2024Answers = { answers: {}, fields: {}, scenes: {} };
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt';
/** The on-site draft of a diagnosis, remembered in this browser (the API finds it only once the report is in). */
const draftMemo = (diagnosisId: string) => `zgsz.maturity.diagnosis.${diagnosisId}`;
interface Live { answers: Sme2024Answers; saved: string; version: number; status: 'draft' | 'submitted' }
const liveKey = (id: string) => ['maturity-live', id] as const;

export function useInstrument2024() {
  return useQuery({ queryKey: instrumentKey(INSTRUMENT_2024), queryFn: () => api.get<Sme2024Instrument>(`/maturity/instruments/${INSTRUMENT_2024}`), staleTime: Infinity });
}

/** The score as the API computes it, or null when the answers do not fit the instrument. */
function liveScore(instrument: Sme2024Instrument, answers: Sme2024Answers): AssessmentScore | null {
  try {
    return scoreAssessment(instrument, answers);
  } catch {
    return null;
  }
}

export const levelText = (level: number | null | undefined, t: Translate) => (level ? t('mat.levelN', { n: t(`mat.level.${level as 1 | 2 | 3 | 4}`) }) : t('mat.noLevel'));

export function ConfidenceTag({ confidence, caveat }: { confidence: Confidence; caveat?: string | undefined }) {
  const { t } = useI18n();
  if (confidence === 'confirmed') return null;
  const tag = <Tag color={confidence === 'secondary' ? 'orange' : 'red'} style={{ marginInlineStart: 6 }}>{t(`mat.confidence.${confidence}`)}</Tag>;
  return caveat ? <Tooltip title={caveat}>{tag}</Tooltip> : tag;
}

// ---- the page: which assessment ----

export default function SelfAssessmentPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const diagnosisId = params.get('diagnosisId');
  const instrument = useInstrument2024();
  if (instrument.isError) return <ErrorAlert error={instrument.error} onRetry={() => void instrument.refetch()} />;
  if (!instrument.data) return <Card><Skeleton active paragraph={{ rows: 14 }} /></Card>;
  if (id) return <ExistingAssessment key={id} id={id} instrument={instrument.data} />;
  if (diagnosisId) return <NewOnSite key={diagnosisId} diagnosisId={diagnosisId} instrument={instrument.data} />;
  return <NewSelf instrument={instrument.data} />;
}

function ExistingAssessment({ id, instrument }: { id: string; instrument: Sme2024Instrument }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: recordKey(id), queryFn: () => api.get<MaturityRecord>(`/maturity/${encodeURIComponent(id)}`) });
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <Card><Result status="404" title={t('mat.notFound')} subTitle={errorMessage(query.error)} extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>} /></Card>;
    }
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <Card><Skeleton active paragraph={{ rows: 14 }} /></Card>;
  if (query.data.instrumentId !== INSTRUMENT_2024) {
    return <Card><Result status="info" title={t('mat.legacyRecord')} subTitle={t('mat.legacyRecordHelp', { total: query.data.total ?? '—', level: levelText(query.data.level, t) })} /></Card>;
  }
  return <Questionnaire instrument={instrument} record={query.data} source={query.data.source === 'diagnosis' ? 'diagnosis' : 'self'} diagnosisId={query.data.diagnosisId} />;
}

function NewOnSite({ diagnosisId, instrument }: { diagnosisId: string; instrument: Sme2024Instrument }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [remembered] = useState(() => {
    try { return localStorage.getItem(draftMemo(diagnosisId)); } catch { return null; }
  });
  const diagnosis = useQuery({ queryKey: ['diagnosis', diagnosisId], queryFn: () => api.get<DiagnosisRef>(`/diagnoses/${encodeURIComponent(diagnosisId)}`), enabled: !remembered });
  if (remembered) return <Navigate to={`/maturity/${remembered}`} replace />;
  if (user.role !== 'provider') return <Card><Result status="403" title={t('mat.onSiteProviderOnly')} /></Card>;
  if (diagnosis.isError) return <ErrorAlert error={diagnosis.error} onRetry={() => void diagnosis.refetch()} />;
  if (!diagnosis.data) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (diagnosis.data.maturityId) return <Navigate to={`/maturity/${diagnosis.data.maturityId}`} replace />;
  return <Questionnaire instrument={instrument} record={null} source="diagnosis" diagnosisId={diagnosisId} diagnosis={diagnosis.data} />;
}

function NewSelf({ instrument }: { instrument: Sme2024Instrument }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const profile = useQuery({
    queryKey: ['digital-profile', user.enterpriseId], enabled: user.role === 'enterprise' && !!user.enterpriseId,
    queryFn: () => api.get<{ drafts: MaturityRecord[] }>(`/enterprises/${user.enterpriseId}/digital-profile`),
  });
  if (user.role === 'provider') {
    return <Card><Result status="info" title={t('mat.onSiteFromDiagnosis')} extra={<Link to="/diagnoses"><Button type="primary">{t('mat.toDiagnoses')}</Button></Link>} /></Card>;
  }
  const draft = profile.data?.drafts.find((d) => d.source === 'self' && d.instrumentId === INSTRUMENT_2024);
  return (
    <>
      {draft ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="existing-draft"
          title={t('mat.existingDraft', { total: draft.total ?? '0' })}
          action={<Link to={`/maturity/${draft.id}`}><Button size="small" type="primary">{t('mat.continueDraft')}</Button></Link>} />
      ) : null}
      <Questionnaire instrument={instrument} record={null} source="self" diagnosisId={null} />
    </>
  );
}

// ---- the questionnaire ----

function Questionnaire({ instrument, record, source, diagnosisId, diagnosis }: {
  instrument: Sme2024Instrument; record: MaturityRecord | null; source: 'self' | 'diagnosis'; diagnosisId: string | null; diagnosis?: DiagnosisRef;
}) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // What is on screen, kept per assessment: the first save of a new assessment changes the URL, and the
  // instance the route then mounts must start from it (edits made meanwhile included), not from the server copy.
  const [live] = useState(() => {
    const l = record ? queryClient.getQueryData<Live>(liveKey(record.id)) : undefined;
    return l && record && l.version >= record.version ? l : undefined;
  });
  const [answers, setAnswers] = useState<Sme2024Answers>(() => live?.answers ?? record?.answers ?? EMPTY);
  const [saved, setSaved] = useState(() => live?.saved ?? JSON.stringify(record?.answers ?? EMPTY));
  const [version, setVersion] = useState(() => live?.version ?? record?.version ?? 0);
  const [status, setStatus] = useState(() => live?.status ?? record?.status ?? 'draft');
  const [recordId, setRecordId] = useState(record?.id ?? null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [flagged, setFlagged] = useState<string | null>(null);
  const score = useMemo(() => liveScore(instrument, answers), [instrument, answers]);
  useEffect(() => {
    if (recordId) queryClient.setQueryData<Live>(liveKey(recordId), { answers, saved, version, status });
  }, [queryClient, recordId, answers, saved, version, status]);
  const dirty = JSON.stringify(answers) !== saved;
  const writer = source === 'self' ? user.role === 'enterprise' && (!record || record.enterpriseId === user.enterpriseId) : user.role === 'provider';
  const editable = status === 'draft' && writer && can(user.role, 'maturity.assess');
  const enterpriseId = record?.enterpriseId ?? diagnosis?.enterpriseId ?? user.enterpriseId;

  const set = (fn: (a: Sme2024Answers) => Sme2024Answers) => { setAnswers(fn); if (error) setError(null); setFlagged(null); };

  /** Saves the draft (creating it the first time); the version to submit with, or null when refused. */
  const save = async (): Promise<{ id: string; version: number } | null> => {
    const body = { answers: { answers: answers.answers, fields: answers.fields, scenes: answers.scenes } };
    const snapshot = JSON.stringify(answers);
    try {
      if (!recordId) {
        const created = await api.post<MaturityRecord>('/maturity', { instrumentId: INSTRUMENT_2024, source, ...(diagnosisId ? { diagnosisId } : {}), ...body });
        if (diagnosisId) { try { localStorage.setItem(draftMemo(diagnosisId), created.id); } catch { /* private mode */ } }
        queryClient.setQueryData(recordKey(created.id), { ...created, evidence: [] });
        queryClient.setQueryData<Live>(liveKey(created.id), { answers, saved: snapshot, version: created.version, status: 'draft' });
        setRecordId(created.id);
        setVersion(created.version);
        setSaved(snapshot);
        return { id: created.id, version: created.version };
      }
      const updated = await api.put<MaturityRecord>(`/maturity/${recordId}`, { version, ...body });
      setVersion(updated.version);
      setSaved(snapshot);
      await queryClient.invalidateQueries({ queryKey: recordKey(recordId) });
      return { id: recordId, version: updated.version };
    } catch (e) {
      fail(e);
      return null;
    }
  };

  /** Shows the refusal and, when it names an item, scrolls to it. */
  const fail = (e: unknown) => {
    setError(e);
    const item = e instanceof ApiError && e.field ? /^(answers|fields|scenes)\.([^.]+)/.exec(e.field) : null;
    if (item) {
      const key = `${item[1] === 'scenes' ? 'scene' : 'q'}-${item[2]}`;
      setFlagged(key);
      document.getElementById(`mat-${key}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    }
  };

  const onSave = async () => {
    setBusy('save');
    setError(null);
    const r = await save();
    setBusy(null);
    if (!r) return;
    message.success(t('mat.saved'));
    if (!record) navigate(`/maturity/${r.id}`, { replace: true });
  };

  const onSubmit = async () => {
    setBusy('submit');
    setError(null);
    const r = !recordId || dirty ? await save() : { id: recordId, version };
    if (!r) { setBusy(null); return; }
    try {
      const done = await api.post<MaturityRecord>(`/maturity/${r.id}/submit`, { version: r.version });
      queryClient.setQueryData(recordKey(r.id), (old: MaturityRecord | undefined) => ({ ...done, evidence: old?.evidence ?? [] }));
      queryClient.setQueryData<Live>(liveKey(r.id), { answers, saved: JSON.stringify(answers), version: done.version, status: 'submitted' });
      await queryClient.invalidateQueries({ queryKey: ['digital-profile'] });
      setStatus('submitted');
      setVersion(done.version);
      message.success(t('mat.submitted', { level: levelText(done.level, t) }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
    if (!record) navigate(`/maturity/${r.id}`, { replace: true });
  };

  const answered = instrument.questions.filter((q) => (answers.answers[q.id] ?? []).length > 0).length;
  const rated = instrument.scenes.filter((s) => answers.scenes[s.id] !== undefined).length;
  const profileLink = can(user.role, 'diagnoses.accept') ? '/digital-profile' : enterpriseId && user.role !== 'provider' ? `/enterprises/${enterpriseId}/digital-profile` : null;

  return (
    <div className="zgsz-page" data-testid="maturity-page">
      <div className="zgsz-page-head">
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('mat.title')}</Typography.Title>
          <Tag color={source === 'self' ? 'blue' : 'geekblue'}>{t(`mat.source.${source}`)}</Tag>
          <Tag color={status === 'submitted' ? 'success' : 'default'} data-testid="maturity-status">{t(`mat.status.${status}`)}</Tag>
          {dirty && editable ? <Tag color="warning">{t('mat.unsaved')}</Tag> : null}
        </Space>
        <Space wrap>
          {profileLink ? <Link to={profileLink}>{t('mat.toProfile')}</Link> : null}
          <a href={apiUrl(`/maturity/instruments/${INSTRUMENT_2024}/print`)} target="_blank" rel="noopener noreferrer" data-testid="print-link"><PrinterOutlined /> {t('mat.print')}</a>
        </Space>
      </div>
      <HeadFacts instrument={instrument} record={record} diagnosis={diagnosis} diagnosisId={diagnosisId} />
      {status === 'submitted' ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} style={{ marginBottom: 12 }} data-testid="read-only"
          title={t('mat.readOnly', { date: record?.assessedOn ?? '' })} />
      ) : !writer ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('mat.notYours')} /> : null}
      {lang === 'en' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('lang.mat.quoted')} data-testid="instrument-quoted" /> : null}
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          {instrument.dimensions.map((d) => (
            <Card key={d.id} size="small" style={{ marginBottom: 12 }} data-testid={`dimension-${d.id}`}
              title={<Space>{areaLabel(d.name, t)}<Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('mat.points', { p: formatPoints(d.maxMilli) })}</Typography.Text><ConfidenceTag confidence={d.confidence} caveat={d.caveat} /></Space>}
              extra={score ? <span className="zgsz-amount">{formatPoints(score.dimensions.find((x) => x.id === d.id)?.scoreMilli ?? 0)} / {formatPoints(d.maxMilli)}</span> : null}>
              {d.indicators.map((ind) => (
                <div key={ind.id} className="zgsz-mat-indicator">
                  <div className="zgsz-label" style={{ fontWeight: 600, color: '#1f4e8c' }}>
                    {lang === 'en' ? INDICATOR_EN[ind.id] ?? ind.name : ind.name} · {t('mat.points', { p: formatPoints(ind.maxMilli) })}<ConfidenceTag confidence={ind.confidence} caveat={ind.caveat} />
                  </div>
                  {ind.questions.map((q) => (
                    <QuestionBlock key={q.id} q={q} answers={answers} set={set} editable={editable} flagged={flagged === `q-${q.id}`}
                      scoreMilli={score?.dimensions.flatMap((x) => x.indicators).flatMap((x) => x.questions).find((x) => x.id === q.id)?.scoreMilli ?? 0}
                      evidence={<EvidenceList record={record} itemId={q.id} editable={editable} />} />
                  ))}
                </div>
              ))}
            </Card>
          ))}
          <ScenesCard instrument={instrument} answers={answers} set={set} editable={editable} flagged={flagged} record={record} />
        </Col>
        <Col xs={24} xl={8}>
          <div className="zgsz-sticky" style={{ maxHeight: 'calc(100vh - 90px)', overflowY: 'auto' }}>
            <ScorePanel instrument={instrument} score={score} answered={answered} rated={rated} final={status === 'submitted'}>
              {error ? <ErrorAlert error={error} title={t('mat.refused')} /> : null}
              {editable ? (
                <Space wrap>
                  <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={busy === 'save'} disabled={busy !== null} data-testid="save-draft">{t('mat.saveDraft')}</Button>
                  <Popconfirm title={t('mat.submitPrompt')} okText={t('mat.submit')} cancelText={t('common.cancel')} onConfirm={() => void onSubmit()}
                    okButtonProps={{ ...{ 'data-testid': 'submit-confirm' } }}>
                    <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy !== null} data-testid="submit-maturity">{t('mat.submit')}</Button>
                  </Popconfirm>
                </Space>
              ) : null}
              {editable ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>{t('mat.submitHelp')}</Typography.Paragraph> : null}
            </ScorePanel>
          </div>
        </Col>
      </Row>
    </div>
  );
}

function HeadFacts({ instrument, record, diagnosis, diagnosisId }: { instrument: Sme2024Instrument; record: MaturityRecord | null; diagnosis?: DiagnosisRef | undefined; diagnosisId: string | null }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const enterpriseId = record?.enterpriseId ?? diagnosis?.enterpriseId ?? user.enterpriseId;
  const diag = useQuery({
    queryKey: ['diagnosis', diagnosisId], enabled: !!diagnosisId && !diagnosis,
    queryFn: () => api.get<DiagnosisRef>(`/diagnoses/${encodeURIComponent(diagnosisId!)}`),
  });
  const d = diagnosis ?? diag.data;
  const enterprise = useQuery({
    queryKey: ['enterprise', enterpriseId], enabled: !d && !!enterpriseId && can(user.role, 'enterprises.read'),
    queryFn: () => api.get<Enterprise>(`/enterprises/${encodeURIComponent(enterpriseId!)}`),
  });
  const name = d?.enterpriseName ?? enterprise.data?.name;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <div className="zgsz-kv" style={{ fontSize: 13, gap: '4px 18px' }}>
        {name ? <span><em>{t('mat.enterprise')}</em>{name}</span> : null}
        {d ? <span><em>{t('mat.diagnosis')}</em><Link to={`/diagnoses/${d.id}`} className="zgsz-mono">{d.number}</Link></span> : null}
        <span><em>{t('mat.instrument')}</em>{instrument.document.number} {instrument.title}</span>
        {record ? <span><em>{t('mat.createdBy')}</em>{record.createdBy}</span> : null}
        {record?.assessedOn ? <span><em>{t('mat.assessedOn')}</em>{record.assessedOn}</span> : null}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mat.intro')}</Typography.Text>
    </Card>
  );
}

// ---- one question ----

function QuestionBlock({ q, answers, set, editable, flagged, scoreMilli, evidence }: {
  q: Question; answers: Sme2024Answers; set: (fn: (a: Sme2024Answers) => Sme2024Answers) => void; editable: boolean; flagged: boolean; scoreMilli: number; evidence: ReactNode;
}) {
  const { t } = useI18n();
  const selected = answers.answers[q.id] ?? [];
  const none = q.options.find((o) => o.exclusive)?.key;
  const choose = (keys: string[]) => set((a) => {
    let next = keys;
    // 无 excludes the rest: choosing it clears the others; choosing another clears it.
    if (none && keys.includes(none)) next = selected.includes(none) ? keys.filter((k) => k !== none) : [none];
    const ordered = q.options.filter((o) => next.includes(o.key)).map((o) => o.key);
    const rest = { ...a.answers };
    if (ordered.length) rest[q.id] = ordered; else delete rest[q.id];
    return { ...a, answers: rest };
  });
  const setField = (key: string, v: number | null) => set((a) => {
    const own = { ...(a.fields[q.id] ?? {}) };
    if (v === null || v === undefined) delete own[key]; else own[key] = v;
    const fields = { ...a.fields };
    if (Object.keys(own).length) fields[q.id] = own; else delete fields[q.id];
    return { ...a, fields };
  });
  // A submitted answer reads as chosen, not as a greyed-out control.
  const label = (o: Question['options'][number]) => (
    <span style={!editable && selected.includes(o.key) ? { color: '#135200', fontWeight: 600 } : undefined}>{o.label}<Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>{t('mat.points', { p: formatPoints(o.milli) })}</Typography.Text>
      {o.confidence !== q.confidence || o.caveat !== q.caveat ? <ConfidenceTag confidence={o.confidence} caveat={o.caveat} /> : null}</span>
  );
  return (
    <div id={`mat-q-${q.id}`} className="zgsz-mat-question" data-testid={`question-${q.id}`}
      style={{ padding: '8px 10px', margin: '6px 0 10px', borderLeft: `3px solid ${flagged ? '#c0504d' : selected.length ? '#2f9e6e' : '#d0d7e2'}`, background: flagged ? '#fff1f0' : '#fafbfd', borderRadius: 2 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <div>
          <Typography.Text strong>{q.name}</Typography.Text>
          <Typography.Text style={{ marginLeft: 8 }}>{q.text}</Typography.Text>
          <Tag style={{ marginLeft: 8 }}>{t(q.type === 'single' ? 'mat.single' : 'mat.multi')}</Tag>
          <ConfidenceTag confidence={q.confidence} caveat={q.caveat} />
        </div>
        <span className="zgsz-amount" style={{ whiteSpace: 'nowrap' }}>{formatPoints(scoreMilli)} / {formatPoints(q.maxMilli)}</span>
      </div>
      {q.note ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>{q.note}</Typography.Text> : null}
      <div style={{ marginTop: 6 }}>
        {q.type === 'single' ? (
          <Radio.Group value={selected[0]} disabled={!editable} onChange={(e) => choose([e.target.value as string])} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}
            options={q.options.map((o) => ({ value: o.key, label: label(o) }))} />
        ) : (
          <Checkbox.Group value={selected} disabled={!editable} onChange={(v) => choose(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}
            options={q.options.map((o) => ({ value: o.key, label: label(o) }))} />
        )}
      </div>
      {q.fields.length ? (
        <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: '6px 16px' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, width: '100%' }}>{t('mat.fieldsHelp')}</Typography.Text>
          {q.fields.map((f) => (
            <label key={f.key} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 13 }}>
              <span>{f.label}</span>
              <InputNumber size="small" min={0} precision={f.integer ? 0 : undefined} disabled={!editable} style={{ width: 150 }} suffix={f.unit}
                value={answers.fields[q.id]?.[f.key] ?? null} onChange={(v) => setField(f.key, typeof v === 'number' ? v : null)} data-testid={`field-${q.id}-${f.key}`} />
            </label>
          ))}
        </div>
      ) : null}
      {evidence}
    </div>
  );
}

// ---- 支撑材料 per item ----

function EvidenceList({ record, itemId, editable }: { record: MaturityRecord | null; itemId: string; editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const files = (record?.evidence ?? []).filter((e) => e.itemId === itemId);
  const upload = async (file: File) => {
    if (!record) return;
    setUploading(true);
    try {
      await request('POST', `/maturity/${record.id}/evidence`, { query: { item: itemId, name: file.name }, raw: { data: file, contentType: 'application/octet-stream' } });
      message.success(t('mat.evidence.uploaded', { name: file.name }));
      await queryClient.invalidateQueries({ queryKey: recordKey(record.id) });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };
  if (!files.length && !(editable && record)) return null;
  return (
    <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, fontSize: 12 }}>
      {files.map((f) => (
        <Tooltip key={f.id} title={`${f.uploadedBy} · ${formatDateTime(f.uploadedAt)}`}>
          <a href={apiUrl(`/maturity/${record!.id}/evidence/${f.id}`)}><PaperClipOutlined /> {f.fileName}</a>
        </Tooltip>
      ))}
      {editable ? (
        record ? (
          <Upload accept={ACCEPT} showUploadList={false} multiple={false} beforeUpload={(f) => { void upload(f); return false; }}>
            <Button size="small" type="link" icon={<UploadOutlined />} loading={uploading} style={{ paddingInline: 0 }}>{t('mat.evidence.upload')}</Button>
          </Upload>
        ) : null
      ) : null}
    </div>
  );
}

// ---- the 16 scenes ----

function ScenesCard({ instrument, answers, set, editable, flagged, record }: {
  instrument: Sme2024Instrument; answers: Sme2024Answers; set: (fn: (a: Sme2024Answers) => Sme2024Answers) => void; editable: boolean; flagged: string | null; record: MaturityRecord | null;
}) {
  const { t } = useI18n();
  const groups = [...new Set(instrument.scenes.map((s) => s.group))];
  const rate = (s: Scene, level: SceneLevel) => set((a) => ({ ...a, scenes: { ...a.scenes, [s.id]: level } }));
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="scenes-card"
      title={<Space>{t('mat.scenes')}<Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('mat.scenesCount', { n: instrument.scenes.length, c: instrument.scenes.filter((s) => s.constraint).length })}</Typography.Text><ConfidenceTag confidence={instrument.sceneSet.confidence} caveat={instrument.sceneSet.caveat} /></Space>}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('mat.scenesHelp')}</Typography.Paragraph>
      {groups.map((g) => (
        <Fragment key={g}>
          <div className="zgsz-label" style={{ fontWeight: 600, color: '#1f4e8c', marginTop: 8 }}>{areaLabel(g, t)}</div>
          {instrument.scenes.filter((s) => s.group === g).map((s) => {
            const value = answers.scenes[s.id];
            const bad = flagged === `scene-${s.id}`;
            return (
              <div key={s.id} id={`mat-scene-${s.id}`} data-testid={`scene-${s.id}`}
                style={{ padding: '8px 10px', margin: '6px 0 10px', borderLeft: `3px solid ${bad ? '#c0504d' : value !== undefined ? '#2f9e6e' : '#d0d7e2'}`, background: bad ? '#fff1f0' : '#fafbfd', borderRadius: 2 }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
                  <Space size={4}>
                    <Typography.Text strong>{s.name}</Typography.Text>
                    <Tag color={s.constraint ? 'red' : 'blue'}>{t(s.constraint ? 'mat.constraint' : 'mat.guidance')}</Tag>
                    <ConfidenceTag confidence={s.confidence} caveat={s.caveat} />
                  </Space>
                  <Radio.Group size="small" optionType="button" buttonStyle="solid" value={value} disabled={!editable} onChange={(e) => rate(s, e.target.value as SceneLevel)}
                    options={([0, 1, 2, 3, 4] as const).map((l) => ({ value: l, label: l === 0 ? t('mat.sceneNone') : t(`mat.level.${l}`) }))} data-testid={`scene-level-${s.id}`} />
                </div>
                <ul style={{ margin: '6px 0 0', paddingLeft: 0, listStyle: 'none', fontSize: 12 }}>
                  {s.levels.map((text, i) => {
                    const reached = value !== undefined && value >= i + 1;
                    return (
                      <li key={i} style={{ color: reached ? '#135200' : '#666', fontWeight: value === i + 1 ? 600 : 'normal' }}>
                        <span style={{ marginRight: 6 }}>{t(`mat.level.${(i + 1) as 1 | 2 | 3 | 4}`)}</span>{text}
                      </li>
                    );
                  })}
                </ul>
                <EvidenceList record={record} itemId={s.id} editable={editable} />
              </div>
            );
          })}
        </Fragment>
      ))}
    </Card>
  );
}

// ---- the score panel ----

function ScorePanel({ instrument, score, answered, rated, final, children }: {
  instrument: Sme2024Instrument; score: AssessmentScore | null; answered: number; rated: number; final: boolean; children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const rule = instrument.levelRule;
  if (!score) return <Card size="small" title={t('mat.score')}>{children}<Empty description={t('mat.scoreUnavailable')} /></Card>;
  const next = score.nextLevel;
  const nextRow = next ? rule.rows.find((r) => r.level === next.level) : undefined;
  const others = dedupe(score.lowConfidence.filter((x) => x.ref !== 'levelRule'));
  return (
    <Card size="small" title={t(final ? 'mat.result' : 'mat.score')} data-testid="score-panel">
      <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 8 }}>
        <span>
          <span className="zgsz-amount" style={{ fontSize: 30 }} data-testid="score-total">{formatPoints(score.totalMilli)}</span>
          <Typography.Text type="secondary"> / {formatPoints(score.maxMilli)} {t('mat.pointsUnit')}</Typography.Text>
        </span>
        <span>
          <Tag color={score.level ? 'blue' : 'default'} style={{ fontSize: 15, padding: '2px 10px' }} data-testid="score-level">{levelText(score.level, t)}</Tag>
          {!score.complete ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mat.provisional')}</Typography.Text> : null}
        </span>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mat.progress', { a: answered, q: instrument.questions.length, r: rated, s: instrument.scenes.length })}</Typography.Text>
      {children ? <div style={{ margin: '10px 0 4px' }}>{children}</div> : null}
      <div style={{ marginTop: 10 }}>
        {score.dimensions.map((d) => (
          <div key={d.id} style={{ marginBottom: 4 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
              <span>{areaLabel(d.name, t)}</span><span className="zgsz-mono">{formatPoints(d.scoreMilli)} / {formatPoints(d.maxMilli)}</span>
            </div>
            <Progress percent={d.maxMilli ? Math.floor((d.scoreMilli * 100) / d.maxMilli) : 0} showInfo={false} size="small" />
          </div>
        ))}
      </div>
      <div className="zgsz-label" style={{ marginTop: 10 }}>{t('mat.sceneCounts')}</div>
      <table className="zgsz-changes" data-testid="scene-counts">
        <thead><tr><th>{t('mat.levelCol')}</th><th>{t('mat.scenesAt')}</th><th>{t('mat.constraintAt')}</th><th>{t('mat.minScore')}</th></tr></thead>
        <tbody>
          {score.scenes.rated.map((c) => {
            const row = rule.rows.find((r) => r.level === c.level);
            const ok = (have: number, need: number | undefined) => <span style={{ color: need !== undefined && have >= need ? '#135200' : '#a8071a' }}>{have}{need !== undefined ? ` / ≥${need}` : ''}</span>;
            return (
              <tr key={c.level}>
                <td>{t(`mat.level.${c.level as 1 | 2 | 3 | 4}`)}</td>
                <td>{ok(c.scenes, row?.minScenes)}</td>
                <td>{ok(c.constraintScenes, row?.minConstraintScenes)}</td>
                <td>{row ? <span style={{ color: score.totalMilli >= row.minScoreMilli ? '#135200' : '#a8071a' }}>≥{formatPoints(row.minScoreMilli)}</span> : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {score.scenes.unrated ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mat.unrated', { n: score.scenes.unrated })}</Typography.Text> : null}
      {next ? (
        <Alert type="info" showIcon style={{ marginTop: 10 }} data-testid="next-level" title={t('mat.nextLevel', { level: levelText(next.level, t) })}
          description={lang === 'zh' ? next.missing : (
            <ul className="zgsz-problems">
              {nextRow ? <li>{t('mat.nextRule', { score: formatPoints(nextRow.minScoreMilli), scenes: nextRow.minScenes, constraint: nextRow.minConstraintScenes })}</li> : null}
              {next.shortfall.scoreMilli ? <li>{t('mat.shortPoints', { p: formatPoints(next.shortfall.scoreMilli) })}</li> : null}
              {next.shortfall.scenes ? <li>{t('mat.shortScenes', { n: next.shortfall.scenes })}</li> : null}
              {next.shortfall.constraintScenes ? <li>{t('mat.shortConstraint', { n: next.shortfall.constraintScenes })}</li> : null}
            </ul>
          )} />
      ) : <Alert type="success" showIcon style={{ marginTop: 10 }} title={t('mat.topLevel')} />}
      <Alert type="warning" showIcon style={{ marginTop: 10 }} data-testid="level-rule-caveat"
        title={t('mat.levelRuleNote', { confidence: t(`mat.confidence.${rule.confidence}`) })}
        description={<div style={{ fontSize: 12 }}><div>{rule.caveat}</div>{rule.labelNote ? <div style={{ marginTop: 4 }}>{rule.labelNote}</div> : null}</div>} />
      {others.length ? (
        <Collapse size="small" ghost style={{ marginTop: 6 }} items={[{
          key: 'low', label: t('mat.lowConfidence', { n: others.length }),
          children: (
            <ul className="zgsz-problems" style={{ fontSize: 12 }}>
              {others.map((x) => <li key={x.ref}><b>{x.name}</b><ConfidenceTag confidence={x.confidence} />{x.caveat ? <div style={{ color: '#666' }}>{x.caveat}</div> : null}</li>)}
            </ul>
          ),
        }]} />
      ) : null}
    </Card>
  );
}

/** One line per caveat: an option with the question's caveat repeats it. */
function dedupe<T extends { caveat?: string | undefined; name: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = x.caveat ?? x.name;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
