import { z } from 'zod';
import { ROLES } from '../../domain/access/index.ts';
import { PASSWORD_MAX_LENGTH, passwordTooLong } from '../../domain/auth/password-rules.ts';
import { createUser } from '../../use-cases/users/create-user.ts';
import { resetPassword } from '../../use-cases/users/reset-password.ts';
import { setUserDisabled } from '../../use-cases/users/set-user-disabled.ts';
import { listUsers } from '../../use-cases/users/list-users.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';

export const userSchema = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: z.string(),
  regionId: z.string().nullable(), enterpriseId: z.string().nullable(), organisationId: z.string().nullable(), departmentId: z.string().nullable(), disabled: z.boolean(), locked: z.boolean(),
  createdAt: z.string(),
}).meta({ id: 'User' });

/**
 * A password field: required, and never longer than PASSWORD_MAX_LENGTH — the one constant that
 * creating, resetting, changing and signing in all read, so any password set can sign in.
 */
export const passwordField = (label: string) =>
  z.string({ error: `${label}必填` }).min(1, `${label}必填`).max(PASSWORD_MAX_LENGTH, passwordTooLong(label));

const usernameParams = z.object({ username: z.string().min(1).max(100) });

export async function userRoutes(app: RouteApp) {
  const rules = () => ({ minLength: app.ctx.config.passwordMinLength, minClasses: app.ctx.config.passwordMinClasses });

  app.get('/api/v1/users', {
    config: { permission: 'users.read' },
    schema: { tags: ['users'], summary: '账号列表 (accounts)', response: { 200: z.array(userSchema), ...errorResponses } },
  }, async (req) => listUsers(app.ctx.database.db, requireActor(req)));

  app.post('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['users'],
      summary: '新建账号 (create an account)',
      body: z.object({
        username: z.string({ error: '用户名必填' }),
        displayName: z.string({ error: '姓名必填' }).trim().min(1, '姓名必填').max(50, '姓名不超过50字'),
        role: z.enum(ROLES, { error: `角色须为 ${ROLES.join(', ')} 之一` }),
        password: passwordField('密码'),
        regionId: z.string().nullable().optional(),
        enterpriseId: z.string().uuid('enterpriseId 须为企业编号(UUID)').nullable().optional(),
        organisationId: z.string().uuid('organisationId 须为服务机构编号(UUID)').nullable().optional(),
        departmentId: z.string().max(40, 'departmentId 不超过40字符').nullable().optional(),
      }).strict(),
      response: { 201: userSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const user = await createUser(app.ctx.database.db, requireActor(req), req.body as Parameters<typeof createUser>[2], rules());
    return reply.code(201).send(user);
  });

  for (const [suffix, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/api/v1/users/:username/${suffix}`, {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: disabled ? '停用账号 (disable)' : '启用账号 (enable)', params: usernameParams, response: { 200: userSchema, ...errorResponses } },
    }, async (req) => setUserDisabled(app.ctx.database.db, requireActor(req), req.params.username, disabled));
  }

  app.post('/api/v1/users/:username/reset-password', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['users'], summary: '重置密码 (reset password)', params: usernameParams,
      body: z.object({ password: passwordField('新密码') }).strict(),
      response: { 204: z.null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await resetPassword(app.ctx.database.db, requireActor(req), req.params.username, req.body.password, rules());
    return reply.code(204).send(null);
  });
}
