// “用档案数据测算”: the calculator opened at /policies?from=file fills its form with the facts the
// enterprise file states (GET /enterprises/:id/entitlements) and switches to the policy in force in
// the enterprise's city. An enterprise reads its own file; an officer names one with &enterprise=<id>.
import { Alert, type FormInstance } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { FactDef } from '../../api/types.ts';
import { errorMessage } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-home-enterprise.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { useEntitlements } from './EnterpriseHomeData.ts';

type Form = FormInstance<{ facts: Record<string, unknown> }>;

/** A fact's value as the calculator shows it, for the notice: 两化融合 3A级, 星级 0星. */
function shown(def: FactDef | undefined, value: unknown, yes: string, no: string, none: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.length ? value.map((v) => def?.values?.[String(v)] ?? String(v)).join('、') : none;
  if (def?.values && typeof value === 'string') return def.values[value] ?? value;
  return `${String(value)}${def?.unit ?? ''}`;
}

/**
 * Fills the form once the file's facts arrive and returns the notice to show above it (null when
 * the page was not opened from a file). `setPolicy` moves the calculator to the file's policy.
 */
export function useFilePrefill(form: Form, facts: FactDef[], setPolicy: (id: string) => void): ReactNode {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [params] = useSearchParams();
  const fromFile = params.get('from') === 'file';
  const enterpriseId = fromFile ? params.get('enterprise') ?? user.enterpriseId : null;
  const query = useEntitlements(enterpriseId);
  const done = useRef(false);
  const policy = query.data?.policies[0];
  useEffect(() => {
    if (!policy || done.current) return;
    done.current = true;
    setPolicy(policy.policyId);
    // The file holds no projects or products: the empty project row goes, so 计算兑现 answers at once
    // with what the file alone gives; the reader adds a project to try one.
    form.setFieldsValue({ facts: { ...form.getFieldValue('facts') as Record<string, unknown>, projects: [], ...policy.facts } });
  }, [policy, form, setPolicy]);
  if (!fromFile || !enterpriseId) return null;
  if (query.isError) return <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('home.ent.prefillFailed')} description={errorMessage(query.error)} />;
  if (!policy || !query.data) return null;
  const byName = new Map(facts.map((f) => [f.name, f]));
  const list = Object.entries(policy.facts).filter(([name]) => byName.has(name)).map(([name, value]) => `${byName.get(name)?.label ?? name} ${shown(byName.get(name), value, t('common.yes'), t('common.no'), t('home.ent.none'))}`);
  return <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="policy-prefilled" title={t('home.ent.prefilled', { name: query.data.enterprise.name, facts: list.join(';') })} />;
}
