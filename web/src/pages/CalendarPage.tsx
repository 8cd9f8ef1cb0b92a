// 节假日 (city admin): one year's public holidays that fall on weekdays and the weekend days made
// working days (调休), as the State Council's notice sets them; working-day 公示 periods are counted
// on it. The year is edited here and saved whole (PUT /calendar/{year}).
import { DateInput } from '../components/DateInput.tsx';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { CalendarDay, CalendarYear } from '../api/applications.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useBusinessDate } from '../lib/health.ts';
import { useI18n } from '../lib/i18n.tsx';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => [0, 6].includes(weekday(day));

export default function CalendarPage() {
  const { t } = useI18n();
  const { date } = useBusinessDate();
  const thisYear = Number(date.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const query = useQuery({ queryKey: ['calendar', year], queryFn: () => api.get<CalendarYear>(`/calendar/${year}`) });
  const years = Array.from({ length: 6 }, (_, i) => thisYear - 2 + i);
  return (
    <div className="zgsz-page" data-testid="calendar-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('cal.title')}</Typography.Title>
        <Space>
          <span>{t('fund.year')}</span>
          <Select value={year} style={{ width: 100 }} onChange={setYear} options={years.map((v) => ({ value: v, label: String(v) }))} data-testid="calendar-year" />
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <CalendarEditor key={`${year}-${query.dataUpdatedAt}`} data={query.data} /> : <Card loading />}
    </div>
  );
}

function CalendarEditor({ data }: { data: CalendarYear }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [days, setDays] = useState<CalendarDay[]>(data.days);
  const [draft, setDraft] = useState<CalendarDay>({ day: '', kind: 'holiday', note: '' });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(days) !== JSON.stringify(data.days);
  const WEEKDAYS = t('cal.weekdays').split(',');

  const problem = (d: CalendarDay): string | null => {
    if (!d.day) return t('cal.dayRequired');
    if (Number(d.day.slice(0, 4)) !== data.year) return t('cal.notInYear', { year: data.year });
    if (d.kind === 'holiday' && isWeekend(d.day)) return t('cal.holidayOnWeekend');
    if (d.kind === 'workday' && !isWeekend(d.day)) return t('cal.workdayOnWeekday');
    if (!d.note.trim()) return t('cal.noteRequired');
    return null;
  };
  const draftProblem = draft.day ? problem(draft) ?? (days.some((d) => d.day === draft.day) ? t('cal.duplicate') : null) : null;

  const add = () => {
    if (problem(draft) || days.some((d) => d.day === draft.day)) return;
    setDays([...days, { ...draft, note: draft.note.trim() }].sort((a, b) => a.day.localeCompare(b.day)));
    setDraft({ day: '', kind: draft.kind, note: draft.note });
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.put<CalendarYear>(`/calendar/${data.year}`, { days });
      message.success(t('cal.saved', { year: data.year }));
      await queryClient.invalidateQueries({ queryKey: ['calendar', data.year] });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={<Space>{t('cal.listTitle', { year: data.year })}<Tag color="red">{t('cal.holidays', { n: days.filter((d) => d.kind === 'holiday').length })}</Tag><Tag color="blue">{t('cal.workdays', { n: days.filter((d) => d.kind === 'workday').length })}</Tag></Space>}
      extra={(
        <Space>
          {dirty ? <Button onClick={() => setDays(data.days)}>{t('cal.discard')}</Button> : null}
          <Popconfirm title={t('cal.savePrompt', { year: data.year })} okText={t('common.save')} cancelText={t('common.cancel')} onConfirm={() => void save()} disabled={!dirty}>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={saving} data-testid="calendar-save">{t('common.save')}</Button>
          </Popconfirm>
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('cal.help')}</Typography.Paragraph>
      {dirty ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('cal.unsaved')} /> : null}
      {error ? <ErrorAlert error={error} title={t('cal.saveFailed')} /> : null}
      <Space wrap style={{ marginBottom: 8 }} align="start">
        <DateInput value={draft.day} min={`${data.year}-01-01`} max={`${data.year}-12-31`} onChange={(v) => setDraft({ ...draft, day: v })} style={{ width: 160 }} testId="calendar-day" />
        <Select value={draft.kind} style={{ width: 130 }} onChange={(kind: CalendarDay['kind']) => setDraft({ ...draft, kind })}
          options={[{ value: 'holiday', label: t('cal.kind.holiday') }, { value: 'workday', label: t('cal.kind.workday') }]} />
        <Input value={draft.note} maxLength={30} placeholder={t('cal.notePlaceholder')} onChange={(e) => setDraft({ ...draft, note: e.target.value })} style={{ width: 200 }} onPressEnter={add} />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!draft.day || !!draftProblem}>{t('cal.add')}</Button>
        {draftProblem ? <Typography.Text type="danger">{draftProblem}</Typography.Text> : null}
      </Space>
      <Table<CalendarDay>
        size="small" rowKey="day" dataSource={days} pagination={false} data-testid="calendar-table"
        rowClassName={(d) => (problem(d) ? 'zgsz-row-warning' : '')}
        columns={[
          { title: t('cal.day'), dataIndex: 'day', width: 130, render: (v: string) => <span className="zgsz-mono">{v}</span> },
          { title: t('cal.weekday'), dataIndex: 'day', key: 'weekday', width: 90, render: (v: string) => <span style={{ color: isWeekend(v) ? '#c0392b' : undefined }}>{WEEKDAYS[weekday(v)]}</span> },
          { title: t('cal.kind'), dataIndex: 'kind', width: 120, render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`cal.kind.${k}`)}</Tag> },
          {
            title: t('cal.note'), dataIndex: 'note',
            render: (v: string, d) => (
              <Input size="small" value={v} maxLength={30} style={{ maxWidth: 260 }} variant="borderless"
                onChange={(e) => setDays(days.map((x) => (x.day === d.day ? { ...x, note: e.target.value } : x)))} />
            ),
          },
          { title: '', key: 'problem', render: (_, d) => { const p = problem(d); return p ? <Typography.Text type="danger">{p}</Typography.Text> : null; } },
          {
            title: t('common.actions'), key: 'actions', width: 80,
            render: (_, d) => <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setDays(days.filter((x) => x.day !== d.day))} aria-label={t('cal.remove')} />,
          },
        ]}
      />
    </Card>
  );
}
