// Who is acting: a signed-in user (web/API) or an operator at the command line. Use cases receive
// an Actor and never look at HTTP or process state themselves.
export type Role =
  | 'city_admin'
  | 'city_reviewer'
  | 'region_officer'
  | 'enterprise'
  | 'provider'
  | 'supervisor'
  | 'finance';

export const ROLES: readonly Role[] = ['city_admin', 'city_reviewer', 'region_officer', 'enterprise', 'provider', 'supervisor', 'finance'];

export const ROLE_LABELS: Record<Role, string> = {
  city_admin: '市级管理员(市工信局)',
  city_reviewer: '市级审核员',
  region_officer: '县区/功能区经办人',
  enterprise: '企业用户',
  provider: '服务商',
  supervisor: '第三方监理',
  finance: '财政局/考核办',
};

export interface Actor {
  userId: string | null;
  name: string;
  role: Role;
  regionId: string | null;
  enterpriseId: string | null;
  ip: string | null;
}

/** The command line runs with the operator's OS account and full rights, like psql would. */
export function cliActor(): Actor {
  const name = `cli:${process.env.USER ?? process.env.USERNAME ?? 'operator'}`;
  return { userId: null, name, role: 'city_admin', regionId: null, enterpriseId: null, ip: null };
}
