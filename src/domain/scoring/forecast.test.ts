import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors.ts';
import { forecastYearEnd } from './forecast.ts';
import { toFixed, toPercent } from './rational.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { TARGETS_2022 } from './targets-2022.ts';
import { onPaceHistory } from './test-support.ts';
import { buildMonthlyTracking } from './tracking.ts';

// 宝应 智能化改造 (target 30): 15 by June → 30 at year end = exactly 100% → on track.
// 高邮 (target 40): 1.5 a month, 3 by March, 12 by June (sped up) → run-rate 24 (60%): below target;
//   recent trend (12 − 3) ÷ 3 = 3 a month → 12 + 3 × 6 = 30 (75%): still below target.
// 仪征 (target 30): 7 by June → 14 (46.67%) → below 50%.
// 宝应 coverage: 90 of 400 by June → 180 = 45% ÷ 40% = 112.5% → on track; needs ⌈400 × 40%⌉ = 160.
const history = onPaceHistory(6, {
  'yz-baoying': (m) => ({ retrofit: Math.floor((15 * m) / 6), covered: 15 * m, total: 400 }),
  'yz-gaoyou': (m) => ({ retrofit: m <= 3 ? m : 3 + (m - 3) * 3 }),
  'yz-yizheng': (m) => ({ retrofit: Math.min(7, m + 1) }),
});
const pick = (fs: ReturnType<typeof forecastYearEnd>, id: string, c: string) => fs.find((f) => f.regionId === id && f.category === c)!;

describe('forecast of year-end completion (预测预警)', () => {
  const fs = forecastYearEnd(TARGETS_2022, history, 6, DEFAULT_SETTINGS);

  it('run-rate: exactly 100% projected is on track (same boundary as 完成目标)', () => {
    const f = pick(fs, 'yz-baoying', 'retrofit');
    expect(toFixed(f.projected, 1)).toBe('30.0');
    expect(f.status).toBe('on-track');
  });

  it('run-rate: 12 of 40 by June projects 24 (60%) → heading below the target; 28 to go, 5 a month', () => {
    const f = pick(fs, 'yz-gaoyou', 'retrofit');
    expect(toFixed(f.projected, 1)).toBe('24.0');
    expect(f.status).toBe('below-target');
    expect(f.remaining).toBe(28);
    expect(f.perMonthNeeded).toBe(5);
  });

  it('run-rate: 7 of 30 by June projects 14 (46.67%) → heading below 50%', () => {
    const f = pick(fs, 'yz-yizheng', 'retrofit');
    expect(toPercent(f.projectedRate)).toBe('46.67%');
    expect(f.status).toBe('below-half');
  });

  it('recent-trend: the last three months’ pace (3 a month) projects 30 of 40', () => {
    const f = pick(forecastYearEnd(TARGETS_2022, history, 6, DEFAULT_SETTINGS, 'recent-trend'), 'yz-gaoyou', 'retrofit');
    expect(toFixed(f.projected, 1)).toBe('30.0');
    expect(f.status).toBe('below-target');
  });

  it('coverage: projected from covered enterprises, target expressed as enterprises needed', () => {
    const f = pick(fs, 'yz-baoying', 'coverage');
    expect(f.target).toBe(160);
    expect(toFixed(f.projected, 1)).toBe('180.0');
    expect(toPercent(f.projectedRate)).toBe('112.50%');
    expect(f.status).toBe('on-track');
  });

  it('a region without a report for the month is an error naming it', () => {
    const missing = history.filter((h) => !(h.regionId === 'yz-eco' && h.month === 6));
    expect(() => forecastYearEnd(TARGETS_2022, missing, 6, DEFAULT_SETTINGS)).toThrow(/生态科技新城6月/);
    const negative = history.map((h) => (h.regionId === 'yz-eco' && h.month === 6 ? { ...h, completed: { ...h.completed, cloud: -1 } } : h));
    try {
      forecastYearEnd(TARGETS_2022, negative, 6, DEFAULT_SETTINGS);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).field).toMatch(/^progress\[\d+\]\.completed\.cloud$/);
    }
  });
});

describe('月度跟踪调度表', () => {
  const t = buildMonthlyTracking(TARGETS_2022, history, 6, DEFAULT_SETTINGS);
  const row = (id: string) => t.rows.find((r) => r.regionId === id)!;

  it('序时进度 in June is 50%; exactly on it is not behind, 30% is', () => {
    expect(toPercent(t.timeProgress)).toBe('50.00%');
    expect(row('yz-baoying').cells.retrofit.behindSchedule).toBe(false);
    expect(row('yz-gaoyou').cells.retrofit.behindSchedule).toBe(true);
    expect(toPercent(row('yz-gaoyou').cells.retrofit.rate)).toBe('30.00%');
  });

  it('全市合计: the targets add up to 200 智能化改造 projects', () => {
    expect(t.cityTotal.cells.retrofit.target).toBe(200);
    // on pace: ⌈target/2⌉ for the five others: 15 (邗江) + 8 (广陵) + 5 (开发区) + 3 (新城) + 20 (江都) = 51, plus 15 + 12 + 7
    expect(t.cityTotal.cells.retrofit.actual).toBe(85);
  });
});
