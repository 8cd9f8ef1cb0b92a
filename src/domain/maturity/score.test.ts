// Worked examples computed by hand from shared/research/maturity-models.md §1.4 (option points),
// §1.5 (scenes) and §1.6 (level rule); the arithmetic is written beside each case.
// Option keys used below (from instruments/miit-sme-2024.yaml, in the note's order):
//   network A无 B–E 2 each · equipment-digitisation / equipment-networking A0 B1.5 C3 D4.5 E6
//   data-collection A无 B–N 0.7 each (13 links) O人力资源 0.9 · information-systems A0 B2.5 C5 D7.5 E10
//   network-security / data-security A无 B–E 1.25 each · planning A0 B1.5 C3 D4.5 E6 F7.5
//   mechanisms A无 B–E 1.875 each · talent A无 B–F 1.5 each · funding A0 B1.875 C3.75 D5.625 E7.5
//   green A增加0 B持平3.5 C降低7 · quality A降低0 B3.5 C增加7 · market A0 B1.5 C3 · value A增加0 B1.5 C降低3
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { loadInstruments } from '../../io/instruments.ts';
import { formatPoints, level2022, scoreAssessment, validateAnswers, validateCmmmResult } from './score.ts';
import type { Sme2024Answers } from './score.ts';

const { 'miit-sme-2024': sme, 'miit-sme-2022': sme2022, 'gbt39116-2020': cmmm } = loadInstruments();

type Raw = { answers?: Record<string, unknown>; fields?: Record<string, unknown>; scenes?: Record<string, unknown> };

const ALL_NONE: Record<string, string[]> = Object.fromEntries(sme.questions.map((q) => [q.id, ['A']]));
const FULL: Record<string, string[]> = {
  network: ['B', 'C', 'D', 'E'],
  'equipment-digitisation': ['E'],
  'equipment-networking': ['E'],
  'data-collection': ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'],
  'information-systems': ['E'],
  'network-security': ['B', 'C', 'D', 'E'],
  'data-security': ['B', 'C', 'D', 'E'],
  planning: ['F'],
  mechanisms: ['B', 'C', 'D', 'E'],
  talent: ['B', 'C', 'D', 'E', 'F'],
  funding: ['E'],
  green: ['C'],
  quality: ['C'],
  market: ['C'],
  value: ['C'],
};
const FOUNDATION_FULL = Object.fromEntries(Object.entries(FULL).filter(([id]) => sme.questions.find((q) => q.id === id)!.dimensionId === 'foundation'));

/** Every scene rated 0 except those given. */
const scenes = (rated: Record<string, number> = {}) => Object.fromEntries(sme.scenes.map((s) => [s.id, rated[s.id] ?? 0]));

const score = (raw: Raw, complete = true) => scoreAssessment(sme, validateAnswers(sme, raw, { complete }));

function invalidOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INVALID');
    return e as DomainError;
  }
  throw new Error('expected INVALID');
}

// 8 scenes at 三级: five 约束性 (产品设计, 营销管理, 生产管控, 质量管理, 设备管理) and three 指导性
// (工艺设计, 售后服务, 计划排程).
const EIGHT_AT_3_FIVE_CONSTRAINT = scenes({
  'product-design': 3,
  marketing: 3,
  'production-control': 3,
  'quality-management': 3,
  'equipment-management': 3,
  'process-design': 3,
  'after-sales': 3,
  'planning-scheduling': 3,
});
// 8 scenes at 三级 but only four 约束性: 设备管理 swapped for 人力资源 (指导性).
const EIGHT_AT_3_FOUR_CONSTRAINT = scenes({
  'product-design': 3,
  marketing: 3,
  'production-control': 3,
  'quality-management': 3,
  'process-design': 3,
  'after-sales': 3,
  'planning-scheduling': 3,
  hr: 3,
});

