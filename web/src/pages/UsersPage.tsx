// 账号管理 (city_admin): accounts with role, region and enterprise binding; create, disable/enable,
// reset password. The password rule and every refusal come from the server.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { usePlan } from '../api/plan.ts';
import { ROLES } from '../../../src/domain/access/roles.ts';
import type { Enterprise, Page, Role, User } from '../api/types.ts';
import { ErrorAlert, errorMessage } from '../components/ErrorAlert.tsx';
import { can } from '../lib/access.ts';
import { formatCount, formatDate } from '../lib/format.ts';
import { type MessageKey, useI18n } from '../lib/i18n.tsx';
import { roleLabel } from '../lib/labels.ts';
import { regionOptions, useRegions } from '../lib/regions.ts';
import { useSignedIn } from '../lib/session.tsx';


interface NewUser { username: string; displayName: string; role: Role; password: string; regionId?: string; enterpriseId?: string; departmentId?: string }

export default function UsersPage() {
  const { t, lang } = useI18n();
  const { user: me } = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { name: regionName } = useRegions();
  const [search, setSearch] = useState('');
  const [roleFilter, setRoleFilter] = useState<Role | undefined>();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const query = useQuery({ queryKey: ['users'], queryFn: () => api.get<User[]>('/users') });
  const manage = can(me.role, 'users.manage');

  const toggle = useMutation({
    mutationFn: (u: User) => api.post<User>(`/users/${encodeURIComponent(u.username)}/${u.disabled ? 'enable' : 'disable'}`),
    onSuccess: (u) => {
      message.success(`${u.username}:${u.disabled ? t('users.disabled') : t('users.active')}`);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (query.data ?? []).filter((u) => (!roleFilter || u.role === roleFilter)
      && (!needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)));
  }, [query.data, search, roleFilter]);

  const columns: ColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 140, render: (v: string) => <span className="zgsz-mono">{v}</span> },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', render: (r: Role) => roleLabel(r, lang) },
    { title: t('users.region'), dataIndex: 'regionId', render: (v: string | null) => (v ? regionName(v) : '—') },
    { title: t('users.enterprise'), dataIndex: 'enterpriseId', render: (v: string | null) => (v ? <Link to={`/enterprises/${v}`}>{t('common.view')}</Link> : '—') },
    {
      title: t('users.status'), key: 'status', width: 150,
      render: (_, u) => (
        <Space size={4}>
          {u.disabled ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {u.locked ? <Tag color="orange">{t('users.locked')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
    ...(manage ? [{
      title: t('common.actions'), key: 'actions', width: 170,
      render: (_: unknown, u: User) => (
        <Space size={4}>
          {u.disabled
            ? <Button size="small" type="link" onClick={() => toggle.mutate(u)}>{t('users.enable')}</Button>
            : (
              // Disabling oneself (or the last administrator) is the server's call: its refusal is shown.
              <Popconfirm title={t('users.confirmDisable', { name: u.username })} onConfirm={() => toggle.mutate(u)}>
                <Button size="small" type="link" danger data-testid={`disable-${u.username}`}>{t('users.disable')}</Button>
              </Popconfirm>
            )}
          <Button size="small" type="link" onClick={() => setResetting(u)}>{t('users.resetPassword')}</Button>
        </Space>
      ),
    }] : []),
  ];

  return (
    <div className="zgsz-page" data-testid="users-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('users.title')}</Typography.Title>
        {manage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('users.create')}</Button> : null}
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 240 }} onSearch={setSearch} onChange={(e) => setSearch(e.target.value)} />
          <Select allowClear placeholder={t('users.role')} style={{ width: 220 }} value={roleFilter} onChange={setRoleFilter}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
        </Space>
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<User>
          rowKey="id" size="small" columns={columns} dataSource={rows} loading={query.isPending}
          pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
        />
      </Card>
      {creating ? <CreateUserModal onClose={() => setCreating(false)} /> : null}
      {resetting ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
    </div>
  );
}

function applyServerError<T>(form: FormInstance<T>, e: unknown, fields: string[]): boolean {
  if (e instanceof ApiError && e.field && fields.includes(e.field)) {
    form.setFields([{ name: e.field as never, errors: [errorMessage(e)] }]);
    return true;
  }
  return false;
}

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { regions } = useRegions();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [enterpriseQ, setEnterpriseQ] = useState('');
  // The 责任单位 a department account belongs to come from the action plan (扬州 实施意见).
  const plan = usePlan();
  const departments = plan.data && plan.data.available ? plan.data.departments : [];
  const enterprises = useQuery({
    queryKey: ['enterprises', 'pick', enterpriseQ], enabled: role === 'enterprise',
    queryFn: () => api.get<Page<Enterprise>>('/enterprises', { q: enterpriseQ, pageSize: 20 }),
  });

  const submit = async () => {
    let values: NewUser;
    try { values = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      const body = {
        ...values,
        regionId: values.role === 'region_officer' ? values.regionId ?? null : null,
        enterpriseId: values.role === 'enterprise' ? values.enterpriseId ?? null : null,
        departmentId: values.role === 'department' ? values.departmentId ?? null : null,
      };
      const u = await api.post<User>('/users', body);
      message.success(t('users.created', { name: u.username }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (e) {
      if (!applyServerError(form, e, ['username', 'displayName', 'role', 'password', 'regionId', 'enterpriseId', 'departmentId'])) setError(e);
    } finally {
      setSaving(false);
    }
  };

  const required = (label: MessageKey) => ({ required: true, message: t('ent.required', { label: t(label) }) });
  return (
    <Modal open title={t('users.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      {error ? <ErrorAlert error={error} title={errorMessage(error)} /> : null}
      <Form form={form} layout="vertical" initialValues={{ role: 'region_officer' }}>
        <Form.Item name="username" label={t('users.username')} rules={[required('users.username')]} extra={t('hint.username')}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required('users.displayName')]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[required('users.role')]}>
          <Select options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
        </Form.Item>
        {role === 'region_officer' ? (
          <Form.Item name="regionId" label={t('users.region')} rules={[required('users.region')]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={regionOptions(regions.filter((r) => r.level !== 'city'))} />
          </Form.Item>
        ) : null}
        {role === 'department' ? (
          <Form.Item name="departmentId" label={t('users.department')} rules={[required('users.department')]}>
            <Select loading={plan.isLoading} options={departments.map((d) => ({ value: d.id, label: `${d.name}(${d.fullName})` }))} />
          </Form.Item>
        ) : null}
        {role === 'enterprise' ? (
          <Form.Item name="enterpriseId" label={t('users.enterprise')} rules={[required('users.enterprise')]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setEnterpriseQ }} placeholder={t('users.enterpriseSearch')}
              loading={enterprises.isFetching}
              options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}(${e.uscc})` }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="password" label={t('users.password')} rules={[required('users.password')]} extra={t('users.passwordRule')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let values: { password: string };
    try { values = await form.validateFields(); } catch { return; }
    setSaving(true);
    try {
      await api.post(`/users/${encodeURIComponent(user.username)}/reset-password`, { password: values.password });
      message.success(t('users.passwordReset', { name: user.username }));
      onClose();
    } catch (e) {
      if (!applyServerError(form, e, ['password'])) setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`${t('users.resetPassword')}:${user.username}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')}>
      {error ? <ErrorAlert error={error} title={errorMessage(error)} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="password" label={t('users.newPassword')} rules={[{ required: true, message: t('users.passwordRule') }]} extra={t('users.passwordRule')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
