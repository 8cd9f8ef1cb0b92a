// The instrument files against shared/research/maturity-models.md, and the checks that refuse a
// file whose numbers do not add up. Each refusal case edits a copy of the real file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { buildInstrument } from './instrument.ts';
import type { CmmmInstrument, Sme2022Instrument, Sme2024Instrument } from './instrument.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw YAML is edited freely below
type RawDoc = any;
const raw = (id: string): RawDoc => parse(readFileSync(fileURLToPath(new URL(`../../../instruments/${id}.yaml`, import.meta.url)), 'utf8'));
const F24 = 'instruments/miit-sme-2024.yaml';
const sme = () => buildInstrument(raw('miit-sme-2024'), F24) as Sme2024Instrument;

function refused(edit: (doc: RawDoc) => void, id = 'miit-sme-2024'): DomainError {
  const doc = raw(id);
  edit(doc);
  try {
    buildInstrument(doc, `instruments/${id}.yaml`);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INVALID');
    return e as DomainError;
  }
  throw new Error('expected the file to be refused');
}

const network = (d: RawDoc) => d.dimensions[0].indicators[0].questions[0];

describe('miit-sme-2024.yaml 对照研究笔记 §1.4–§1.6', () => {
  it('工信厅企业〔2024〕56号 §1.4 (CONFIRMED): 基础50 + 管理30 + 成效20 = 100,各级分值逐级相加', () => {
    const s = sme();
    expect(s.totalMilli).toBe(100_000);
    expect(s.dimensions.map((d) => [d.name, d.maxMilli])).toEqual([
      ['数字化基础', 50_000],
      ['数字化管理', 30_000],
      ['数字化成效', 20_000],
    ]);
    // 基础 50 = 设备系统 20 + 数据采集 10 + 信息系统 10 + 信息安全 10 (平台 JSON weights 40/20/20/20 %)
    expect(s.dimensions[0]!.indicators.map((i) => i.maxMilli)).toEqual([20_000, 10_000, 10_000, 10_000]);
    // 管理 30 = 15 + 15; 成效 20 = 7 + 7 + 6
    expect(s.dimensions[1]!.indicators.map((i) => i.maxMilli)).toEqual([15_000, 15_000]);
    expect(s.dimensions[2]!.indicators.map((i) => i.maxMilli)).toEqual([7_000, 7_000, 6_000]);
    expect(s.questions).toHaveLength(15);
    const q = (id: string) => s.questions.find((x) => x.id === id)!;
    // 数据采集: 13 links × 0.7 = 9.1, 人力资源 0.9 → 10
    expect(q('data-collection').options.map((o) => o.milli)).toEqual([0, ...Array(13).fill(700), 900]);
    expect(q('mechanisms').options.map((o) => o.milli)).toEqual([0, 1_875, 1_875, 1_875, 1_875]);
    expect(q('funding').options.map((o) => o.milli)).toEqual([0, 1_875, 3_750, 5_625, 7_500]);
    for (const x of s.questions.filter((x) => x.type === 'multi')) {
      expect(x.options.filter((o) => o.exclusive).map((o) => o.label)).toEqual(['无']);
    }
    expect(q('equipment-digitisation').fields.map((f) => f.label)).toEqual(['生产设备数量', '实现数字化的生产设备数量']);
  });

  it('§1.4 注 a/b (SECONDARY): 规划实施选项F与资金保障档位带 caveat,其他选项继承题目的可信度', () => {
    const s = sme();
    const planning = s.questions.find((x) => x.id === 'planning')!;
    expect(planning.confidence).toBe('confirmed');
    expect(planning.options.find((o) => o.key === 'F')).toMatchObject({ confidence: 'secondary', milli: 7_500 });
    expect(planning.options.find((o) => o.key === 'F')!.caveat).toContain('官方 PDF');
    expect(planning.options.find((o) => o.key === 'E')!.confidence).toBe('confirmed');
    const funding = s.questions.find((x) => x.id === 'funding')!;
    expect(funding.confidence).toBe('secondary');
    expect(funding.caveat).toContain('10%/20%/40%/60%');
    expect(funding.options.every((o) => o.confidence === 'secondary')).toBe(true);
  });

  it('§1.5 (CONFIRMED): 16 个场景,约束性 10 个、指导性 6 个,各有四级描述', () => {
    const s = sme();
    expect(s.scenes).toHaveLength(16);
    expect(s.scenes.filter((x) => x.constraint).map((x) => x.name)).toEqual([
      '产品设计', '营销管理', '生产管控', '质量管理', '设备管理', '安全生产', '能耗管理', '采购管理', '仓储物流', '财务管理',
    ]);
    expect(s.scenes.filter((x) => !x.constraint).map((x) => x.name)).toEqual(['工艺设计', '售后服务', '计划排程', '人力资源', '协同办公', '决策支持']);
    for (const x of s.scenes) expect(x.levels).toHaveLength(4);
  });

  it('§1.6 (SECONDARY): 等级判定表 20/6/3 · 40/6/3 · 60/8/5 · 80/10/6', () => {
    const r = sme().levelRule;
    expect(r.confidence).toBe('secondary');
    expect(r.rows).toEqual([
      { level: 1, minScoreMilli: 20_000, minScenes: 6, minConstraintScenes: 3 },
      { level: 2, minScoreMilli: 40_000, minScenes: 6, minConstraintScenes: 3 },
      { level: 3, minScoreMilli: 60_000, minScenes: 8, minConstraintScenes: 5 },
      { level: 4, minScoreMilli: 80_000, minScenes: 10, minConstraintScenes: 6 },
    ]);
    expect(r.labels).toEqual(['无等级', '一级', '二级', '三级', '四级']);
  });
});