describe('工信厅企业〔2024〕56号 计分(§1.4, CONFIRMED)', () => {
  it('满分答卷为 100 分:基础 50、管理 30、成效 20', () => {
    // 基础: 网络 4×2=8 + 数字化率 6 + 联网率 6 + 数据采集 13×0.7+0.9=10 + 信息系统 10 + 网络安全 4×1.25=5 + 数据安全 5 = 50
    // 管理: 规划实施 F 7.5 + 管理机制 4×1.875=7.5 + 人才 5×1.5=7.5 + 资金 E 7.5 = 30
    // 成效: 绿色 7 + 质量 7 + 市场 3 + 价值 3 = 20
    const r = score({ answers: FULL, scenes: scenes() });
    expect(r.totalMilli).toBe(100_000);
    expect(r.maxMilli).toBe(100_000);
    expect(r.dimensions.map((d) => [d.id, d.scoreMilli, d.maxMilli])).toEqual([
      ['foundation', 50_000, 50_000],
      ['management', 30_000, 30_000],
      ['outcomes', 20_000, 20_000],
    ]);
    for (const d of r.dimensions) for (const i of d.indicators) expect(i.scoreMilli).toBe(i.maxMilli);
    expect(formatPoints(r.totalMilli)).toBe('100');
  });

  it('全部选“无”(单选题选 0 分档)为 0 分,无等级', () => {
    // every multi-choice A=无 (0); every single-choice A is its 0-point band → 0
    const r = score({ answers: ALL_NONE, scenes: scenes() });
    expect(r.totalMilli).toBe(0);
    expect(r.level).toBe(0);
    expect(r.levelLabel).toBe('无等级');
    expect(r.nextLevel?.missing).toBe(
      '一级须基础+管理+成效≥20分且≥6个场景达到一级(其中约束性≥3个):现有 0 分,0 个场景(约束性 0 个);未满足:分数差 20 分、场景差 6 个、约束性场景差 3 个',
    );
  });

  it('混合答卷 48.375 分:多选按所选选项分值相加', () => {
    // 设备系统: 网络 B+C = 2+2 = 4; 数字化率 C (20,40%] = 3; 联网率 B (10,20%] = 1.5 → 8.5
    // 数据采集: 人力资源 O 0.9 + 产品设计 B、工艺设计 C、营销管理 D 3×0.7=2.1 → 3.0
    // 信息系统: C 多个 = 5
    // 信息安全: 网络安全 B+C = 2.5; 数据安全 B = 1.25 → 3.75
    // 基础 = 8.5 + 3 + 5 + 3.75 = 20.25
    // 规划管理: 规划实施 D 4.5 + 管理机制 B+C 2×1.875=3.75 → 8.25
    // 要素保障: 人才 B+D 2×1.5=3 + 资金 B 1.875 → 4.875
    // 管理 = 8.25 + 4.875 = 13.125
    // 成效: 绿色 B 3.5 + 质量 C 7 + 市场 B 1.5 + 价值 C 3 = 15
    // 合计 = 20.25 + 13.125 + 15 = 48.375
    const r = score({
      answers: {
        network: ['C', 'B'],
        'equipment-digitisation': 'C',
        'equipment-networking': ['B'],
        'data-collection': ['O', 'B', 'C', 'D'],
        'information-systems': 'C',
        'network-security': ['B', 'C'],
        'data-security': ['B'],
        planning: 'D',
        mechanisms: ['B', 'C'],
        talent: ['B', 'D'],
        funding: 'B',
        green: 'B',
        quality: 'C',
        market: 'B',
        value: 'C',
      },
      // ≥1: 14 scenes (all but 能耗管理, 决策支持), 约束性 9; ≥2: 产品设计, 营销管理, 生产管控, 质量管理,
      // 采购管理, 财务管理, 人力资源 = 7, 约束性 6; ≥3: 质量管理, 财务管理 = 2, 约束性 2; ≥4: none
      scenes: scenes({
        'product-design': 2,
        'process-design': 1,
        marketing: 2,
        'after-sales': 1,
        'planning-scheduling': 1,
        'production-control': 2,
        'quality-management': 3,
        'equipment-management': 1,
        safety: 1,
        procurement: 2,
        warehousing: 1,
        finance: 3,
        hr: 2,
        collaboration: 1,
      }),
    });
    expect(r.totalMilli).toBe(48_375);
    expect(formatPoints(r.totalMilli)).toBe('48.375');
    const byId = Object.fromEntries(r.dimensions.flatMap((d) => d.indicators.map((i) => [i.id, i.scoreMilli])));
    expect(byId).toEqual({
      'equipment-systems': 8_500,
      'data-collection': 3_000,
      'information-systems': 5_000,
      'information-security': 3_750,
      'planning-management': 8_250,
      resources: 4_875,
      green: 3_500,
      quality: 7_000,
      'market-benefit': 4_500,
    });
    expect(r.dimensions.map((d) => d.scoreMilli)).toEqual([20_250, 13_125, 15_000]);
    expect(r.dimensions[0]!.indicators[0]!.questions[0]).toEqual({ id: 'network', name: '网络建设', maxMilli: 8_000, scoreMilli: 4_000, selected: ['B', 'C'] });
    expect(r.scenes.rated).toEqual([
      { level: 1, scenes: 14, constraintScenes: 9 },
      { level: 2, scenes: 7, constraintScenes: 6 },
      { level: 3, scenes: 2, constraintScenes: 2 },
      { level: 4, scenes: 0, constraintScenes: 0 },
    ]);
    // 二级: 48.375 ≥ 40, 7 ≥ 6 scenes, 6 ≥ 3 约束性 → holds; 三级: 48.375 < 60 → fails
    expect(r.level).toBe(2);
    expect(r.levelLabel).toBe('二级');
    expect(r.nextLevel).toEqual({
      level: 3,
      label: '三级',
      missing:
        '三级须基础+管理+成效≥60分且≥8个场景达到三级(其中约束性≥5个):现有 48.375 分,2 个场景(约束性 2 个);未满足:分数差 11.625 分、场景差 6 个、约束性场景差 3 个',
      shortfall: { scoreMilli: 11_625, scenes: 6, constraintScenes: 3 },
    });
    // 资金保障 bands (note b) and the level rule (§1.6) are not confirmed; 规划实施 D is not option F.
    expect(r.lowConfidence.map((i) => [i.ref, i.confidence])).toEqual([
      ['answers.funding', 'secondary'],
      ['levelRule', 'secondary'],
    ]);
  });

  it('规划实施选项F(§1.4 注 a, SECONDARY)选中时列入低可信度项', () => {
    const r = score({ answers: FULL, scenes: scenes() });
    const f = r.lowConfidence.find((i) => i.ref === 'answers.planning.F');
    expect(f?.confidence).toBe('secondary');
    expect(f?.caveat).toContain('已经能够输出数字化转型成果或经验供同行借鉴');
  });
});

