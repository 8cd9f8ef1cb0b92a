import { z } from 'zod';

export const recordFactSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100).describe('年度(本年度事实所属的年份)'),
  fact: z.string().min(1).max(64).describe('事实名,见事实字典 GET /api/v1/policies/facts'),
  value: z.unknown().describe('取值:金额以元(最多两位小数)或带单位字符串;项目类事实为对象数组'),
  evidence: z.string().trim().min(2, '请写明依据(文件文号、合同或发票号、报表名称等)').max(500),
  version: z.number().int().min(1).optional().describe('修改已有记录时必填:读取时的版本'),
});
export type RecordFactInput = z.output<typeof recordFactSchema>;