describe('miit-sme-2024.yaml 的检查', () => {
  it('多选题选项合计须等于题目分值', () => {
    const e = refused((d) => (network(d).options[1].points = 3));
    expect(e.field).toBe(`${F24}#dimensions[0].indicators[0].questions[0].points`);
    expect(e.message).toBe(`${F24} dimensions[0].indicators[0].questions[0].points: 多选题“企业网络建设连接情况”为 8 分,但各选项合计 9 分`);
  });

  it('单选题最高选项须等于题目分值', () => {
    const e = refused((d) => (d.dimensions[0].indicators[0].questions[1].options[4].points = 5));
    expect(e.message).toContain('单选题“企业的生产设备数字化率”为 6 分,但最高选项为 5 分');
  });

  it('二级指标合计须等于一级指标,一级指标合计须等于维度,维度合计须等于总分', () => {
    expect(refused((d) => (d.dimensions[0].indicators[0].points = 21)).message).toContain('一级指标“设备系统”为 21 分,但其二级指标合计 20 分');
    expect(refused((d) => (d.dimensions[0].points = 49)).message).toContain('维度“数字化基础”为 49 分,但其一级指标合计 50 分');
    expect(refused((d) => (d.totalPoints = 99)).field).toBe(`${F24}#totalPoints`);
  });

  it('分值须为 0.001 的整数倍', () => {
    expect(refused((d) => (network(d).options[1].points = 2.0005)).message).toContain('须为 0.001 的整数倍');
  });

  it('选项键不能重复', () => {
    const e = refused((d) => (network(d).options[2].key = 'B'));
    expect(e.field).toBe(`${F24}#dimensions[0].indicators[0].questions[0].options[2].key`);
    expect(e.message).toContain('选项键 “B” 重复');
  });

  it('多选题须恰有一个互斥的“无”选项,且为 0 分;单选题不标 exclusive', () => {
    expect(refused((d) => delete network(d).options[0].exclusive).message).toContain('须恰有一个互斥的“无”选项(exclusive: true),现有 0 个');
    expect(refused((d) => (network(d).options[1].exclusive = true)).message).toContain('现有 2 个');
    expect(refused((d) => (network(d).options[0].label = '没有')).message).toContain('互斥选项须为“无”且为 0 分');
    expect(refused((d) => (d.dimensions[0].indicators[0].questions[1].options[0].exclusive = true)).message).toContain('单选题“企业的生产设备数字化率”的选项不应标 exclusive');
  });

  it('题目 id 不能重复', () => {
    expect(refused((d) => (d.dimensions[0].indicators[1].questions[0].id = 'network')).message).toContain('题目 id “network” 重复');
  });

  it('须有 16 个场景、其中 10 个约束性', () => {
    expect(refused((d) => d.scenes.items.pop()).message).toContain('须有 16 个数字化经营场景,现有 15 个');
    expect(refused((d) => (d.scenes.items.find((s: RawDoc) => s.id === 'warehousing').constraint = false)).message).toContain('须有 10 个约束性场景,现有 9 个');
    expect(refused((d) => d.scenes.items[0].levels.pop()).field).toBe(`${F24}#scenes.items[0].levels`);
  });

  it('等级判定表须逐级不降', () => {
    const e = refused((d) => (d.levelRule.levels[2].minScore = 40));
    expect(e.field).toBe(`${F24}#levelRule.levels[2].minScore`);
    expect(e.message).toContain('等级门槛须逐级升高');
    expect(refused((d) => (d.levelRule.levels[3].minScenes = 7)).message).toContain('4 级场景数门槛不能低于 3 级');
    expect(refused((d) => (d.levelRule.levels[1].minConstraintScenes = 2)).message).toContain('2 级约束性场景门槛不能低于 1 级');
    expect(refused((d) => (d.levelRule.levels[0].minConstraintScenes = 7)).message).toContain('不能大于场景数门槛 6');
    expect(refused((d) => d.levelRule.levels.push({ level: 5, minScore: 90, minScenes: 12, minConstraintScenes: 8 })).message).toContain('等级不能超过 4');
    expect(refused((d) => d.levelRule.labels.pop()).field).toBe(`${F24}#levelRule.labels`);
  });

  it('来源须在 sources 中列出;可信度只能是 confirmed/secondary/unconfirmed;不认识的字段被拒绝', () => {
    expect(refused((d) => (d.dimensions[1].source = 'blog')).message).toContain('来源 “blog” 未在 sources 中列出');
    const c = refused((d) => (d.levelRule.confidence = 'likely'));
    expect(c.field).toBe(`${F24}#levelRule.confidence`);
    expect(c.message).toContain('取值须为 confirmed / secondary / unconfirmed 之一');
    expect(refused((d) => (network(d).weight = 0.4)).message).toContain('含有未知字段 weight');
    expect(refused((d) => delete network(d).type).message).toContain('type: 取值须为 single / multi 之一');
  });

  it('id 须为三种评测工具之一', () => {
    const e = refused((d) => (d.id = 'miit-sme-2023'));
    expect(e.field).toBe(`${F24}#id`);
    expect(e.message).toContain('id 须为 miit-sme-2024 / miit-sme-2022 / gbt39116-2020 之一');
  });
});

