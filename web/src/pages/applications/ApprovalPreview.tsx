// 批准前核对: what the approver reads before pressing 批准 — the engine's range and conclusion,
// each paying fund's remaining budget (and what is left after this amount), the enterprise's
// remaining yearly cap, the evidence review status, duplicate-file flags, open 公示 objections and
// the effect on the region's 附件2 target. Figures come from the API's `preview`; the "after"
// column subtracts the amount being typed (integer fen).
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ApplicationDetail } from '../../api/applications.ts';
import { formatMoney } from '../../lib/format.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';

type Level = 'ok' | 'warn' | 'bad' | 'info';
const ICON: Record<Level, ReactNode> = {
  ok: <CheckCircleFilled style={{ color: '#2f9e6e' }} />, warn: <ExclamationCircleFilled style={{ color: '#d48806' }} />,
  bad: <CloseCircleFilled style={{ color: '#c0392b' }} />, info: <ExclamationCircleFilled style={{ color: '#8c8c8c' }} />,
};

function Row({ level, title, children, testId }: { level: Level; title: string; children: ReactNode; testId: string }) {
  return (
    <div className={`zgsz-preview-row zgsz-preview-${level}`} data-testid={testId} data-level={level}>
      <div className="zgsz-preview-title">{ICON[level]} {title}</div>
      <div className="zgsz-preview-body">{children}</div>
    </div>
  );
}

export function ApprovalPreview({ detail, amountFen, parts }: { detail: ApplicationDetail; amountFen: number | null; parts: { city: number; county: number } }) {
  const { t, lang } = useI18n();
  const { name: regionName } = useRegions();
  const p = detail.preview!;
  const a = detail.application;
  const amount = amountFen ?? 0;
  const overMax = a.maxFen !== null && amount > a.maxFen;
  const conclusion = detail.evaluation.steps[detail.evaluation.steps.length - 1];
  const files = detail.evidence.filter((e) => e.stage === 'application').flatMap((e) => e.files.map((f) => ({ ...f, item: e.label })));
  const corrections = files.filter((f) => f.status === 'needs_correction');
  const pending = files.filter((f) => f.status === 'pending');
  const dups = files.filter((f) => f.duplicates.length);

  return (
    <div className="zgsz-preview" data-testid="approval-preview">
      <Typography.Text strong>{t('pre.title')}</Typography.Text>
      <Row level={amountFen === null ? 'info' : overMax ? 'bad' : 'ok'} title={t('pre.range')} testId="preview-range">
        <div><span className="zgsz-amount">{entitlementText({ min: a.minFen, max: a.maxFen }, lang)}</span> <span className="zgsz-preview-sub">{a.clause} · {detail.evaluation.payerLabel}</span></div>
        {conclusion ? <div className="zgsz-preview-sub">{conclusion.text}</div> : null}
        {overMax ? <div className="zgsz-preview-bad">{t('pre.overMax', { amount: formatMoney(amount) })}</div> : null}
      </Row>
      {p.funds.map((f) => {
        const need = f.level === 'city' ? (a.payer === 'shared' ? parts.city : amount) : (a.payer === 'shared' ? parts.county : amount);
        const after = f.remainingFen === null ? null : f.remainingFen - need;
        const level: Level = f.fundId === null ? 'bad' : after !== null && after < 0 ? 'bad' : 'ok';
        return (
          <Row key={f.level} level={level} title={t('pre.fund', { level: t(`fund.level.${f.level}`) })} testId={`preview-fund-${f.level}`}>
            {f.fundId === null ? <div className="zgsz-preview-bad">{t('pre.noFund', { level: t(`fund.level.${f.level}`), year: a.year })}</div> : (
              <>
                <div>{f.fundName}</div>
                <div className="zgsz-preview-figures">
                  <span>{t('pre.budget')} <b>{formatMoney(f.budgetFen ?? 0)}</b></span>
                  <span>{t('pre.remaining')} <b data-testid={`preview-remaining-${f.level}`}>{formatMoney(f.remainingFen ?? 0)}</b></span>
                  {need > 0 && after !== null ? <span className={after < 0 ? 'zgsz-preview-bad' : ''}>{t('pre.after')} <b>{formatMoney(after)}</b></span> : null}
                </div>
                {after !== null && after < 0 ? <div className="zgsz-preview-bad">{t('pre.insufficient')}</div> : null}
              </>
            )}
          </Row>
        );
      })}
      <Row level={p.yearlyCaps.some((c) => amount > c.remainingFen) ? 'bad' : p.yearlyCaps.length ? 'ok' : 'info'} title={t('pre.caps')} testId="preview-caps">
        {p.yearlyCaps.length ? p.yearlyCaps.map((c) => (
          <div key={c.key} className="zgsz-preview-figures">
            <span>{t('pre.capText', { text: c.text })}</span>
            <span>{t('pre.used')} <b>{formatMoney(c.usedFen)}</b></span>
            <span>{t('pre.remaining')} <b>{formatMoney(c.remainingFen)}</b></span>
          </div>
        )) : <span className="zgsz-preview-sub">{t('pre.noCaps')}</span>}
      </Row>
      <Row level={corrections.length ? 'bad' : pending.length ? 'warn' : 'ok'} title={t('pre.evidence')} testId="preview-evidence">
        <div className="zgsz-preview-figures">
          <span>{t('pre.filesTotal', { n: files.length })}</span>
          <span>{t('ev.status.accepted')} <b>{files.filter((f) => f.status === 'accepted').length}</b></span>
          <span>{t('ev.status.pending')} <b>{pending.length}</b></span>
          <span>{t('ev.status.needs_correction')} <b>{corrections.length}</b></span>
        </div>
        {corrections.map((f) => <div key={f.id} className="zgsz-preview-bad">{f.item}:{f.reviewNote}</div>)}
      </Row>
      <Row level={dups.length ? 'warn' : 'ok'} title={t('pre.duplicates')} testId="preview-duplicates">
        {dups.length ? dups.map((f) => (
          <div key={f.id}>{f.item}({f.fileName}):{f.duplicates.map((d) => `${d.number} ${d.enterpriseName}`).join('、')}</div>
        )) : <span className="zgsz-preview-sub">{t('pre.noDuplicates')}</span>}
      </Row>
      <Row level={p.openObjections ? 'bad' : 'ok'} title={t('pre.objections')} testId="preview-objections">
        {p.openObjections ? <span className="zgsz-preview-bad">{t('pre.openObjections', { n: p.openObjections })}</span> : <span className="zgsz-preview-sub">{t('pre.noObjections')}</span>}
      </Row>
      <Row level={p.targetEffect ? 'ok' : 'info'} title={t('pre.target')} testId="preview-target">
        {p.targetEffect ? (
          <>
            <div className="zgsz-preview-figures">
              <span>{regionName(a.regionId)} · {t(`pre.category.${p.targetEffect.category === 'retrofit' ? 'retrofit' : 'other'}`)}</span>
              <span>{t('pre.targetValue')} <b>{p.targetEffect.target}</b></span>
              <Space size={4}><span>{t('pre.done')}</span><b>{p.targetEffect.done}</b><span>→</span><b>{p.targetEffect.after}</b></Space>
            </div>
            <div className="zgsz-preview-sub">{p.targetEffect.note}</div>
          </>
        ) : <span className="zgsz-preview-sub">{t('pre.noTarget')}</span>}
      </Row>
    </div>
  );
}
