import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { departmentExists, enterpriseExists, insertUser, regionExists } from '../../db/repositories/user-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { ROLES, type Role } from '../../domain/access/index.ts';
import { passwordProblem, type PasswordRules } from '../../domain/auth/password-rules.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { findServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { commonPasswords } from '../../io/common-passwords.ts';
import { hashPassword } from '../../lib/password-hash.ts';
import { assertPermission } from '../../domain/access/index.ts';
import { presentUser } from './user-presenter.ts';

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  regionId?: string | null;
  enterpriseId?: string | null;
  organisationId?: string | null;
  departmentId?: string | null;
}

export async function createUser(db: Db, actor: Actor, input: CreateUserInput, rules: PasswordRules) {
  assertPermission(actor, 'users.manage');
  if (!/^[a-zA-Z0-9_.-]{3,40}$/.test(input.username)) {
    throw invalid('username', '用户名须为3–40位字母、数字或 _ . -');
  }
  if (!ROLES.includes(input.role)) throw invalid('role', `角色须为 ${ROLES.join(', ')} 之一`);
  // An empty binding would pass the role checks below as "none" and then fail the foreign key.
  for (const key of ['regionId', 'enterpriseId', 'organisationId', 'departmentId'] as const) {
    if (input[key] === '') throw invalid(key, `${key} 不能为空字符串:不绑定时请省略该字段或填 null`);
  }
  const problem = passwordProblem(input.password, rules, { username: input.username, common: commonPasswords() });
  if (problem) throw invalid('password', problem);
  if (input.role === 'region_officer' && !input.regionId) throw invalid('regionId', '县区经办人须指定所属地区 regionId');
  if (input.role !== 'region_officer' && input.regionId) throw invalid('regionId', '只有县区经办人(region_officer)绑定地区');
  if (input.role === 'enterprise' && !input.enterpriseId) throw invalid('enterpriseId', '企业用户须绑定企业 enterpriseId');
  if (input.role !== 'enterprise' && input.enterpriseId) throw invalid('enterpriseId', '只有企业用户(enterprise)绑定企业');
  const orgRole = input.role === 'provider' || input.role === 'supervisor';
  if (orgRole && !input.organisationId) throw invalid('organisationId', '服务商和第三方监理账号须绑定所属机构 organisationId');
  if (!orgRole && input.organisationId) throw invalid('organisationId', '只有服务商(provider)和第三方监理(supervisor)账号绑定机构');
  if (input.role === 'department' && !input.departmentId) throw invalid('departmentId', '责任单位账号须指定所属部门 departmentId(如 yz-fgw)');
  if (input.role !== 'department' && input.departmentId) throw invalid('departmentId', '只有责任单位账号(department)绑定部门');

  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (input.regionId && !(await regionExists(tx, input.regionId))) throw invalid('regionId', `地区 ${input.regionId} 不存在`);
    if (input.enterpriseId && !(await enterpriseExists(tx, input.enterpriseId))) throw invalid('enterpriseId', `企业 ${input.enterpriseId} 不存在`);
    if (input.organisationId) {
      const org = await findServiceOrg(tx, input.organisationId);
      if (!org) throw invalid('organisationId', `机构 ${input.organisationId} 不存在`);
      if (org.kind !== input.role) throw invalid('organisationId', `该机构是${org.kind === 'provider' ? '服务商' : '第三方监理'},账号角色须一致`);
    }
    if (input.departmentId && !(await departmentExists(tx, input.departmentId))) throw invalid('departmentId', `部门 ${input.departmentId} 不存在`);
    const row = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      regionId: input.regionId ?? null,
      enterpriseId: input.enterpriseId ?? null,
      organisationId: input.organisationId ?? null,
      departmentId: input.departmentId ?? null,
      passwordHash,
    });
    if (!row) throw conflict(`用户名 ${input.username} 已存在`, 'username');
    const view = presentUser(row);
    await appendAudit(tx, actor, { action: 'create', entity: 'user', entityId: view.id, after: view });
    return view;
  });
}
