// The roles, defined once: the database's check constraint, the server, the CLI and the web app
// all read this list.
export const ROLES = ['city_admin', 'city_reviewer', 'region_officer', 'enterprise', 'provider', 'supervisor', 'finance', 'department'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  city_admin: '市级管理员(市工信局)',
  city_reviewer: '市级审核员',
  region_officer: '县区/功能区经办人',
  enterprise: '企业用户',
  provider: '服务商',
  supervisor: '第三方监理',
  finance: '财政局/考核办',
  department: '责任单位(市级部门)',
};
