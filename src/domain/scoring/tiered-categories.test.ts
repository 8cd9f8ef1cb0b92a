import { describe, expect, it } from 'vitest';
import type { TieredCategory } from './categories.ts';
import type { ScoringSettings } from './settings.ts';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.ts';
import { TARGETS_2022 } from './targets-2022.ts';
import { REGION_ORDER } from './test-support.ts';
import { scoreTieredCategory, tierOf } from './tiered-categories.ts';

// Targets 2022 in table order: 宝应 高邮 仪征 江都 邗江 广陵 开发区 新城
//   智能化改造 30 40 30 40 30 15 10 5 · 上云用数 70 80 70 80 70 30 15 5 · 数字画像 60 80 60 80 60 30 20 10
function score(category: TieredCategory, actuals: number[], settings: ScoringSettings = DEFAULT_SETTINGS) {
  const results = scoreTieredCategory(
    category,
    TARGETS_2022.regions.map((t, i) => ({ regionId: t.regionId, target: t[category], actual: actuals[i]! })),
    settings,
  );
  return REGION_ORDER.map((id) => results.find((r) => r.regionId === id)!);
}
const points = (rs: { points: number }[]) => rs.map((r) => r.points / 100);

describe('附件2 二(一)1 tiers and their boundaries', () => {
  it('附件2 二(一)1: 恰好完成100%目标按完成目标计 (30 of 30)', () => {
    expect(tierOf(30, 30, DEFAULT_SETTINGS)).toBe('met');
    expect(tierOf(29, 30, DEFAULT_SETTINGS)).toBe('half');
  });

  it('附件2 二(一)1: 恰好完成50%目标按完成50%计 (15 of 30), 14 of 30 is 未完成50%', () => {
    expect(tierOf(15, 30, DEFAULT_SETTINGS)).toBe('half');
    expect(tierOf(14, 30, DEFAULT_SETTINGS)).toBe('below');
  });

  it('附件2 二(一)1: half of an odd target (5) is 2.5, so 3 reaches 50% and 2 does not', () => {
    expect(tierOf(3, 5, DEFAULT_SETTINGS)).toBe('half');
    expect(tierOf(2, 5, DEFAULT_SETTINGS)).toBe('below');
  });

  it('the exclusive readings are settings: exactly 100% then falls to the 50% tier, exactly 50% to nothing', () => {
    const exclusive = resolveSettings({ targetMetInclusive: false, halfTargetInclusive: false });
    expect(tierOf(30, 30, exclusive)).toBe('half');
    expect(tierOf(15, 30, exclusive)).toBe('below');
    expect(tierOf(16, 30, exclusive)).toBe('half');
  });
});

describe('附件2 二(一)1 排名合计 (rank by count + rank by rate)', () => {
  // 智能化改造: 36/30 40/40 15/30 30/40 14/30 15/15 12/10 2/5
  // count ranks 2 1 4 3 6 4 7 8; rate ranks (120% 100% 50% 75% 46.7% 100% 120% 40%) 1 3 6 5 7 3 1 8
  // sums 3 4 10 8 13 7 8 16. 完成目标: 宝应3 高邮4 广陵7 开发区8 → 15 14.5 14 13.5;
  // 完成50%: 江都8 仪征10 → 10 9.5; 邗江 and 新城 below 50% → 0.
  const retrofit = [36, 40, 15, 30, 14, 15, 12, 2];

  it('附件2 二(一)1: completed-target regions get 15, 14.5, … and 50% regions 10, 9.5, … by 排名合计', () => {
    const rs = score('retrofit', retrofit);
    expect(rs.map((r) => r.countRank)).toEqual([2, 1, 4, 3, 6, 4, 7, 8]);
    expect(rs.map((r) => r.rateRank)).toEqual([1, 3, 6, 5, 7, 3, 1, 8]);
    expect(rs.map((r) => r.rankSum)).toEqual([3, 4, 10, 8, 13, 7, 8, 16]);
    expect(points(rs)).toEqual([15, 14.5, 9.5, 10, 0, 14, 13.5, 0]);
    expect(rs.map((r) => r.tier)).toEqual(['met', 'met', 'half', 'half', 'below', 'met', 'met', 'below']);
  });

  it('附件2 二(一)1: 未完成50%目标的地区该项不得分 even with a good rank', () => {
    // 邗江 14/30 = 46.67% ranks 6th by count; still 0.
    expect(score('retrofit', retrofit)[4]!.points).toBe(0);
  });

  it('reading count-then-rate (a setting) orders the 完成目标 tier by count: 高邮 first', () => {
    const rs = score('retrofit', retrofit, resolveSettings({ combinedRanking: 'count-then-rate' }));
    // met tier by count: 高邮40 宝应36 广陵15 开发区12
    expect(points(rs)).toEqual([14.5, 15, 9.5, 10, 0, 14, 13.5, 0]);
  });

  it('reading rate-then-count (a setting): 宝应 and 开发区 both 120%, 宝应 has more projects', () => {
    const rs = score('retrofit', retrofit, resolveSettings({ combinedRanking: 'rate-then-count' }));
    // met tier: 宝应120%/36 → 15, 开发区120%/12 → 14.5, 高邮100%/40 → 14, 广陵100%/15 → 13.5;
    // half: 江都75% → 10, 仪征50% → 9.5
    expect(points(rs)).toEqual([15, 14, 9.5, 10, 0, 13.5, 14.5, 0]);
  });

  it('reading within-tier (a setting): ranks recomputed among the 完成目标 regions swap 广陵 and 开发区', () => {
    const rs = score('retrofit', retrofit, resolveSettings({ rankScope: 'within-tier' }));
    // met only: counts 36 40 15 12 → ranks 2 1 3 4; rates 120 100 100 120 → 1 3 3 1; sums 3 4 6 5
    expect(points(rs)).toEqual([15, 14.5, 9.5, 10, 0, 13.5, 14, 0]);
  });
});

