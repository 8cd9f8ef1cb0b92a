// Labels for codes the API returns: roles, certification kinds and levels, chains (English names),
// audit actions.
import { ROLE_LABELS } from '../../../src/domain/access/roles.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditActionLabel, auditEntityLabel } from '../../../src/domain/audit/labels.ts';
import { CERTIFICATION_KINDS, INDUSTRIAL_CHAINS } from '../../../src/domain/enterprise/chains.ts';
import type { CertificationKind, Role } from '../api/types.ts';
import type { Lang, Translate } from './i18n.tsx';

export { CERTIFICATION_KINDS, INDUSTRIAL_CHAINS };

const ROLE_EN: Record<Role, string> = {
  city_admin: 'City administrator (MIIT bureau)',
  city_reviewer: 'City reviewer',
  region_officer: 'Region officer',
  enterprise: 'Enterprise user',
  provider: 'Service provider',
  supervisor: 'Third-party supervisor',
  finance: 'Finance / assessment office',
  department: 'Responsible department',
};

export const roleLabel = (role: Role, lang: Lang) => (lang === 'zh' ? ROLE_LABELS[role] : ROLE_EN[role]);

const CHAIN_EN: Record<string, string> = {
  汽车及零部件: 'Automotive & parts', 高端装备: 'High-end equipment', 新型电力装备: 'New power equipment', 生物医药: 'Biomedicine',
  新材料: 'New materials', 电子信息: 'Electronics & IT', 纺织服装: 'Textiles & apparel', 食品: 'Food', 化工: 'Chemicals', 其他: 'Other',
};
export const chainLabel = (chain: string, lang: Lang) => (lang === 'zh' ? chain : CHAIN_EN[chain] ?? chain);

export const certKindLabel = (kind: string, t: Translate) =>
  kind === 'integration' || kind === 'cloud' || kind === 'recognition' ? t(`cert.kind.${kind}`) : kind;

export function certLevelLabel(kind: string, level: string, t: Translate): string {
  if (kind === 'cloud') return t('cert.level.stars', { n: level });
  if (level === 'national' || level === 'provincial' || level === 'municipal') return t(`cert.level.${level}`);
  return level;
}

export const certLevels = (kind: CertificationKind): readonly string[] => CERTIFICATION_KINDS[kind].levels;

const RESULT_ZH: Record<string, string> = {
  ok: '成功', failed: '密码错误', failed_locked: '失败并锁定', locked: '账号已锁定', disabled: '账号已停用', unknown_user: '用户不存在',
  throttled: '尝试过频被拒', failed_disabled: '密码错误(账号已停用)', unknown_user_locked: '用户不存在并锁定',
  failed_disabled_locked: '密码错误并锁定(账号已停用)', aborted: '中途中断',
};
const RESULT_EN: Record<string, string> = {
  ok: 'OK', failed: 'Wrong password', failed_locked: 'Failed, now locked', locked: 'Account locked', disabled: 'Account disabled', unknown_user: 'Unknown user',
  throttled: 'Too many attempts', failed_disabled: 'Wrong password (account disabled)', unknown_user_locked: 'Unknown user, now locked',
  failed_disabled_locked: 'Wrong password, now locked (account disabled)', aborted: 'Broken off',
};
// Audit action and entity codes are labelled in the domain (src/domain/audit/labels.ts), where a test
// checks that every code the server writes has one.
export const actionLabel = (action: string, lang: Lang) => auditActionLabel(action, lang);
export const entityLabel = (entity: string, lang: Lang) => auditEntityLabel(entity, lang);
export const resultLabel = (result: string, lang: Lang) => (Object.hasOwn(RESULT_ZH, result) ? (lang === 'zh' ? RESULT_ZH : RESULT_EN)[result]! : result);

/** The audit page's filters: every action and entity the audit log records. */
export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS);
export const AUDIT_ENTITY_CODES = Object.keys(AUDIT_ENTITIES);
