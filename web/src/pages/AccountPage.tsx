// 账号与安全 (every signed-in user): change one's own password (the old one required) and see one's
// sessions — where and when each was opened — ending any of them or all but this one. Every rule
// and refusal comes from the server.
import { LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import type { LoginSession } from '../api/types.ts';
import { ErrorAlert, errorMessage } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import '../lib/i18n-load-account.ts';
import { roleLabel } from '../lib/labels.ts';
import { useSession, useSignedIn } from '../lib/session.tsx';

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** "Chrome · Windows" from a user agent: enough to recognise one's own browsers. */
function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /(Chrome|Chromium)\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Windows/.test(ua) ? 'Windows' : /iPhone|iPad/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android'
    : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return browser || os ? [browser, os].filter(Boolean).join(' · ') : ua.slice(0, 60);
}

export default function AccountPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  return (
    <div className="zgsz-page" data-testid="account-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('account.title')}</Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('account.profile')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('account.username')}><span className="zgsz-mono">{user.username}</span></Descriptions.Item>
              <Descriptions.Item label={t('account.displayName')}>{user.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('account.role')}>{roleLabel(user.role, lang)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <ChangePasswordCard />
        </Col>
        <Col span={24}>
          <SessionsCard />
        </Col>
      </Row>
    </div>
  );
}

interface PasswordForm { oldPassword: string; newPassword: string; confirm: string }

function ChangePasswordCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: PasswordForm) => {
    setSaving(true);
    setError(null);
    try {
      const res = await api.post<{ endedSessions: number }>('/auth/password', { oldPassword: values.oldPassword, newPassword: values.newPassword });
      message.success(res.endedSessions ? t('account.changedEnded', { n: res.endedSessions }) : t('account.changed'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    } catch (e) {
      // The server names the field it refuses (原密码不正确, 新密码过于常见 …): show it there.
      if (e instanceof ApiError && (e.field === 'oldPassword' || e.field === 'newPassword')) form.setFields([{ name: e.field, errors: [errorMessage(e)] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('account.changePassword')} data-testid="change-password">
      <Typography.Paragraph type="secondary">{t('account.changeHelp')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} title={errorMessage(error)} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} style={{ maxWidth: 480 }}>
        <Form.Item name="oldPassword" label={t('account.oldPassword')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="old-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} extra={t('users.passwordRule')} rules={[{ required: true, message: t('common.required') }, { max: 128 }]}>
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm" label={t('account.confirmPassword')} dependencies={['newPassword']}
          rules={[{ required: true, message: t('common.required') }, ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.passwordsDiffer')))),
          })]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="change-password-submit">{t('account.changeSubmit')}</Button>
      </Form>
    </Card>
  );
}

function SessionsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { end } = useSession();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: SESSIONS_KEY, queryFn: () => api.get<LoginSession[]>('/auth/sessions') });
  const rows = query.data ?? [];
  const hours = rows[0] ? Math.round((Date.parse(rows[0].expiresAt) - Date.parse(rows[0].createdAt)) / 3_600_000) : 12;

  const endOne = useMutation({
    mutationFn: (s: LoginSession) => api.delete(`/auth/sessions/${s.id}`).then(() => s),
    onSuccess: (s) => {
      if (s.current) {
        end('signedOut');
        navigate('/login');
        return;
      }
      message.success(t('account.ended'));
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (e) => {
      message.error(errorMessage(e));
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const endOthers = useMutation({
    mutationFn: () => api.post<{ ended: number }>('/auth/sessions/end-others'),
    onSuccess: (r) => {
      message.success(t('account.endedOthers', { n: r.ended }));
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: ColumnsType<LoginSession> = [
    {
      title: t('account.device'), key: 'device', width: 220,
      render: (_, s) => (
        <Space size={4} wrap>
          <Tooltip title={s.userAgent ?? undefined}><span>{describeUserAgent(s.userAgent) ?? t('account.unknownDevice')}</span></Tooltip>
          {s.current ? <Tag color="blue" data-testid="current-session">{t('account.current')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('account.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => <span className="zgsz-mono">{v ?? '—'}</span> },
    { title: t('account.signedInAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('account.lastActive'), dataIndex: 'lastSeenAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('account.expiresAt'), dataIndex: 'expiresAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'), key: 'actions', width: 80, fixed: 'right',
      render: (_, s) => (
        <Popconfirm title={s.current ? t('account.endCurrentConfirm') : t('account.endConfirm')} onConfirm={() => endOne.mutate(s)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
          <Button size="small" type="link" danger data-testid="end-session">{t('account.end')}</Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      size="small" title={t('account.sessions')} data-testid="sessions"
      extra={(
        <Popconfirm title={t('account.endOthersConfirm')} onConfirm={() => endOthers.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')} disabled={rows.length < 2}>
          <Button size="small" icon={<LogoutOutlined />} disabled={rows.length < 2} loading={endOthers.isPending} data-testid="end-other-sessions">{t('account.endOthers')}</Button>
        </Popconfirm>
      )}
    >
      <Typography.Paragraph type="secondary">{t('account.sessionsHelp', { hours })}</Typography.Paragraph>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<LoginSession> rowKey="id" size="small" columns={columns} dataSource={rows} loading={query.isPending} pagination={false} scroll={{ x: 900 }} />
    </Card>
  );
}
