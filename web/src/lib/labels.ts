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
};
const ENTITY_ZH: Record<string, string> = {
  session: '会话', enterprise: '企业档案', user: '账号', assessment_activity: '推进活动', assessment_event: '加减分事项',
  assessment_project: '项目记录', assessment_coverage: '覆盖率', assessment_work_item: '五个一事项', assessment_settings: '考核设置',
  assessment_targets: '年度目标',
};
const RESULT_ZH: Record<string, string> = {
  ok: '成功', failed: '密码错误', failed_locked: '失败并锁定', locked: '账号已锁定', disabled: '账号已停用', unknown_user: '用户不存在',
};
export const actionLabel = (action: string, lang: Lang) => (lang === 'zh' ? ACTION_ZH[action] ?? action : action);
export const entityLabel = (entity: string, lang: Lang) => (lang === 'zh' ? ENTITY_ZH[entity] ?? entity : entity);
export const resultLabel = (result: string, lang: Lang) => (lang === 'zh' ? RESULT_ZH[result] ?? result : result);
