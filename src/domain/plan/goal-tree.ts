// The 实施意见's goal tree (policies/<text>/plan.yaml) as a checked value. The file is the only place
// the goals live; this module refuses one whose quotes are not in the text, whose departments are
// not exactly those its 〔责任单位〕 names, or whose goals fall outside the plan's years — a typo
// would otherwise turn into a wrong red light on the city's dispatch table.
import { z } from 'zod';
import { invalid } from '../errors.ts';

export const INDICATOR_UNITS = ['count', 'percent', 'money'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_KINDS = ['yearly', 'cumulative', 'level'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const RECORD_SOURCES = ['assessment-projects', 'coverage-covered', 'coverage-rate', 'recognitions', 'providers-admitted', 'activities', 'city-fund', 'region-fund'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** How a stored integer relates to the number written in the text: 65% → 6500, 1亿元 → 10,000,000,000 分. */
export const UNIT_SCALE: Record<IndicatorUnit, number> = { count: 1, percent: 100, money: 100 };

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '只能用小写字母、数字和连字符');
const departmentSchema = z.object({
  id, name: z.string().min(1), fullName: z.string().min(1), aliases: z.array(z.string().min(1)).min(1),
}).strict();
const recordsSchema = z.object({
  source: z.enum(RECORD_SOURCES),
  compare: z.enum(['exact', 'at-least']),
  category: z.enum(['retrofit', 'cloud', 'portrait', 'benchmark']).optional(),
  match: z.string().min(1).optional(),
}).strict();
const indicatorSchema = z.object({
  id, name: z.string().min(1), unit: z.enum(INDICATOR_UNITS), kind: z.enum(INDICATOR_KINDS),
  since: z.number().int().optional(),
  perRegion: z.boolean().optional(),
  goals: z.record(z.string().regex(/^\d{4}$/), z.number().positive()),
  quote: z.string().min(1),
  reading: z.string().min(1).optional(),
  records: recordsSchema.optional(),
}).strict();
const actionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/), clause: z.string().min(1), title: z.string().min(1),
  responsibility: z.string().min(1), departments: z.array(id).min(1), regions: z.boolean(),
  indicators: z.array(indicatorSchema).min(1),
}).strict();
export const planFileSchema = z.object({
  id, policy: id, city: z.enum(['yangzhou', 'suzhou']), document: z.string().min(1), title: z.string().min(1),
  years: z.tuple([z.number().int(), z.number().int()]),
  settings: z.object({
    reportDueDay: z.number().int().min(1).max(28),
    amberPercent: z.number().int().min(1).max(99),
    interimPace: z.enum(['linear', 'none']),
  }).strict(),
  departments: z.array(departmentSchema).min(1),
  regionsPhrase: z.string().min(1),
  actions: z.array(actionSchema).min(1),
}).strict();

export type PlanFile = z.infer<typeof planFileSchema>;
export type Department = z.infer<typeof departmentSchema>;

export interface Indicator {
  id: string;
  actionId: string;
  name: string;
  unit: IndicatorUnit;
  kind: IndicatorKind;
  /** Cumulative from this year (0 at its start); absent: a stock whose history predates the plan. */
  since: number | null;
  perRegion: boolean;
  /** Goal per year, as a stored integer (scaled by UNIT_SCALE). */
  goals: Record<number, number>;
  quote: string;
  reading: string | null;
  records: { source: RecordSource; compare: 'exact' | 'at-least'; category: string | null; match: string | null } | null;
  /** The reporting unit: the first department the 〔责任单位〕 names (政府文件惯例: 牵头单位 first). */
  reporter: string;
  coResponsible: string[];
  regionsResponsible: boolean;
  clause: string;
}

export interface Action {
  id: string;
  clause: string;
  title: string;
  responsibility: string;
  departments: string[];
  regions: boolean;
  indicators: Indicator[];
}

export interface Plan {
  id: string;
  policy: string;
  city: 'yangzhou' | 'suzhou';
  document: string;
  title: string;
  firstYear: number;
  lastYear: number;
  settings: PlanFile['settings'];
  departments: Department[];
  actions: Action[];
  indicators: Map<string, Indicator>;
}

const issuePath = (path: PropertyKey[]) => path.map(String).join('.');

