// Labels for codes the API returns: roles, certification kinds and levels, chains (English names),
// audit actions.
import { ROLE_LABELS } from '../../../src/domain/access/roles.ts';
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

const ACTION_ZH: Record<string, string> = {
  login: '登录', logout: '退出', create: '新建', update: '修改', delete: '撤回', upsert: '录入', seed: '演示数据',
  import_create: '导入新建', import_update: '导入更新', disable: '停用', enable: '启用', reset_password: '重置密码',
  claim: '提交认定', confirm: '确认', reject: '驳回', request: '申请', approve: '批准', submit: '提交', return: '退回',
};
const ACTION_EN: Record<string, string> = {
  login: 'Sign in', logout: 'Sign out', create: 'Create', update: 'Update', delete: 'Withdraw', upsert: 'Record', seed: 'Demo data',
  import_create: 'Import (new)', import_update: 'Import (update)', disable: 'Disable', enable: 'Enable', reset_password: 'Reset password',
  claim: 'Claim', confirm: 'Confirm', reject: 'Reject', request: 'Request', approve: 'Approve', submit: 'Submit', return: 'Return',
};
const ENTITY_ZH: Record<string, string> = {
  session: '会话', enterprise: '企业档案', user: '账号', assessment_activity: '推进活动', assessment_event: '加减分事项',
  assessment_project: '项目记录', assessment_coverage: '覆盖率', assessment_work_item: '五个一事项', assessment_settings: '考核设置',
  assessment_targets: '年度目标', certification: '认定', enterprise_transfer: '档案划转', assessment_sign_off: '考核审定',
};
const ENTITY_EN: Record<string, string> = {
  session: 'Session', enterprise: 'Enterprise file', user: 'Account', assessment_activity: 'Activity', assessment_event: 'Bonus/deduction',
  assessment_project: 'Project', assessment_coverage: 'Coverage', assessment_work_item: 'Work item', assessment_settings: 'Assessment settings',
  assessment_targets: 'Yearly targets', certification: 'Certification', enterprise_transfer: 'Enterprise transfer', assessment_sign_off: 'Assessment sign-off',
};
const RESULT_ZH: Record<string, string> = {
  ok: '成功', failed: '密码错误', failed_locked: '失败并锁定', locked: '账号已锁定', disabled: '账号已停用', unknown_user: '用户不存在',
  throttled: '尝试过频被拒', failed_disabled: '密码错误(账号已停用)', unknown_user_locked: '用户不存在并锁定',
  failed_disabled_locked: '密码错误并锁定(账号已停用)',
};
const RESULT_EN: Record<string, string> = {
  ok: 'OK', failed: 'Wrong password', failed_locked: 'Failed, now locked', locked: 'Account locked', disabled: 'Account disabled', unknown_user: 'Unknown user',
  throttled: 'Too many attempts', failed_disabled: 'Wrong password (account disabled)', unknown_user_locked: 'Unknown user, now locked',
  failed_disabled_locked: 'Wrong password, now locked (account disabled)',
};
export const actionLabel = (action: string, lang: Lang) => (lang === 'zh' ? ACTION_ZH : ACTION_EN)[action] ?? action;
export const entityLabel = (entity: string, lang: Lang) => (lang === 'zh' ? ENTITY_ZH : ENTITY_EN)[entity] ?? entity;
export const resultLabel = (result: string, lang: Lang) => (lang === 'zh' ? RESULT_ZH : RESULT_EN)[result] ?? result;

/** The audit page's entity filter: every entity the audit log records. */
export const AUDIT_ENTITIES = Object.keys(ENTITY_ZH);
