// The quarterly bulletin as a printed 督查通报: red masthead with the issue number, the issuing office
// and the date of issue; then the summary, the simulated ranking, the lagging regions and what each
// must do, the tracking table and the readings used. Region names never break (one character per
// line is unreadable); counts are whole numbers (a projection of 12.5 projects prints as 12). A4
// landscape; the toolbar does not print.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton, Space } from 'antd';
import { useParams } from 'react-router';
import { type Bulletin, CATEGORIES, type TrackingRow, wholeProjected } from '../../api/assessment.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatCount, formatNumber } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { useBulletin } from './BulletinTab.tsx';
import { categoryName } from './shared.tsx';
import './assessment.css';
import '../../lib/i18n-pages.ts';

const NUMERALS = ['一', '二', '三', '四', '五'];

export default function BulletinPrintPage() {
  const { t, lang } = useI18n();
  const params = useParams();
  const year = Number(params.year);
  const quarter = Number(params.quarter);
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100 && [1, 2, 3, 4].includes(quarter);
  const query = useBulletin(valid ? year : 0, valid ? quarter : 0);
  // The date of issue is the server's business date: the document waits for it rather than show
  // the browser's today for a moment (and be printed with it).
  const { date, known } = useBusinessDate();
  const issued = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  if (!valid) return <Result status="404" title="404" subTitle={t('notFound.title')} />;
  const b = known ? query.data : undefined;
  const n = (i: number) => (lang === 'zh' ? `${NUMERALS[i]}、` : `${i + 1}. `);

  return (
    <div className="asc-print-page" data-testid="bulletin-print-page">
      <div className="asc-print-toolbar">
        <Space>
          <Button icon={<ArrowLeftOutlined />} href={`/assessment/bulletin?year=${year}`}>{t('asc.bul.back')}</Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!b} data-testid="bulletin-print-button">{t('asc.bul.printNow')}</Button>
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!b && !query.isError ? <Skeleton active paragraph={{ rows: 12 }} /> : null}
      {b ? (
        <article className="asc-doc">
          <header className="asc-masthead">
            <div className="asc-masthead-title">{t('asc.doc.masthead')}</div>
            <div className="asc-masthead-no">{t('asc.doc.issueNo', { year: b.year, quarter: b.quarter })}</div>
            <div className="asc-masthead-line" data-testid="bulletin-issuer">
              <span>{t('asc.doc.issuer')}</span>
              <span data-testid="bulletin-date">{issued}</span>
            </div>
          </header>
          <h1>{b.title}</h1>
          <p className="asc-doc-summary">{b.summary}</p>

          <h2>{n(0)}{t('asc.doc.ranking')}</h2>
          <p className="asc-doc-note">{t('asc.doc.rankingNote')}</p>
          <RankingTable b={b} t={t} />

          <h2>{n(1)}{t('asc.doc.lagging')}</h2>
          <LaggingTable b={b} t={t} />

          <h2>{n(2)}{t('asc.doc.tracking', { month: b.tracking.month, rate: b.tracking.timeProgress })}</h2>
          <TrackingTable b={b} t={t} />

          <h2>{n(3)}{t('asc.doc.readings')}</h2>
          <table className="asc-doc-table asc-doc-readings">
            <thead><tr><th style={{ width: '14%' }}>{t('ass.clause')}</th><th style={{ width: '36%' }}>{t('ass.words')}</th><th>{t('ass.adopted')}</th></tr></thead>
            <tbody>{b.assessment.readings.map((r) => <tr key={r.setting}><td>{r.clause}</td><td>{r.words}</td><td>{r.adopted}</td></tr>)}</tbody>
          </table>
          <footer className="asc-doc-footer">
            <div>{t('asc.doc.issuer')}</div>
            <div>{issued}</div>
          </footer>
        </article>
      ) : null}
    </div>
  );
}

