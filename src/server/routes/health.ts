import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/seed.ts';
import type { RouteApp } from '../context.ts';

export async function healthRoutes(app: RouteApp) {
  app.get('/api/v1/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['system'],
      summary: '健康检查 (health check)',
      response: {
        200: z.object({
          status: z.literal('ok'),
          database: z.enum(['pglite', 'postgres']),
          businessDate: z.string().describe('业务日期:规则中的“今天”'),
          demoDate: z.boolean().describe('业务日期是配置的演示日期(页面显示“演示日期”)'),
          demo: z.object({ accounts: z.array(z.object({ username: z.string(), displayName: z.string() })), password: z.string() }).optional()
            .describe('只在以 --demo 启动的演示系统中出现:登录页据此列出演示账号'),
        }),
      },
    },
  }, async () => {
    await app.ctx.database.db.execute(sql`select 1`);
    const demo = app.ctx.demo
      ? { accounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, displayName: a.displayName })), password: DEMO_PASSWORD }
      : undefined;
    return { status: 'ok' as const, database: app.ctx.database.kind, businessDate: app.ctx.today(), demoDate: app.ctx.config.businessDate !== null, ...(demo && { demo }) };
  });
}
