import type { Command } from 'commander';
import { listUsers } from '../../use-cases/users/list-users.ts';
import { ROLES, type Role } from '../../domain/access/index.ts';
import { cliActor } from '../cli-actor.ts';
import { invalid } from '../../domain/errors.ts';
import { createUser } from '../../use-cases/users/create-user.ts';
import { resetPassword } from '../../use-cases/users/reset-password.ts';
import { setUserDisabled } from '../../use-cases/users/set-user-disabled.ts';
import { action, printJson, withDatabase } from '../run.ts';

/** Passwords come from an environment variable or stdin, never argv (it shows in `ps`). */
async function readPassword(): Promise<string> {
  if (process.env.ZGSZ_PASSWORD) return process.env.ZGSZ_PASSWORD;
  if (process.stdin.isTTY) throw invalid('password', '请通过环境变量 ZGSZ_PASSWORD 或标准输入提供密码');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const pw = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!pw) throw invalid('password', '请通过环境变量 ZGSZ_PASSWORD 或标准输入提供密码');
  return pw;
}

export function register(program: Command): void {
  const user = program.command('user').description('账号管理 (accounts)');
  user.command('create').argument('<username>')
    .requiredOption('--role <role>', `角色: ${ROLES.join(' | ')}`)
    .option('--name <displayName>', '姓名')
    .option('--region <regionId>', '所属地区(县区经办人)')
    .option('--enterprise <enterpriseId>', '绑定企业(企业用户)')
    .option('--organisation <organisationId>', '所属服务机构(服务商、第三方监理)')
    .option('--department <departmentId>', '所属部门(责任单位账号,如 yz-fgw)')
    .description('新建账号;密码取自 ZGSZ_PASSWORD 或标准输入 (create; password from ZGSZ_PASSWORD or stdin)')
    .action(action(async (username: string, o: { role: string; name?: string; region?: string; enterprise?: string; organisation?: string; department?: string }) => {
      if (!ROLES.includes(o.role as Role)) throw invalid('role', `角色须为 ${ROLES.join(', ')} 之一`);
      const password = await readPassword();
      await withDatabase(async ({ db }, config) => {
        const u = await createUser(db, cliActor(), {
          username, displayName: o.name ?? username, role: o.role as Role, password,
          regionId: o.region ?? null, enterpriseId: o.enterprise ?? null, organisationId: o.organisation ?? null, departmentId: o.department ?? null,
        }, { minLength: config.passwordMinLength, minClasses: config.passwordMinClasses });
        console.log(`已创建账号 ${u.username} (${u.role})`);
      });
    }));
  user.command('list').option('--json', 'JSON 输出').description('列出账号 (list)')
    .action(action(async (o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const rows = await listUsers(db, cliActor());
      if (o.json) return printJson(rows);
      console.table(rows.map((u) => ({ 用户名: u.username, 姓名: u.displayName, 角色: u.role, 地区: u.regionId ?? '', 停用: u.disabled ? '是' : '', 锁定: u.locked ? '是' : '' })));
    })));
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user.command(name).argument('<username>').description(disabled ? '停用账号 (disable)' : '启用账号 (enable)')
      .action(action(async (username: string) => withDatabase(async ({ db }) => {
        await setUserDisabled(db, cliActor(), username, disabled);
        console.log(`${disabled ? '已停用' : '已启用'} ${username}`);
      })));
  }
  user.command('reset-password').argument('<username>').description('重置密码;新密码取自 ZGSZ_PASSWORD 或标准输入')
    .action(action(async (username: string) => {
      const password = await readPassword();
      await withDatabase(async ({ db }, config) => {
        await resetPassword(db, cliActor(), username, password, { minLength: config.passwordMinLength, minClasses: config.passwordMinClasses });
        console.log(`已重置 ${username} 的密码并解除锁定`);
      });
    }));
}
