// Sign-in: shows the API's own message for a wrong password, a locked or disabled account, and
// why the previous session ended (idle timeout, sign-out). A locked or throttled sign-in (423)
// also says when to try again, from details.retryAfterSeconds. The frame (card, title, demo-date
// badge) is plain markup styled in styles.css rather than antd's Card, Typography and Tag: those
// pull tabs, menus and tooltips into the first download (README: the login page's JavaScript budget).
import { LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import type { Health } from '../api/types.ts';
import { errorMessage } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';

interface LoginForm { username: string; password: string }

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { login, endReason } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [retryAt, setRetryAt] = useState<string | null>(null);

  // Only a server started with --demo answers with its demo accounts; a failed check shows nothing.
  const health = useQuery({ queryKey: ['health'], queryFn: () => api.get<Health>('/health'), retry: false, staleTime: Infinity });
  const demo = health.data?.demo;
  const fillDemo = (username: string) => {
    if (!demo) return;
    form.setFieldsValue({ username, password: demo.password });
    setError(null);
  };

  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(from && from !== '/login' ? from : '/dashboard', { replace: true });
    } catch (e) {
      setError(e);
      const seconds = e instanceof ApiError ? (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds : undefined;
      setRetryAt(typeof seconds === 'number' ? formatDateTime(new Date(Date.now() + seconds * 1000).toISOString()) : null);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  const notice = endReason === 'timeout' ? t('login.timedOut') : endReason === 'expired' ? t('login.sessionEnded') : endReason === 'signedOut' ? t('login.signedOut') : null;
  const locked = error instanceof ApiError && error.code === 'LOCKED';

  return (
    <div className="zgsz-login">
      <div className="zgsz-login-lang">
        {health.data?.demoDate && health.data.businessDate ? (
          <span className="zgsz-demo-date zgsz-login-demo-date" data-testid="demo-date">{t('header.demoDate', { date: health.data.businessDate })}</span>
        ) : null}
        <Button type="text" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('header.switchLanguage')}</Button>
      </div>
      <div className="zgsz-login-panel">
        <div className="zgsz-login-brand">
          <span className="zgsz-logo zgsz-logo-lg">智</span>
          <div>
            <h2 className="zgsz-login-title">{t('app.title')}</h2>
            <div className="zgsz-login-sub">{t('app.subtitle')}</div>
          </div>
        </div>
        <section className="zgsz-login-card" aria-labelledby="login-title">
          <div className="zgsz-login-card-head" id="login-title">{t('login.title')}</div>
          <div className="zgsz-login-card-body">
            {notice && !error ? <Alert type={endReason === 'signedOut' ? 'success' : 'warning'} showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" /> : null}
            {error ? (
              <Alert type={locked ? 'warning' : 'error'} showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="login-error"
                description={locked && retryAt ? t('login.retryAt', { time: retryAt }) : undefined} />
            ) : null}
            <Form form={form} layout="vertical" onFinish={(v) => { void submit(v); }} requiredMark={false} autoComplete="on">
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="login-username" />
              </Form.Item>
              <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">{t('login.submit')}</Button>
            </Form>
            {demo && demo.accounts.length ? (
              <div className="zgsz-login-demo" data-testid="login-demo">
                <div className="zgsz-login-demo-head">
                  <span>{t('login.demoTitle')}</span>
                  <span>{t('login.demoPassword')}<code data-testid="login-demo-password">{demo.password}</code></span>
                </div>
                <ul>
                  {demo.accounts.map((a) => (
                    <li key={a.username}>
                      <button type="button" onClick={() => fillDemo(a.username)} title={`${a.username} · ${a.displayName} — ${t('login.demoFill')}`} data-testid={`login-demo-${a.username}`}>
                        <code>{a.username}</code><span>{a.displayName}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <p className="zgsz-login-security">{t('login.security')}</p>
          </div>
        </section>
        <div className="zgsz-login-footer">{t('login.footer')}</div>
      </div>
    </div>
  );
}