describe('工信厅企业〔2024〕56号 等级判定(§1.6, SECONDARY)', () => {
  // 60 分 = 基础满分 50 + 绿色低碳 C 7 + 市场表现 C 3
  const SIXTY = { ...ALL_NONE, ...FOUNDATION_FULL, green: ['C'], market: ['C'] };
  // 57.5 分 = 基础满分 50 + 规划实施 D 4.5 + 市场表现 C 3
  const FIFTY_SEVEN_FIVE = { ...ALL_NONE, ...FOUNDATION_FULL, planning: ['D'], market: ['C'] };

  it('60分且8个场景(约束性5个)达到三级为三级(“以上”含本数)', () => {
    const r = score({ answers: SIXTY, scenes: EIGHT_AT_3_FIVE_CONSTRAINT });
    expect(r.totalMilli).toBe(60_000);
    expect(r.scenes.rated[2]).toEqual({ level: 3, scenes: 8, constraintScenes: 5 });
    expect(r.level).toBe(3);
    expect(r.levelLabel).toBe('三级');
    // 四级: 60 < 80 and no scene at 四级
    expect(r.nextLevel?.level).toBe(4);
    expect(r.nextLevel?.missing).toBe(
      '四级须基础+管理+成效≥80分且≥10个场景达到四级(其中约束性≥6个):现有 60 分,0 个场景(约束性 0 个);未满足:分数差 20 分、场景差 10 个、约束性场景差 6 个',
    );
  });

  it('57.5分且8个场景(约束性5个)为二级,差 2.5 分', () => {
    const r = score({ answers: FIFTY_SEVEN_FIVE, scenes: EIGHT_AT_3_FIVE_CONSTRAINT });
    expect(r.totalMilli).toBe(57_500);
    expect(r.level).toBe(2);
    expect(r.nextLevel?.missing).toBe(
      '三级须基础+管理+成效≥60分且≥8个场景达到三级(其中约束性≥5个):现有 57.5 分,8 个场景(约束性 5 个);未满足:分数差 2.5 分',
    );
    expect(r.nextLevel?.shortfall).toEqual({ scoreMilli: 2_500, scenes: 0, constraintScenes: 0 });
  });

  it('60分、8个场景达到三级但约束性只有4个为二级', () => {
    const r = score({ answers: SIXTY, scenes: EIGHT_AT_3_FOUR_CONSTRAINT });
    expect(r.totalMilli).toBe(60_000);
    expect(r.scenes.rated[2]).toEqual({ level: 3, scenes: 8, constraintScenes: 4 });
    expect(r.level).toBe(2);
    expect(r.nextLevel?.missing).toBe(
      '三级须基础+管理+成效≥60分且≥8个场景达到三级(其中约束性≥5个):现有 60 分,8 个场景(约束性 4 个);未满足:约束性场景差 1 个',
    );
  });

  it('20分且6个场景(约束性3个)达到一级为一级;只有5个场景则无等级', () => {
    // 20 分 = 设备系统满分: 网络 8 + 数字化率 6 + 联网率 6
    const answers = { ...ALL_NONE, network: ['B', 'C', 'D', 'E'], 'equipment-digitisation': ['E'], 'equipment-networking': ['E'] };
    const six = scenes({ 'product-design': 1, marketing: 1, finance: 1, hr: 1, collaboration: 1, 'decision-support': 1 });
    const r = score({ answers, scenes: six });
    expect(r.totalMilli).toBe(20_000);
    expect(r.scenes.rated[0]).toEqual({ level: 1, scenes: 6, constraintScenes: 3 });
    expect(r.level).toBe(1);
    const five = score({ answers, scenes: { ...six, 'decision-support': 0 } });
    expect(five.level).toBe(0);
    expect(five.nextLevel?.missing).toContain('未满足:场景差 1 个');
  });

  it('满分且10个场景(约束性6个)达到四级为四级,没有更高等级', () => {
    // ≥4: 产品设计, 营销管理, 生产管控, 质量管理, 设备管理, 安全生产 (约束性 6) + 工艺设计, 售后服务, 计划排程, 人力资源 = 10
    const ten = scenes({
      'product-design': 4,
      marketing: 4,
      'production-control': 4,
      'quality-management': 4,
      'equipment-management': 4,
      safety: 4,
      'process-design': 4,
      'after-sales': 4,
      'planning-scheduling': 4,
      hr: 4,
    });
    const r = score({ answers: FULL, scenes: ten });
    expect(r.level).toBe(4);
    expect(r.levelLabel).toBe('四级');
    expect(r.nextLevel).toBeNull();
    // one 约束性 scene down to 三级: 9 scenes at 四级 (5 约束性) → 三级 (10 ≥ 8 at 三级, 6 ≥ 5)
    expect(score({ answers: FULL, scenes: { ...ten, safety: 3 } }).level).toBe(3);
  });

  it('草稿可以评分:未评级场景按未达到一级计,并在说明中注明', () => {
    const r = score({ answers: { network: ['B'] }, scenes: { 'product-design': 2 } }, false);
    expect(r.complete).toBe(false);
    expect(r.totalMilli).toBe(2_000);
    expect(r.scenes.unrated).toBe(15);
    expect(r.nextLevel?.missing).toContain('(另有 15 个场景未评级)');
  });
});

