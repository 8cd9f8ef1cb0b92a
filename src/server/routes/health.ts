import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { RouteApp } from '../context.ts';

export async function healthRoutes(app: RouteApp) {
  app.get('/api/v1/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['system'],
      summary: '健康检查 (health check)',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
    },
  }, async () => {
    await app.ctx.database.db.execute(sql`select 1`);
    return { status: 'ok' as const, database: app.ctx.database.kind };
  });
}
