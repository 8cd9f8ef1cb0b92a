// Read-only figures for the web app's dashboard, scoped like the enterprise list.
import { z } from 'zod';
import { enterpriseStats } from '../../use-cases/enterprises/enterprise-stats.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';

const statsSchema = z.object({
  total: z.number().describe('企业总数'),
  aboveScale: z.number().describe('规上企业数'),
  belowScale: z.number().describe('非规上企业数'),
  certified: z.number().describe('至少有一项认定或示范称号的企业数'),
  regions: z.array(z.object({ regionId: z.string(), regionName: z.string(), total: z.number(), aboveScale: z.number() })),
  certifications: z.array(z.object({
    kind: z.string().describe('integration 两化融合 | cloud 星级上云 | recognition 示范称号'), level: z.string(), enterprises: z.number(),
  })),
  chains: z.array(z.object({ chain: z.string(), enterprises: z.number() })),
}).meta({ id: 'EnterpriseStats' });

export async function dashboardRoutes(app: RouteApp) {
  app.get('/api/v1/dashboard/enterprise-stats', {
    config: { permission: 'enterprises.read' },
    schema: {
      tags: ['dashboard'],
      summary: '企业档案统计:按地区、规上、认定类别与等级、产业链 (enterprise counts in the caller\'s scope)',
      response: { 200: statsSchema, ...errorResponses },
    },
  }, async (req) => enterpriseStats(app.ctx.reports.db, requireActor(req)));
}
