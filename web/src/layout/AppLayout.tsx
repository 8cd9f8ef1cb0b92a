// The frame of every signed-in page: side menu filtered by the role's permissions (with the number
// of applications waiting on the reader), header with the demo date when the server runs on one,
// the user, role, region, language switch and sign-out, and the idle-timeout warning.
import {
  AccountBookOutlined, ApartmentOutlined, AuditOutlined, BankOutlined, BarChartOutlined, CalculatorOutlined, CalendarOutlined, CheckSquareOutlined, CloudUploadOutlined,
  DashboardOutlined, EditOutlined, FileAddOutlined, FileSearchOutlined, FlagOutlined, FileTextOutlined, FundProjectionScreenOutlined, LogoutOutlined, InteractionOutlined, NotificationOutlined,
  DownOutlined, MedicineBoxOutlined, PayCircleOutlined, PieChartOutlined, RadarChartOutlined, SafetyCertificateOutlined, SafetyOutlined, ShopOutlined, StarOutlined, SwapOutlined, TableOutlined, TeamOutlined, TrophyOutlined, TranslationOutlined, UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Layout, Menu, type MenuProps, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api, lastApiActivity } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import { useHealth } from '../lib/health.ts';
import { can, type Permission } from '../lib/access.ts';
import { type MessageKey, useI18n } from '../lib/i18n.tsx';
import { roleLabel } from '../lib/labels.ts';
import { useRegions } from '../lib/regions.ts';
import { DEFAULT_IDLE_SECONDS, useSession, useSignedIn } from '../lib/session.tsx';
import '../lib/i18n-pages.ts';

const { Header, Sider, Content } = Layout;
const WARN_BEFORE_SECONDS = 120;
/** The server refreshes a session's last-seen time at most once a minute, so its clock may run up to a minute ahead of ours. */
const SERVER_TOUCH_SLACK_SECONDS = 60;

interface MenuEntry {
  path: string; label: MessageKey; icon: ReactNode; permission: Permission | null;
  /** A role that reads the entry differently (an enterprise's applications are 我的申请). */
  labelFor?: Partial<Record<Role, MessageKey>>;
  /** Entries of one section sit together; a divider separates sections. */
  section: number;
  /** Entries of a group sit under one submenu (十大行动: 目标树, 调度表, 督查通报, 报送). */
  group?: MenuGroup;
}

type MenuGroup = 'plan';
const GROUPS: Record<MenuGroup, { label: MessageKey; icon: ReactNode }> = {
  plan: { label: 'menu.plan', icon: <FlagOutlined /> },
};
const groupKey = (g: MenuGroup) => `group:${g}`;

