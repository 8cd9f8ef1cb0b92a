// Routes and the Ant Design theme/locale. Pages load on demand so the login page is quick: the
// signed-in shell (layout, menu, antd's App with its message and modal APIs, the 403/404 results)
// loads after sign-in too, which keeps the login page's JavaScript within its budget (README).
import { ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { can, type Permission } from './lib/access.ts';
import { useI18n } from './lib/i18n.tsx';
import { useSession } from './lib/session.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { reducedMotion } from './lib/motion.ts';

const AntApp = lazy(() => import('antd/es/app'));
const Result = lazy(() => import('antd/es/result'));
const AppLayout = lazy(() => import('./layout/AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const EnterpriseHomePage = lazy(() => import('./pages/home/EnterpriseHomePage.tsx'));
const EnterpriseListPage = lazy(() => import('./pages/enterprises/EnterpriseListPage.tsx'));
const EnterpriseDetailPage = lazy(() => import('./pages/enterprises/EnterpriseDetailPage.tsx'));
const EnterpriseFormPage = lazy(() => import('./pages/enterprises/EnterpriseFormPage.tsx'));
const EnterpriseImportPage = lazy(() => import('./pages/enterprises/EnterpriseImportPage.tsx'));
const CertificationClaimQueuePage = lazy(() => import('./pages/enterprises/CertificationClaimQueuePage.tsx'));
const EnterpriseTransferPage = lazy(() => import('./pages/enterprises/EnterpriseTransferPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const AssessmentPage = lazy(() => import('./pages/assessment/AssessmentPage.tsx'));
const BulletinPrintPage = lazy(() => import('./pages/assessment/BulletinPrintPage.tsx'));
const PolicyPage = lazy(() => import('./pages/PolicyPage.tsx'));
const PolicyBatchPage = lazy(() => import('./pages/PolicyBatchPage.tsx'));
const FileMatchPage = lazy(() => import('./pages/policy/FileMatchPage.tsx'));
const PolicyComparePage = lazy(() => import('./pages/PolicyComparePage.tsx'));
const ApplicationListPage = lazy(() => import('./pages/applications/ApplicationListPage.tsx'));
const ApplicationDetailPage = lazy(() => import('./pages/applications/ApplicationDetailPage.tsx'));
const ApplyPage = lazy(() => import('./pages/applications/ApplyPage.tsx'));
const PublicityPage = lazy(() => import('./pages/publicity/PublicityPage.tsx'));
const PublicityBatchPage = lazy(() => import('./pages/publicity/PublicityBatchPage.tsx'));
const FundsPage = lazy(() => import('./pages/funds/FundsPage.tsx'));
const DisbursementsPage = lazy(() => import('./pages/funds/DisbursementsPage.tsx'));
const ReportsPage = lazy(() => import('./pages/funds/ReportsPage.tsx'));
const CalendarPage = lazy(() => import('./pages/CalendarPage.tsx'));
const DiagnosisListPage = lazy(() => import('./pages/diagnoses/DiagnosisListPage.tsx'));
const DiagnosisDetailPage = lazy(() => import('./pages/diagnoses/DiagnosisDetailPage.tsx'));
const DiagnosisFiguresPage = lazy(() => import('./pages/diagnoses/DiagnosisFiguresPage.tsx'));
const ProviderPoolPage = lazy(() => import('./pages/providers/ProviderPoolPage.tsx'));
const ProviderDetailPage = lazy(() => import('./pages/providers/ProviderDetailPage.tsx'));
const ScorecardPage = lazy(() => import('./pages/providers/ScorecardPage.tsx'));
const SelfAssessmentPage = lazy(() => import('./pages/maturity/SelfAssessmentPage.tsx'));
const DigitalProfilePage = lazy(() => import('./pages/maturity/DigitalProfilePage.tsx'));
const PlanTreePage = lazy(() => import('./pages/plan/PlanTreePage.tsx'));
const PlanDispatchPage = lazy(() => import('./pages/plan/DispatchPage.tsx'));
const PlanBulletinPage = lazy(() => import('./pages/plan/BulletinPage.tsx'));
const PlanMinePage = lazy(() => import('./pages/plan/MyReportsPage.tsx'));
const PlanIndicatorPage = lazy(() => import('./pages/plan/IndicatorPage.tsx'));

const THEME = {
  token: { colorPrimary: '#1f4e8c', borderRadius: 4, fontSize: 14, motion: !reducedMotion },
  components: {
    Layout: { headerBg: '#1f4e8c', siderBg: '#ffffff', bodyBg: '#f2f4f7' },
    Menu: { itemSelectedBg: '#e6eef8', itemSelectedColor: '#1f4e8c', itemBorderRadius: 2 },
    Table: { cellPaddingBlockSM: 6 },
  },
};

export function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME} componentSize="middle">
      <AppRoutes />
    </ConfigProvider>
  );
}

function AppRoutes() {
  const { session, loading } = useSession();
  const location = useLocation();
  const { t } = useI18n();
  if (loading) return <div className="zgsz-center"><Spin size="large" /></div>;
  if (!session) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />} />
      </Routes>
    );
  }
  const guard = (permission: Permission, page: ReactNode) =>
    can(session.user.role, permission) ? page : <Lazy><Result status="403" title="403" subTitle={t('common.noAccess')} /></Lazy>;
  return (
    <Lazy><AntApp><Routes>
      <Route path="/login" element={<Navigate to="/" replace />} />
      <Route path="/assessment/print/:year/:quarter" element={guard('assessment.read', <Lazy><BulletinPrintPage /></Lazy>)} />
      <Route element={<Lazy><AppLayout /></Lazy>}>
        <Route index element={<Navigate to="/dashboard" replace />} />
        <Route path="/dashboard" element={<Lazy>{session.user.role === 'enterprise' ? <EnterpriseHomePage /> : <DashboardPage />}</Lazy>} />
        <Route path="/enterprises" element={guard('enterprises.read', <Lazy><EnterpriseListPage /></Lazy>)} />
        <Route path="/enterprises/new" element={guard('enterprises.create', <Lazy><EnterpriseFormPage /></Lazy>)} />
        <Route path="/enterprises/import" element={guard('enterprises.import', <Lazy><EnterpriseImportPage /></Lazy>)} />
        <Route path="/enterprises/claims" element={guard('enterprises.certifications.review', <Lazy><CertificationClaimQueuePage /></Lazy>)} />
        <Route path="/enterprises/transfers" element={guard('enterprises.transfers.read', <Lazy><EnterpriseTransferPage /></Lazy>)} />
        <Route path="/enterprises/:id" element={guard('enterprises.read', <Lazy><EnterpriseDetailPage /></Lazy>)} />
        <Route path="/enterprises/:id/edit" element={guard('enterprises.update', <Lazy><EnterpriseFormPage /></Lazy>)} />
        <Route path="/policies" element={guard('policies.evaluate', <Lazy><PolicyPage /></Lazy>)} />
        <Route path="/policies/compare" element={guard('policies.evaluate', <Lazy><PolicyComparePage /></Lazy>)} />
        <Route path="/policies/batch" element={guard('policies.batch', <Lazy><PolicyBatchPage /></Lazy>)} />
        <Route path="/policies/file-match" element={guard('policies.match_file', <Lazy><FileMatchPage /></Lazy>)} />
        <Route path="/applications" element={guard('applications.read', <Lazy><ApplicationListPage /></Lazy>)} />
        <Route path="/applications/todo" element={guard('applications.review', <Lazy><ApplicationListPage todo key="todo" /></Lazy>)} />
        <Route path="/applications/new" element={guard('applications.apply', <Lazy><ApplyPage /></Lazy>)} />
        <Route path="/applications/:id" element={guard('applications.read', <Lazy><ApplicationDetailPage /></Lazy>)} />
        <Route path="/applications/:id/edit" element={guard('applications.apply', <Lazy><ApplyPage /></Lazy>)} />
        <Route path="/publicity" element={guard('publicity.manage', <Lazy><PublicityPage /></Lazy>)} />
        <Route path="/publicity/:id" element={guard('publicity.manage', <Lazy><PublicityBatchPage /></Lazy>)} />
        <Route path="/funds" element={guard('funds.read', <Lazy><FundsPage /></Lazy>)} />
        <Route path="/disbursements" element={guard('funds.manage', <Lazy><DisbursementsPage /></Lazy>)} />
        <Route path="/reports" element={guard('funds.read', <Lazy><ReportsPage /></Lazy>)} />
        <Route path="/diagnoses" element={guard('diagnoses.read', <Lazy><DiagnosisListPage /></Lazy>)} />
        <Route path="/diagnoses/figures" element={guard('diagnoses.read', <Lazy><DiagnosisFiguresPage /></Lazy>)} />
        <Route path="/diagnoses/:id" element={guard('diagnoses.read', <Lazy><DiagnosisDetailPage /></Lazy>)} />
        <Route path="/providers" element={guard('providers.read', <Lazy><ProviderPoolPage /></Lazy>)} />
        <Route path="/providers/scorecards" element={guard('providers.read', <Lazy><ScorecardPage /></Lazy>)} />
        <Route path="/providers/:id" element={guard('providers.read', <Lazy><ProviderDetailPage /></Lazy>)} />
        <Route path="/maturity/new" element={guard('maturity.assess', <Lazy><SelfAssessmentPage /></Lazy>)} />
        <Route path="/maturity/:id" element={guard('maturity.read', <Lazy><SelfAssessmentPage /></Lazy>)} />
        <Route path="/digital-profile" element={guard('diagnoses.accept', <Lazy><DigitalProfilePage /></Lazy>)} />
        <Route path="/enterprises/:id/digital-profile" element={guard('maturity.read', <Lazy><DigitalProfilePage /></Lazy>)} />
        <Route path="/plan" element={guard('plan.read', <Lazy><PlanTreePage /></Lazy>)} />
        <Route path="/plan/dispatch" element={guard('plan.read', <Lazy><PlanDispatchPage /></Lazy>)} />
        <Route path="/plan/bulletin" element={guard('plan.read', <Lazy><PlanBulletinPage /></Lazy>)} />
        <Route path="/plan/mine" element={guard('plan.report', <Lazy><PlanMinePage /></Lazy>)} />
        <Route path="/plan/indicators/:id" element={guard('plan.read', <Lazy><PlanIndicatorPage /></Lazy>)} />
        <Route path="/calendar" element={guard('calendar.manage', <Lazy><CalendarPage /></Lazy>)} />
        <Route path="/assessment/*" element={guard('assessment.read', <Lazy><AssessmentPage /></Lazy>)} />
        <Route path="/users" element={guard('users.read', <Lazy><UsersPage /></Lazy>)} />
        <Route path="/audit" element={guard('audit.read', <Lazy><AuditPage /></Lazy>)} />
        <Route path="/account" element={<Lazy><AccountPage /></Lazy>} />
        <Route path="*" element={<Lazy><Result status="404" title="404" subTitle={t('notFound.title')} /></Lazy>} />
      </Route>
    </Routes></AntApp></Lazy>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<div className="zgsz-center"><Spin /></div>}>{children}</Suspense>;
}
