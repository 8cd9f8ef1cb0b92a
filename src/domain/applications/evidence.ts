// The evidence checklist of each measure, read from policies/<id>/evidence.yaml: common items
// (every application), the items of the measure's topic or of the measure itself, and the items of
// 验收. Each item says where it comes from (`basis`), so a reviewer can see why it is asked for.
import { z } from 'zod';
import { invalid } from '../errors.ts';
import type { Measure, Policy } from '../policy/types.ts';

export interface EvidenceItem {
  readonly id: string;
  readonly label: string;
  readonly basis: string;
}

export interface EvidenceChecklists {
  /** Items an application under `measure` must carry before it can be submitted. */
  forMeasure(measure: Measure): readonly EvidenceItem[];
  /** Items of 验收 (completion acceptance). */
  readonly acceptance: readonly EvidenceItem[];
}

const item = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '材料编号须为小写字母、数字或连字符'),
  label: z.string().min(2).max(100),
  basis: z.string().min(2).max(300),
}).strict();
const list = z.array(item).min(1);
const fileSchema = z.object({
  common: z.array(item).default([]),
  by_topic: z.record(z.string(), list).default({}),
  measures: z.record(z.string(), list).default({}),
  acceptance: list,
}).strict();

export function buildChecklists(policy: Policy, raw: unknown, file: string): EvidenceChecklists {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw invalid(`${file}#${i.path.join('.')}`, `${file} ${i.path.join('.')}: ${i.message}`);
  }
  const data = parsed.data;
  const topics = new Set(policy.money.map((m) => m.topic).filter(Boolean));
  for (const t of Object.keys(data.by_topic)) if (!topics.has(t)) throw invalid(`${file}#by_topic.${t}`, `${file}: 没有措施属于主题 ${t}`);
  for (const id of Object.keys(data.measures)) {
    if (!policy.money.some((m) => m.id === id)) throw invalid(`${file}#measures.${id}`, `${file}: 政策 ${policy.id} 中没有可申报的措施 ${id}`);
  }
  const own = (m: Measure) => data.measures[m.id] ?? (m.topic ? data.by_topic[m.topic] : undefined);
  for (const m of policy.money) {
    const items = own(m);
    if (!items) throw invalid(`${file}#measures.${m.id}`, `${file}: 措施 ${m.id}(${m.clause})没有材料清单`);
    const ids = [...data.common, ...items].map((x) => x.id);
    const dup = ids.find((x, i) => ids.indexOf(x) !== i);
    if (dup) throw invalid(`${file}#measures.${m.id}`, `${file}: 措施 ${m.id} 的材料编号 ${dup} 重复`);
  }
  return {
    forMeasure: (m) => [...data.common, ...(own(m) ?? [])],
    acceptance: data.acceptance,
  };
}