export const MENU: MenuEntry[] = [
  { path: '/dashboard', label: 'menu.dashboard', icon: <DashboardOutlined />, permission: null, section: 0 },
  { path: '/enterprises', label: 'menu.enterprises', icon: <BankOutlined />, permission: 'enterprises.read', section: 1 },
  { path: '/enterprises/import', label: 'menu.enterpriseImport', icon: <CloudUploadOutlined />, permission: 'enterprises.import', section: 1 },
  { path: '/enterprises/claims', label: 'menu.claims', icon: <SafetyCertificateOutlined />, permission: 'enterprises.certifications.review', section: 1 },
  { path: '/enterprises/transfers', label: 'menu.transfers', icon: <InteractionOutlined />, permission: 'enterprises.transfers.read', section: 1 },
  { path: '/applications/new', label: 'menu.apply', icon: <FileAddOutlined />, permission: 'applications.apply', section: 2 },
  { path: '/applications/todo', label: 'menu.todo', icon: <CheckSquareOutlined />, permission: 'applications.review', section: 2 },
  { path: '/applications', label: 'menu.applications', icon: <FileTextOutlined />, permission: 'applications.read', labelFor: { enterprise: 'menu.myApplications' }, section: 2 },
  { path: '/publicity', label: 'menu.publicity', icon: <NotificationOutlined />, permission: 'publicity.manage', section: 2 },
  { path: '/funds', label: 'menu.funds', icon: <AccountBookOutlined />, permission: 'funds.read', section: 2 },
  { path: '/disbursements', label: 'menu.disbursements', icon: <PayCircleOutlined />, permission: 'funds.manage', section: 2 },
  { path: '/reports', label: 'menu.reports', icon: <BarChartOutlined />, permission: 'funds.read', section: 2 },
  { path: '/diagnoses', label: 'menu.diagnoses', icon: <MedicineBoxOutlined />, permission: 'diagnoses.read', labelFor: { enterprise: 'menu.myDiagnoses', provider: 'menu.providerTasks', supervisor: 'menu.supervisorTasks' }, section: 5 },
  { path: '/digital-profile', label: 'menu.digitalProfile', icon: <RadarChartOutlined />, permission: 'diagnoses.accept', section: 5 },
  { path: '/diagnoses/figures', label: 'menu.diagnosisFigures', icon: <PieChartOutlined />, permission: 'diagnoses.dispatch', section: 5 },
  { path: '/providers', label: 'menu.providers', icon: <ShopOutlined />, permission: 'providers.read', section: 5 },
  { path: '/providers/scorecards', label: 'menu.scorecards', icon: <StarOutlined />, permission: 'providers.read', section: 5 },
  { path: '/plan', label: 'menu.planTree', icon: <ApartmentOutlined />, permission: 'plan.read', section: 6, group: 'plan' },
  { path: '/plan/dispatch', label: 'menu.planDispatch', icon: <TableOutlined />, permission: 'plan.read', section: 6, group: 'plan' },
  { path: '/plan/bulletin', label: 'menu.planBulletin', icon: <NotificationOutlined />, permission: 'plan.read', section: 6, group: 'plan' },
  { path: '/plan/mine', label: 'menu.planMine', icon: <EditOutlined />, permission: 'plan.report', labelFor: { department: 'menu.planMineDept', region_officer: 'menu.planMineRegion' }, section: 6, group: 'plan' },
  { path: '/policies', label: 'menu.policies', icon: <CalculatorOutlined />, permission: 'policies.evaluate', section: 3 },
  { path: '/policies/compare', label: 'menu.policyCompare', icon: <SwapOutlined />, permission: 'policies.evaluate', section: 3 },
  { path: '/policies/batch', label: 'menu.policyBatch', icon: <FundProjectionScreenOutlined />, permission: 'policies.batch', section: 3 },
  { path: '/policies/file-match', label: 'menu.fileMatch', icon: <FileSearchOutlined />, permission: 'policies.match_file', section: 3 },
  { path: '/assessment', label: 'menu.assessment', icon: <TrophyOutlined />, permission: 'assessment.read', section: 3 },
  { path: '/calendar', label: 'menu.calendar', icon: <CalendarOutlined />, permission: 'calendar.manage', section: 4 },
  { path: '/users', label: 'menu.users', icon: <TeamOutlined />, permission: 'users.read', section: 4 },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read', section: 4 },
];