describe('附件2 二(一)1 ties', () => {
  // 上云用数: 70/70 80/80 70/70 40/80 35/70 30/30 15/15 5/5
  // counts ranks 2 1 2 4 5 6 7 8 (competition); rates: six at 100% rank 1, two at 50% rank 7
  // sums 3 2 3 11 12 7 8 9 → 完成目标: 高邮 15; 宝应 and 仪征 并列 14.5; 广陵 13.5 (place 4); 开发区 13; 新城 12.5
  const cloud = [70, 80, 70, 40, 35, 30, 15, 5];

  it('附件2 二(一)1: regions equal on 排名合计 share the place and the next region takes the place after both', () => {
    const rs = score('cloud', cloud);
    expect(rs.map((r) => r.rankSum)).toEqual([3, 2, 3, 11, 12, 7, 8, 9]);
    expect(points(rs)).toEqual([14.5, 15, 14.5, 10, 9.5, 13.5, 13, 12.5]);
    expect(rs[0]!.place).toBe(2);
    expect(rs[5]!.place).toBe(4);
    expect(rs[0]!.explanation).toContain('并列');
  });

  it('附件2 二(一)1: 恰好完成50% (35 of 70, 40 of 80) scores in the 50% tier', () => {
    const rs = score('cloud', cloud);
    expect(rs[3]!.tier).toBe('half');
    expect(rs[4]!.tier).toBe('half');
    expect(rs[4]!.explanation).toContain('恰好50%');
  });

  it('component ties dense (a setting): counts 80,70,70,40 rank 1,2,2,3', () => {
    const rs = score('cloud', cloud, resolveSettings({ componentRankTies: 'dense' }));
    expect(rs.map((r) => r.countRank)).toEqual([2, 1, 2, 3, 4, 5, 6, 7]);
    expect(rs.map((r) => r.rateRank)).toEqual([1, 1, 1, 2, 2, 1, 1, 1]);
  });

  it('component ties average (a setting): two regions tied for 2nd both rank 2.5', () => {
    const rs = score('cloud', cloud, resolveSettings({ componentRankTies: 'average' }));
    expect(rs[0]!.countRank).toBe(2.5);
    expect(rs[2]!.countRank).toBe(2.5);
    // six regions at 100% share ranks 1..6 → 3.5 each; the two at 50% → 7.5
    expect(rs.map((r) => r.rateRank)).toEqual([3.5, 3.5, 3.5, 7.5, 7.5, 3.5, 3.5, 3.5]);
  });

  it('a tie-break setting (rate, then count) separates equal 排名合计', () => {
    // 数字画像: 29/60 80/80 30/60 60/80 60/60 30/30 20/20 12/10 — 开发区 and 新城 both sum 9;
    // 新城 has the higher rate (120% vs 100%) so it goes ahead with the tie-break.
    const portrait = [29, 80, 30, 60, 60, 30, 20, 12];
    expect(points(score('portrait', portrait))).toEqual([0, 15, 9.5, 10, 14.5, 14, 13.5, 13.5]);
    expect(points(score('portrait', portrait, resolveSettings({ combinedTieBreak: ['rate', 'count'] })))).toEqual([0, 15, 9.5, 10, 14.5, 14, 13, 13.5]);
  });
});

describe('附件2 二(一)1 maxima', () => {
  it('附件2 二(一): 每一类最高分值15分', () => {
    const rs = score('retrofit', [300, 400, 300, 400, 300, 150, 100, 50]);
    expect(Math.max(...rs.map((r) => r.points))).toBe(1500);
    expect(rs.every((r) => r.max === 1500)).toBe(true);
  });
});
