import { describe, expect, it } from 'vitest';
import type { RateFigure } from './rate-categories.ts';
import { scoreRateCategory } from './rate-categories.ts';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.ts';

// 数字标杆 targets 2022: 25 for seven regions, 5 for 生态科技新城.
const benchmark = (actuals: number[]): RateFigure[] =>
  actuals.map((actual, i) => ({ regionId: `r${i}`, category: 'benchmark', actual, base: i === 7 ? 5 : 25 }));
const coverage = (pairs: [number, number][]): RateFigure[] =>
  pairs.map(([covered, total], i) => ({ regionId: `r${i}`, category: 'coverage', actual: covered, base: total, targetBasisPoints: 4000 }));
const pts = (rs: { points: number }[]) => rs.map((r) => r.points / 100);

describe('附件2 二(一)2 “数字标杆”创建项目', () => {
  // rates 80% 100% 40% 120% 100% 20% 0% 80%(4/5) → places 4 2 6 1 2 7 8 4
  const actuals = [20, 25, 10, 30, 25, 5, 0, 4];

  it('附件2 二(一)2: ranked by 完成率, first 15 then −1 each; equal rates share the place', () => {
    const rs = scoreRateCategory('benchmark', benchmark(actuals), DEFAULT_SETTINGS);
    expect(rs.map((r) => r.place)).toEqual([4, 2, 6, 1, 2, 7, 8, 4]);
    expect(pts(rs)).toEqual([12, 14, 10, 15, 14, 9, 8, 12]);
  });

  it('附件2 二(一)2: a rate of 4/5 equals 20/25 exactly (no floating-point split of the tie)', () => {
    const rs = scoreRateCategory('benchmark', benchmark(actuals), DEFAULT_SETTINGS);
    expect(rs[0]!.points).toBe(rs[7]!.points);
  });

  it('附件2 二(一)2: read literally, a region that completed none still gets its place (8 points for 8th)', () => {
    expect(scoreRateCategory('benchmark', benchmark(actuals), DEFAULT_SETTINGS)[6]!.points).toBe(800);
  });

  it('setting zeroCompletionRanked=false: a region that completed none gets 0', () => {
    const rs = scoreRateCategory('benchmark', benchmark(actuals), resolveSettings({ zeroCompletionRanked: false }));
    expect(rs[6]!.points).toBe(0);
    expect(rs[5]!.points).toBe(900);
  });

  it('setting rateTieBreak=count: at equal rates the region with more projects goes first', () => {
    const rs = scoreRateCategory('benchmark', benchmark(actuals), resolveSettings({ rateTieBreak: 'count' }));
    // 宝应 20/25 and 新城 4/5 both 80%: 宝应 ahead (place 4 → 12), 新城 place 5 → 11
    expect(pts(rs)).toEqual([12, 14, 10, 15, 14, 9, 8, 11]);
  });
});

describe('附件2 二(一)3 规上企业“智改数转”覆盖率', () => {
  it('附件2 二(一)3: 完成率 = coverage ÷ 40%; ranked first 15 then −1 each', () => {
    // coverage 50% 40% 30% 50% 50% 45% 40% 20% → rates 125 100 75 125 125 112.5 100 50
    const rs = scoreRateCategory(
      'coverage',
      coverage([[200, 400], [160, 400], [150, 500], [300, 600], [210, 420], [90, 200], [100, 250], [20, 100]]),
      DEFAULT_SETTINGS,
    );
    expect(pts(rs)).toEqual([15, 11, 9, 15, 15, 12, 11, 8]);
    expect(rs[5]!.explanation).toContain('覆盖率45.00%');
    expect(rs[5]!.explanation).toContain('完成率112.50%');
  });
});