/** Checks a parsed plan file against the text it quotes; the first problem is thrown, naming its path. */
export function buildPlan(raw: unknown, sourceText: string, shown: string): Plan {
  const parsed = planFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`${shown}#${issuePath(issue.path)}`, `${shown} ${issuePath(issue.path)}: ${issue.message}`, { path: issue.path });
  }
  const f = parsed.data;
  const fail = (path: (string | number)[], message: string) => invalid(`${shown}#${path.join('.')}`, `${shown} ${path.join('.')}: ${message}`, { path });
  const [firstYear, lastYear] = f.years;
  if (firstYear > lastYear) throw fail(['years'], '起始年份须不晚于结束年份');
  const depts = new Map(f.departments.map((d) => [d.id, d]));
  if (depts.size !== f.departments.length) throw fail(['departments'], '部门编号重复');
  if (!sourceText.includes(f.regionsPhrase)) throw fail(['regionsPhrase'], '原文中找不到这段文字');
  const indicators = new Map<string, Indicator>();
  const actions: Action[] = f.actions.map((a, ai) => {
    if (!sourceText.includes(a.responsibility)) throw fail(['actions', ai, 'responsibility'], `原文中找不到“${a.responsibility}”`);
    for (const [di, d] of a.departments.entries()) {
      const dept = depts.get(d);
      if (!dept) throw fail(['actions', ai, 'departments', di], `未定义的部门 ${d}`);
      if (!dept.aliases.some((al) => a.responsibility.includes(al))) throw fail(['actions', ai, 'departments', di], `〔责任单位〕中没有 ${dept.name}`);
    }
    // A department the 〔责任单位〕 names but the file leaves out would lose its reports.
    for (const dept of f.departments) {
      if (!a.departments.includes(dept.id) && dept.aliases.some((al) => a.responsibility.includes(al))) throw fail(['actions', ai, 'departments'], `〔责任单位〕列有 ${dept.name},但未列入`);
    }
    if (a.regions !== a.responsibility.includes(f.regionsPhrase)) throw fail(['actions', ai, 'regions'], `regions 须与〔责任单位〕是否列有“${f.regionsPhrase}”一致`);
    return {
      id: a.id, clause: a.clause, title: a.title, responsibility: a.responsibility, departments: a.departments, regions: a.regions,
      indicators: a.indicators.map((i, ii) => {
        const at = ['actions', ai, 'indicators', ii];
        if (indicators.has(i.id)) throw fail([...at, 'id'], `指标编号 ${i.id} 重复`);
        if (!sourceText.includes(i.quote)) throw fail([...at, 'quote'], '原文中找不到这段引文');
        const goals: Record<number, number> = {};
        for (const [year, value] of Object.entries(i.goals)) {
          const y = Number(year);
          if (y < firstYear || y > lastYear) throw fail([...at, 'goals', year], `目标年份须在 ${firstYear}–${lastYear} 之间`);
          const scaled = value * UNIT_SCALE[i.unit];
          if (!Number.isSafeInteger(scaled)) throw fail([...at, 'goals', year], '目标须为整数(百分比至多两位小数)');
          goals[y] = scaled;
        }
        if (i.since !== undefined && i.kind !== 'cumulative') throw fail([...at, 'since'], 'since 只用于累计指标');
        if (i.since !== undefined && (i.since < firstYear || i.since > lastYear)) throw fail([...at, 'since'], `since 须在 ${firstYear}–${lastYear} 之间`);
        if (i.perRegion && !a.regions) throw fail([...at, 'perRegion'], '分地区指标须在〔责任单位〕列有各地的行动下');
        if (i.records?.source === 'assessment-projects' && i.records.match) throw fail([...at, 'records', 'match'], 'match 只用于 recognitions');
        if (i.records?.source === 'recognitions' && !i.records.match) throw fail([...at, 'records', 'match'], 'recognitions 须给出 match(认定名称中的关键词)');
        if ((i.records?.source === 'region-fund') !== !!i.perRegion) throw fail([...at, 'records'], 'region-fund 只用于分地区指标,分地区指标只能用 region-fund');
        const indicator: Indicator = {
          id: i.id, actionId: a.id, name: i.name, unit: i.unit, kind: i.kind, since: i.since ?? null, perRegion: i.perRegion ?? false,
          goals, quote: i.quote, reading: i.reading ?? null,
          records: i.records ? { source: i.records.source, compare: i.records.compare, category: i.records.category ?? null, match: i.records.match ?? null } : null,
          reporter: a.departments[0]!, coResponsible: a.departments.slice(1), regionsResponsible: a.regions, clause: a.clause,
        };
        indicators.set(i.id, indicator);
        return indicator;
      }),
    };
  });
  return {
    id: f.id, policy: f.policy, city: f.city, document: f.document, title: f.title, firstYear, lastYear,
    settings: f.settings, departments: f.departments, actions, indicators,
  };
}

/** Whether a department reports this indicator (per-region indicators are reported by each region). */
export const reportsIndicator = (indicator: Indicator, departmentId: string) => !indicator.perRegion && indicator.reporter === departmentId;