describe('miit-sme-2022.yaml (工信厅企业〔2022〕32号 §1.1)', () => {
  it('档位 20/40/60/80 (CONFIRMED),边界读法为设置 (UNCONFIRMED)', () => {
    const s = buildInstrument(raw('miit-sme-2022'), 'instruments/miit-sme-2022.yaml') as Sme2022Instrument;
    expect(s.bands.levels.map((b) => [b.level, b.minHundredths, b.maxHundredths])).toEqual([
      [1, 2_000, 4_000],
      [2, 4_000, 6_000],
      [3, 6_000, 8_000],
      [4, 8_000, null],
    ]);
    expect(s.bands.confidence).toBe('confirmed');
    expect(s.boundary).toMatchObject({ value: 'lower-inclusive', confidence: 'unconfirmed' });
    expect(s.boundary.reason).toContain('民法典第1259条');
  });

  it('档位须首尾相接;最高档不设上限;只接受已记录的边界读法', () => {
    expect(refused((d) => (d.bands.levels[1].maxScore = 55), 'miit-sme-2022').message).toContain('二级的上限须等于三级的下限 60');
    expect(refused((d) => (d.bands.levels[3].maxScore = 100), 'miit-sme-2022').message).toContain('不设上限');
    expect(refused((d) => (d.boundary.value = 'upper-inclusive'), 'miit-sme-2022').field).toBe('instruments/miit-sme-2022.yaml#boundary.value');
  });
});

describe('gbt39116-2020.yaml (GB/T 39116-2020 §2.2–§2.4)', () => {
  it('4 要素 → 12 能力域 → 20 子域 (SECONDARY);5 级与阈值 0.8/1.8/2.8/3.8/4.8 (SECONDARY);不录权重', () => {
    const s = buildInstrument(raw('gbt39116-2020'), 'instruments/gbt39116-2020.yaml') as CmmmInstrument;
    expect(s.elements.map((e) => e.name)).toEqual(['人员', '技术', '资源', '制造']);
    expect(s.domains.map((d) => d.name)).toEqual(['组织战略', '人员技能', '数据', '集成', '信息安全', '装备', '网络', '设计', '生产', '物流', '销售', '服务']);
    expect(s.domains.flatMap((d) => d.subDomains)).toHaveLength(20);
    expect(s.levels.items.map((l) => l.name)).toEqual(['规划级', '规范级', '集成级', '优化级', '引领级']);
    expect(s.thresholds.items.map((t) => t.minHundredths)).toEqual([80, 180, 280, 380, 480]);
    expect(s.thresholds.confidence).toBe('secondary');
    expect(JSON.stringify(s)).not.toMatch(/"weights?"/);
    expect(s.omitted.find((o) => o.what.includes('权重'))?.confidence).toBe('unconfirmed');
  });

  it('子域数、阈值顺序受检查', () => {
    expect(refused((d) => d.elements[3].domains[1].subDomains.pop(), 'gbt39116-2020').message).toContain('现为 4、12、19');
    expect(refused((d) => (d.thresholds.items[2].minScore = 1.5), 'gbt39116-2020').message).toContain('阈值须逐级升高');
  });
});
