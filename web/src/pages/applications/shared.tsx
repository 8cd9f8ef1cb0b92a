// Pieces every application page shares: status and step tags, the current step of list rows, the
// query keys and the refresh after a change, labels of history actions, payers and ledger kinds.
import { type QueryClient, useQueries } from '@tanstack/react-query';
import { Tag, Tooltip } from 'antd';
import { api } from '../../api/client.ts';
import type { Acceptance, Application, ApplicationDetail, ApplicationStatus, CurrentStep, LedgerKind, Payer } from '../../api/applications.ts';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/i18n.tsx';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'default', in_review: 'processing', in_publicity: 'purple', returned: 'warning', approved: 'success', rejected: 'error',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]} data-testid="status-tag">{t(`apl.status.${status}`)}</Tag>;
}

export function AcceptanceTag({ acceptance }: { acceptance: Acceptance }) {
  const { t } = useI18n();
  if (acceptance === 'none') return <Tag>{t('apl.acceptance.none')}</Tag>;
  return <Tag color={acceptance === 'passed' ? 'success' : 'error'}>{t(`apl.acceptance.${acceptance}`)}</Tag>;
}

// The default chain's steps (src/domain/workflow/chain.ts DEFAULT_CHAIN) in English; a step a city
// named itself keeps the name it was given.
const DEFAULT_STEP_NAMES: Record<string, { zh: string; en: string }> = {
  'county-review': { zh: '县区初审', en: 'County review' },
  'city-review': { zh: '市级复审', en: 'City review' },
  publicity: { zh: '公示', en: 'Publicity' },
  approval: { zh: '批准', en: 'Approval' },
};
const BY_ZH = new Map(Object.values(DEFAULT_STEP_NAMES).map((n) => [n.zh, n.en]));

/** A review step's name in the reader's language (by its id, or by a default name as history records it). */
export function stepLabel(step: { id?: string; name: string }, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return step.name;
  const known = step.id ? DEFAULT_STEP_NAMES[step.id] : undefined;
  if (known && known.zh === step.name) return known.en;
  return BY_ZH.get(step.name) ?? step.name;
}

/** The step an application waits on, with the role that acts on it. */
export function StepTag({ step, status }: { step: CurrentStep | null | undefined; status?: ApplicationStatus }) {
  const { t, lang } = useI18n();
  // During 公示 the status already says so.
  if (!step || status === 'in_publicity') return null;
  return (
    <Tooltip title={t('apl.stepRole', { role: roleShort(step.role, t) })}>
      <Tag color={step.kind === 'approval' ? 'gold' : step.kind === 'publicity' ? 'purple' : 'blue'} data-testid="step-tag">{stepLabel(step, lang)}</Tag>
    </Tooltip>
  );
}

const ROLE_KEYS: Record<string, MessageKey> = {
  city_admin: 'apl.role.city_admin', city_reviewer: 'apl.role.city_reviewer', region_officer: 'apl.role.region_officer',
  enterprise: 'apl.role.enterprise', finance: 'apl.role.finance', provider: 'apl.role.other', supervisor: 'apl.role.other',
};
export const roleShort = (role: string, t: Translate) => (ROLE_KEYS[role] ? t(ROLE_KEYS[role]) : role);

export const payerLabel = (payer: Payer, t: Translate) => t(`apl.payer.${payer}`);

const ACTION_KEYS: Record<string, MessageKey> = {
  create: 'apl.action.create', update: 'apl.action.update', submit: 'apl.action.submit', approve: 'apl.action.approve',
  return_applicant: 'apl.action.return_applicant', return_previous: 'apl.action.return_previous', return_step: 'apl.action.return_step',
  reject: 'apl.action.reject', handover: 'apl.action.handover', withdraw: 'apl.action.withdraw',
  publicity_open: 'apl.action.publicity_open', publicity_close: 'apl.action.publicity_close',
  acceptance_passed: 'apl.action.acceptance_passed', acceptance_failed: 'apl.action.acceptance_failed',
};
export const historyActionLabel = (action: string, t: Translate) => (ACTION_KEYS[action] ? t(ACTION_KEYS[action]) : action);

export const ledgerKindLabel = (kind: LedgerKind, t: Translate) => t(`fund.ledger.${kind}`);

/** Query keys: one application's detail, every list of applications. */
export const applicationKey = (id: string) => ['application', id] as const;
export const fetchApplication = (id: string) => api.get<ApplicationDetail>(`/applications/${encodeURIComponent(id)}`);

/** After any change to an application: its detail, every list, 公示, funds and reports. */
export async function refreshApplications(queryClient: QueryClient, id?: string) {
  await Promise.all([
    id ? queryClient.invalidateQueries({ queryKey: applicationKey(id) }) : null,
    queryClient.invalidateQueries({ queryKey: ['applications'] }),
    queryClient.invalidateQueries({ queryKey: ['publicity'] }),
    queryClient.invalidateQueries({ queryKey: ['funds'] }),
    queryClient.invalidateQueries({ queryKey: ['reports'] }),
  ]);
}

/**
 * The current step of each row under review, as the list gives it. A row in review without one (a
 * server whose lists do not read the chains) reads it from its detail — cached under the same key
 * as the detail page.
 */
export function useCurrentSteps(items: Application[] | undefined): { steps: Map<string, CurrentStep | null>; loading: boolean } {
  const missing = (items ?? []).filter((a) => !a.currentStep && (a.status === 'in_review' || a.status === 'in_publicity'));
  const results = useQueries({
    queries: missing.map((a) => ({ queryKey: applicationKey(a.id), queryFn: () => fetchApplication(a.id), staleTime: 15_000 })),
  });
  const steps = new Map<string, CurrentStep | null>();
  for (const a of items ?? []) if (a.currentStep) steps.set(a.id, a.currentStep);
  missing.forEach((a, i) => {
    const d = results[i]?.data;
    if (d) steps.set(a.id, d.application.currentStep ?? null);
  });
  return { steps, loading: results.some((r) => r.isPending) };
}

/** The value of a fact as stored: a per-item measure keeps it in the first item of its collection. */
export function factAt(facts: Record<string, unknown> | undefined, path: string): unknown {
  if (!facts) return undefined;
  const [head, field] = path.split('.') as [string, string | undefined];
  if (!field) return facts[head];
  const list = facts[head];
  return Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined)?.[field] : undefined;
}


/** 标题(条款), unless the clause is already bracketed: 智能化改造项目补助(附件1 二(一)), 安全服务机构奖励(二十二). */
export const withClause = (title: string, clause: string) => (/^[((]/.test(clause) ? `${title}${clause}` : `${title}(${clause})`);