describe('答卷校验(validateAnswers)', () => {
  const complete = { answers: FULL, scenes: scenes() };
  const check = (raw: Raw, opts = { complete: false }) => validateAnswers(sme, raw, opts);

  it('规范化:单选可写作字母,多选按选项顺序排列,空值视为未答', () => {
    const v: Sme2024Answers = check({
      answers: { 'data-collection': ['O', 'B'], funding: 'C', talent: [], quality: null },
      fields: { 'equipment-digitisation': { devicesTotal: 120, devicesDigital: 30 }, funding: { investmentPerYear: 52.5 } },
      scenes: { hr: 2, finance: null },
    });
    expect(v).toEqual({
      answers: { 'data-collection': ['B', 'O'], funding: ['C'] },
      fields: { 'equipment-digitisation': { devicesTotal: 120, devicesDigital: 30 }, funding: { investmentPerYear: 52.5 } },
      scenes: { hr: 2 },
    });
  });

  it('选项不在范围内:列出可选字母', () => {
    const e = invalidOf(() => check({ answers: { network: ['G'] } }));
    expect(e.field).toBe('answers.network');
    expect(e.message).toBe('“企业网络建设连接情况”的选项须为 A、B、C、D、E 之一,收到 “G”');
  });

  it('单选题选了两个选项', () => {
    const e = invalidOf(() => check({ answers: { 'equipment-digitisation': ['B', 'C'] } }));
    expect(e.field).toBe('answers.equipment-digitisation');
    expect(e.message).toContain('为单选题,只能选一个选项,收到 B、C');
  });

  it('“无”与其他选项同时选择', () => {
    const e = invalidOf(() => check({ answers: { 'data-security': ['A', 'C'] } }));
    expect(e.field).toBe('answers.data-security');
    expect(e.message).toBe('“企业在保障数据安全方面采取的举措”中“无”(A)与其他选项互斥,不能同时选择,收到 A、C');
  });

  it('选项重复、答案类型错误', () => {
    expect(invalidOf(() => check({ answers: { talent: ['B', 'B'] } })).field).toBe('answers.talent');
    expect(invalidOf(() => check({ answers: { talent: 3 } })).message).toContain('须为选项字母或选项字母列表');
  });

  it('未知题目 id', () => {
    const e = invalidOf(() => check({ answers: { 'cloud-usage': ['A'] } }));
    expect(e.field).toBe('answers.cloud-usage');
    expect(e.message).toContain('未知题目 “cloud-usage”');
    expect(invalidOf(() => check({ fields: { nope: {} } })).field).toBe('fields.nope');
  });

  it('场景等级须为 0–4 的整数;未知场景', () => {
    for (const bad of [5, -1, 1.5, '2']) {
      const e = invalidOf(() => check({ scenes: { 'product-design': bad } }));
      expect(e.field).toBe('scenes.product-design');
      expect(e.message).toContain('场景“产品设计”的等级须为 0–4 的整数(0 = 未达到一级)');
    }
    expect(invalidOf(() => check({ scenes: { metaverse: 1 } })).field).toBe('scenes.metaverse');
  });

  it('证明字段:未知字段、负数、台数须为整数、无证明字段的题目', () => {
    expect(invalidOf(() => check({ fields: { 'equipment-digitisation': { devices: 3 } } })).field).toBe('fields.equipment-digitisation.devices');
    expect(invalidOf(() => check({ fields: { funding: { investmentPerYear: -1 } } })).field).toBe('fields.funding.investmentPerYear');
    const e = invalidOf(() => check({ fields: { 'equipment-networking': { devicesNetworked: 2.5 } } }));
    expect(e.message).toBe('“设备联网”的“实现联网的生产设备数量”须为不小于 0 的整数(单位:台),收到 2.5');
    expect(invalidOf(() => check({ fields: { network: { x: 1 } } })).message).toContain('没有需要填写的证明数据');
  });

  it('答卷不是对象或含未知字段', () => {
    expect(invalidOf(() => check([] as unknown as Raw)).field).toBe('input');
    expect(invalidOf(() => check({ answer: {} } as Raw)).field).toBe('answer');
  });

  it('提交(complete)须答完全部题目并为全部场景评级,指出第一个缺项', () => {
    expect(() => check(complete, { complete: true })).not.toThrow();
    const noNetwork = { ...FULL } as Record<string, string[]>;
    delete noNetwork.network;
    const e = invalidOf(() => check({ answers: noNetwork, scenes: scenes() }, { complete: true }));
    expect(e.field).toBe('answers.network');
    expect(e.message).toBe('答卷未完成:“企业网络建设连接情况”(网络建设)尚未作答');
    const noScene = scenes();
    delete noScene.warehousing;
    const s = invalidOf(() => check({ answers: FULL, scenes: noScene }, { complete: true }));
    expect(s.field).toBe('scenes.warehousing');
    expect(s.message).toBe('答卷未完成:场景“仓储物流”尚未评级(未达到一级请填 0)');
    // drafts may leave both open
    expect(() => check({ answers: { network: ['B'] } })).not.toThrow();
  });

  it('scoreAssessment 拒绝未经校验的非法选项', () => {
    const e = invalidOf(() => scoreAssessment(sme, { answers: { network: ['Z'] }, fields: {}, scenes: {} }));
    expect(e.field).toBe('answers.network');
  });
});