function RankingTable({ b, t }: { b: Bulletin; t: Translate }) {
  return (
    <table className="asc-doc-table" data-testid="bulletin-ranking">
      <thead>
        <tr>
          <th>{t('ass.rank')}</th><th>{t('ass.region')}</th>
          {CATEGORIES.map((c) => <th key={c}>{categoryName(t, c)}</th>)}
          <th>{t('ass.targets')}</th><th>{t('ass.progress')}</th><th>{t('ass.bonus')}</th><th>{t('ass.deductions')}</th><th>{t('ass.total')}</th>
        </tr>
      </thead>
      <tbody>
        {b.assessment.ranking.map((r) => (
          <tr key={r.regionId}>
            <td>{r.rank}</td>
            <td className="asc-doc-region">{r.regionName}</td>
            {CATEGORIES.map((c) => <td key={c}>{formatNumber(r.categories[c] ?? 0)}</td>)}
            <td>{formatNumber(r.subtotals.targets)}</td>
            <td>{formatNumber(r.subtotals.progress)}</td>
            <td>{formatNumber(r.subtotals.bonus)}</td>
            <td>{r.subtotals.deductions ? `-${formatNumber(Math.abs(r.subtotals.deductions))}` : '0'}</td>
            <td><strong>{formatNumber(r.total)}</strong></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LaggingTable({ b, t }: { b: Bulletin; t: Translate }) {
  const lagging = b.findings.filter((f) => b.lagging.includes(f.regionId));
  if (lagging.length === 0) return <p className="asc-doc-summary">{t('asc.bul.noLagging')}</p>;
  return (
    <table className="asc-doc-table" data-testid="bulletin-lagging">
      <thead><tr><th style={{ width: '12%' }}>{t('ass.region')}</th><th style={{ width: '40%' }}>{t('asc.bul.reasons')}</th><th>{t('asc.bul.actions')}</th></tr></thead>
      <tbody>
        {lagging.map((f) => (
          <tr key={f.regionId}>
            <td className="asc-doc-region">{f.regionName}</td>
            <td className="asc-doc-text"><ol>{f.reasons.map((x, i) => <li key={i}>{x}</li>)}</ol></td>
            <td className="asc-doc-text"><ol>{f.actions.map((x, i) => <li key={i}>{x}</li>)}</ol></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TrackingTable({ b, t }: { b: Bulletin; t: Translate }) {
  const rows: (TrackingRow & { total?: boolean })[] = [...b.tracking.rows, ...(b.tracking.rows.length > 1 ? [{ ...b.tracking.cityTotal, total: true }] : [])];
  return (
    <table className="asc-doc-table asc-doc-tracking" data-testid="bulletin-tracking">
      <thead>
        <tr>
          <th rowSpan={2}>{t('ass.region')}</th>
          {CATEGORIES.map((c) => <th key={c} colSpan={4}>{categoryName(t, c)}</th>)}
        </tr>
        <tr>
          {CATEGORIES.map((c) => [
            <th key={`${c}-t`}>{t('asc.doc.target')}</th>, <th key={`${c}-a`}>{t('asc.doc.done')}</th>,
            <th key={`${c}-r`}>{t('asc.doc.rate')}</th>, <th key={`${c}-p`}>{t('asc.doc.projected')}</th>,
          ])}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.regionId} className={r.total ? 'asc-doc-total' : undefined}>
            <td className="asc-doc-region">{r.regionName}</td>
            {CATEGORIES.map((c) => {
              const cell = r.cells[c];
              const warn = cell.forecastStatus !== undefined && cell.forecastStatus !== 'on-track';
              return [
                <td key={`${c}-t`}>{formatCount(cell.target)}</td>,
                <td key={`${c}-a`}>{formatCount(cell.actual)}</td>,
                <td key={`${c}-r`} className={cell.behindSchedule ? 'asc-doc-warn' : undefined}>{cell.rate}</td>,
                <td key={`${c}-p`} className={warn ? 'asc-doc-warn' : undefined}>{wholeProjected(cell.projected)}</td>,
              ];
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
