// Shapes of the three YAML files of a policy folder, as written by people. Conditions and
// amounts are kept loose here and checked by build-policy.ts, which can say in Chinese which
// word or reference is wrong; zod's union errors would only say "invalid input".
import { z } from 'zod';

const text = (what: string) => z.string({ error: `缺少${what}` }).trim().min(1, `${what}不能为空`);
const isoDate = z.string({ error: '须为 YYYY-MM-DD 日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '须为 YYYY-MM-DD 日期');

export const policyFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 须为小写字母、数字和连字符'),
  city: text('城市 city'),
  short_title: text('简称 short_title'),
  document: z.strictObject({
    title: text('文件标题 title'),
    number: z.string().nullable(),
    issuer: text('发文机关 issuer'),
    issue_date: isoDate,
    part: z.string().optional(),
    source: z.string().optional(),
  }),
  validity: z.strictObject({
    from: isoDate,
    to: isoDate,
    clause: text('有效期条款 clause'),
    quote: text('有效期原文 quote'),
    reading: z.string().optional(),
  }),
  applicants: z.strictObject({
    types: z.array(z.string()).min(1),
    default: z.array(z.string()).min(1).optional(),
    clause: text('申请主体条款 clause'),
    quote: text('申请主体原文 quote'),
    conditions: z.array(z.unknown()).optional(),
  }),
  payer_reading: z.string().optional(),
  expiry_warning_days: z.number().int().min(0).default(90),
});

export const parametersFileSchema = z.strictObject({
  parameters: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, '参数名须为小写点分名称'),
    z.strictObject({
      label: text('参数说明 label'),
      type: z.enum(['money', 'rate', 'count']),
      unit: z.string().optional(),
      reference: z.strictObject({ clause: text('条款引用 clause'), words: text('原文 words') }, { error: '缺少条款引用 reference' }),
      values: z.record(isoDate, z.union([z.string(), z.number()])),
    }),
  ),
});

const capSchema = z.strictObject({ param: z.string(), scope: z.enum(['per_item', 'per_enterprise', 'per_enterprise_year']) });

export const amountSchema = z.strictObject({
  fixed: z.string().optional(),
  up_to: z.string().optional(),
  each: z.string().optional(),
  base: z.string().optional(),
  rate: z.string().optional(),
  rate_min: z.string().optional(),
  rate_max: z.string().optional(),
  floor: z.string().optional(),
  caps: z.array(capSchema).optional(),
});

export const measureSchema = z.strictObject({
  id: z.string({ error: '缺少 id' }).regex(/^[a-z0-9][a-z0-9-]*$/, 'id 须为小写字母、数字和连字符'),
  title: text('标题 title'),
  topic: z.string().optional(),
  clause: text('条款引用 clause'),
  quote: text('原文 quote'),
  reading: z.string().optional(),
  applicants: z.array(z.string()).min(1).optional(),
  payer: z.enum(['city', 'county', 'shared']).optional(),
  frequency: z.enum(['one_time', 'yearly']).optional(),
  for_each: z.string().optional(),
  conditions: z.array(z.unknown()).optional(),
  amount: amountSchema.optional(),
  quota: z.string().optional(),
  exclusive_group: z.string().optional(),
});

export const measuresFileSchema = z.strictObject({ measures: z.array(z.unknown()).min(1) });

export type RawPolicyFile = z.infer<typeof policyFileSchema>;
export type RawParametersFile = z.infer<typeof parametersFileSchema>;
export type RawMeasure = z.infer<typeof measureSchema>;
export type RawAmount = z.infer<typeof amountSchema>;