describe('工信厅企业〔2022〕32号 等级(§1.1: 档位 CONFIRMED,边界取 [下限,上限) UNCONFIRMED)', () => {
  it.each([
    [0, 0],
    [1_999, 0],
    [2_000, 1],
    [3_999, 1],
    [4_000, 2],
    [5_999, 2],
    [6_000, 3],
    [7_999, 3],
    [8_000, 4],
    [10_000, 4],
  ])('总分 %i/100 分 → %i 级', (hundredths, level) => {
    expect(level2022(sme2022, hundredths)).toBe(level);
  });

  it('总分须为 0–100、最多两位小数', () => {
    for (const bad of [-1, 10_001, 12.5, Number.NaN]) expect(invalidOf(() => level2022(sme2022, bad)).field).toBe('totalScore');
  });
});

describe('GB/T 39116-2020 结果(等级 + 能力域得分,§2.3/§2.4)', () => {
  it('能力域得分转为百分之一分,按能力域顺序排列', () => {
    const r = validateCmmmResult(cmmm, { level: 2, domainScores: { production: '2.05', data: 2.35, 'organisation-strategy': 0, service: 5 } });
    expect(r).toEqual({ level: 2, domainScores: { 'organisation-strategy': 0, data: 235, production: 205, service: 500 } });
  });

  it('等级 0–5;得分 0–5 且最多两位小数;未知能力域', () => {
    expect(invalidOf(() => validateCmmmResult(cmmm, { level: 6, domainScores: { data: 1 } })).field).toBe('level');
    expect(invalidOf(() => validateCmmmResult(cmmm, { level: 1.5, domainScores: { data: 1 } })).field).toBe('level');
    const e = invalidOf(() => validateCmmmResult(cmmm, { level: 2, domainScores: { data: 2.355 } }));
    expect(e.field).toBe('domainScores.data');
    expect(e.message).toBe('能力域“数据”的得分须为 0–5 之间、最多两位小数的数,收到 2.355');
    expect(invalidOf(() => validateCmmmResult(cmmm, { level: 2, domainScores: { data: 5.01 } })).field).toBe('domainScores.data');
    expect(invalidOf(() => validateCmmmResult(cmmm, { level: 2, domainScores: { data: 'abc' } })).field).toBe('domainScores.data');
    expect(invalidOf(() => validateCmmmResult(cmmm, { level: 2, domainScores: { quality: 1 } })).field).toBe('domainScores.quality');
    expect(invalidOf(() => validateCmmmResult(cmmm, { level: 2, domainScores: {} })).field).toBe('domainScores');
    expect(invalidOf(() => validateCmmmResult(cmmm, { level: 2, domainScores: { data: 1 }, total: 3 })).field).toBe('total');
  });
});

describe('formatPoints', () => {
  it('千分之一分转为精确小数', () => {
    expect([52_500, 1_875, 700, 100_000, 0, 48_375, 60_000].map(formatPoints)).toEqual(['52.5', '1.875', '0.7', '100', '0', '48.375', '60']);
    expect(invalidOf(() => formatPoints(0.5)).field).toBe('points');
  });
});
