import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { regions } from '../../db/schema/core.ts';
import type { RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';

export const regionSchema = z.object({
  id: z.string(), city: z.string(), name: z.string(), level: z.string(), parentId: z.string().nullable(),
  adminCode: z.string(), scored: z.boolean(),
}).meta({ id: 'Region' });

export async function regionRoutes(app: RouteApp) {
  app.get('/api/v1/regions', {
    config: { permission: 'regions.read' },
    schema: { tags: ['regions'], summary: '地区列表 (regions of both cities)', response: { 200: z.array(regionSchema), ...errorResponses } },
  }, async () => {
    const rows = await app.ctx.database.db.select().from(regions).orderBy(asc(regions.sort));
    return rows.map(({ sort: _s, ...r }) => r);
  });
}
