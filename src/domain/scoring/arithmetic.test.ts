import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { formatPoints, parsePoints, pointsToNumber } from './points.ts';
import { ceil, compare, ratio, toFixed, toPercent } from './rational.ts';
import { resolveSettings, checkTierOrder } from './settings.ts';

describe('exact rationals', () => {
  it('compares 1/3 and 2/6 as equal and 49/100 below 1/2', () => {
    expect(compare(ratio(1, 3), ratio(2, 6))).toBe(0);
    expect(compare(ratio(49, 100), ratio(1, 2))).toBe(-1);
  });
  it('rounds for display half up: 32/30 → 106.67%, 1/8 → 12.50%, 2/3 → 0.67', () => {
    expect(toPercent(ratio(32, 30))).toBe('106.67%');
    expect(toPercent(ratio(1, 8))).toBe('12.50%');
    expect(toFixed(ratio(2, 3), 2)).toBe('0.67');
    expect(toFixed(ratio(-1, 8), 2)).toBe('-0.13');
  });
  it('ceil', () => {
    expect(ceil(ratio(7, 2))).toBe(4n);
    expect(ceil(ratio(8, 2))).toBe(4n);
    expect(ceil(ratio(0, 5))).toBe(0n);
  });
});

describe('points in hundredths', () => {
  it('parses decimals and refuses what is not a multiple of 0.01', () => {
    expect(parsePoints('0.5', 'x')).toBe(50);
    expect(parsePoints(15, 'x')).toBe(1500);
    expect(() => parsePoints('0.125', 'settings.bonus.cap')).toThrow(DomainError);
    expect(() => parsePoints('abc', 'x')).toThrow(/不是数字/);
  });
  it('formats without trailing zeros and without binary noise', () => {
    expect(formatPoints(1450)).toBe('14.5');
    expect(formatPoints(1500)).toBe('15');
    expect(formatPoints(-20)).toBe('-0.2');
    expect(formatPoints(10560)).toBe('105.6');
    expect(formatPoints(7)).toBe('0.07');
    // 0.1 + 0.2 in binary is 0.30000000000000004; in hundredths it is 30
    expect(pointsToNumber(parsePoints('0.1', 'a') + parsePoints('0.2', 'b'))).toBe(0.3);
  });
});

describe('settings', () => {
  it('overrides are checked and name the field', () => {
    expect(resolveSettings({ bonus: { cap: '8' } }).bonus.cap).toBe(800);
    try {
      resolveSettings({ combinedRanking: 'sum-of-scores' });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).field).toBe('settings.combinedRanking');
    }
    expect(() => resolveSettings({ deductionPerEvent: -1 })).toThrow(/不能为负数/);
    expect(() => resolveSettings({ unknownSetting: true })).toThrow(DomainError);
  });
  it('refuses tier amounts under which entering the higher tier could lower a score', () => {
    // 15 − 1×7 = 8 < 10: the last 完成目标 region would score below the first 完成50% region
    expect(() => checkTierOrder(resolveSettings({ metTier: { step: 1 } }), 8)).toThrow(/tiers would invert/);
    expect(() => checkTierOrder(resolveSettings({}), 8)).not.toThrow();
  });
});