function selectedKey(pathname: string): string {
  // The longest menu path the location starts with: /enterprises/123 → /enterprises.
  const match = MENU.map((m) => m.path).filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  return match ?? '';
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const session = useSignedIn();
  const { logout } = useSession();
  const { name: regionName } = useRegions();
  const navigate = useNavigate();
  const location = useLocation();
  const user = session.user;

  const mayReview = can(user.role, 'applications.review');
  // The reviewer's queue: how many applications wait on a step of this role.
  const todo = useQuery({
    queryKey: ['applications', 'todo', 'count'], enabled: mayReview, refetchInterval: 60_000,
    queryFn: () => api.get<{ total: number }>('/applications', { todo: 'true', status: 'in_review', pageSize: 1 }),
  });
  const health = useHealth();
  const visible = MENU.filter((m) => m.permission === null || can(user.role, m.permission));
  type Item = NonNullable<MenuProps['items']>[number];
  const items: Item[] = [];
  const groups = new Map<MenuGroup, Item[]>();
  visible.forEach((m, i) => {
    const label = t(m.labelFor?.[user.role] ?? m.label);
    const entry: Item = {
      key: m.path, icon: m.icon,
      label: m.path === '/applications/todo' && todo.data?.total
        ? <span className="zgsz-menu-badge"><span>{label}</span><Badge count={todo.data.total} size="small" overflowCount={99} data-testid="todo-badge" /></span>
        : label,
    };
    if (i > 0 && visible[i - 1]!.section !== m.section) items.push({ type: 'divider', key: `divider-${m.path}` });
    if (!m.group) {
      items.push(entry);
      return;
    }
    let children = groups.get(m.group);
    if (!children) {
      children = [];
      groups.set(m.group, children);
      items.push({ key: groupKey(m.group), icon: GROUPS[m.group].icon, label: <span data-testid={`menu-${m.group}`}>{t(GROUPS[m.group].label)}</span>, children });
    }
    children.push(entry);
  });
  // A group opens by itself when its page is shown; the reader may still fold it.
  const selected = selectedKey(location.pathname);
  const routeGroup = MENU.find((m) => m.path === selected)?.group;
  const [folded, setFolded] = useState<string[]>([]);
  const [unfolded, setUnfolded] = useState<string[]>([]);
  const openKeys = [...new Set([...unfolded, ...(routeGroup && !folded.includes(groupKey(routeGroup)) ? [groupKey(routeGroup)] : [])])];
  const onOpenChange = (keys: string[]) => {
    setUnfolded(keys);
    setFolded((Object.keys(GROUPS) as MenuGroup[]).map(groupKey).filter((k) => !keys.includes(k)));
  };

  // A department (责任单位) belongs to one city's plan: its id says which (yz-…, sz-…).
  const scope = user.regionId ? regionName(user.regionId) : user.role === 'enterprise' ? null
    : user.role === 'department' ? t(user.departmentId?.startsWith('sz-') ? 'city.suzhou' : 'city.yangzhou') : t('header.cityWide');

  return (
    <Layout className="zgsz-shell">
      <Header className="zgsz-header">
        <div className="zgsz-brand" onClick={() => navigate('/dashboard')}>
          <span className="zgsz-logo">智</span>
          <span className="zgsz-brand-text">
            <span className="zgsz-brand-title">{t('app.title')}</span>
            <span className="zgsz-brand-sub">{t('app.subtitle')}</span>
          </span>
        </div>
        <Space size="middle" className="zgsz-header-right">
          {health.data?.demoDate && health.data.businessDate ? (
            <Tooltip title={t('header.demoDateHelp')}>
              <Tag color="#c0392b" className="zgsz-demo-date" data-testid="demo-date">{t('header.demoDate', { date: health.data.businessDate })}</Tag>
            </Tooltip>
          ) : null}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: '/account', icon: <SafetyOutlined />, label: <span data-testid="menu-account">{t('menu.account')}</span> },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') void logout().then(() => navigate('/login'));
                else navigate(key);
              },
            }}
          >
            <a className="zgsz-user-menu" data-testid="current-user" onClick={(e) => e.preventDefault()}>
              <UserOutlined /> {user.displayName}({user.username}) <DownOutlined />
            </a>
          </Dropdown>
          <Tag color="gold" data-testid="current-role">{roleLabel(user.role, lang)}</Tag>
          {scope ? <span data-testid="current-scope">{scope}</span> : null}
          <Button size="small" ghost icon={<TranslationOutlined />} data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('header.switchLanguage')}
          </Button>
          <Button size="small" ghost icon={<LogoutOutlined />} onClick={() => { void logout().then(() => navigate('/login')); }}>
            {t('header.logout')}
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider width={200} className="zgsz-sider" breakpoint="lg" collapsedWidth={56}>
          <Menu mode="inline" selectedKeys={[selected]} openKeys={openKeys} onOpenChange={onOpenChange} items={items} onClick={(e) => navigate(e.key)} data-testid="side-menu" />
        </Sider>
        <Content className="zgsz-content">
          <Outlet />
        </Content>
      </Layout>
      <IdleWatch timeoutSeconds={session.idleTimeoutSeconds ?? DEFAULT_IDLE_SECONDS} />
    </Layout>
  );
}

/** Warns two minutes before the server's idle timeout and signs out when it passes. */
function IdleWatch({ timeoutSeconds }: { timeoutSeconds: number }) {
  const { t } = useI18n();
  const { end } = useSession();
  const [remaining, setRemaining] = useState<number | null>(null);

  useEffect(() => {
    const timer = setInterval(() => {
      const left = Math.ceil(timeoutSeconds - SERVER_TOUCH_SLACK_SECONDS - (Date.now() - lastApiActivity()) / 1000);
      if (left <= 0) end('timeout');
      else setRemaining(left <= WARN_BEFORE_SECONDS ? left : null);
    }, 1000);
    return () => clearInterval(timer);
  }, [timeoutSeconds, end]);

  return (
    <Modal
      open={remaining !== null}
      title={t('session.expiringTitle')}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      okText={t('session.keep')}
      cancelText={t('header.logout')}
      onOk={() => { void api.get('/auth/me').then(() => setRemaining(null), () => end('expired')); }}
      onCancel={() => end('signedOut')}
    >
      <Typography.Paragraph>{t('session.expiringText', { seconds: remaining ?? 0 })}</Typography.Paragraph>
    </Modal>
  );
}
