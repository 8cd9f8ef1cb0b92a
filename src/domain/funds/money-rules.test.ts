// The money rules, cited: never above the engine's maximum, 分级承担 split recorded, the 扬州 fund
// floors (不少于/不低于 include the number, 民法典 第1259条), 事后奖补 before 验收.
import { describe, expect, it } from 'vitest';
import { checkApprovedAmount, checkPayment, floorWarning, splitByLevel } from './money-rules.ts';

const bounds = { min: 0, max: 325_000_000, amountText: '0~325万元', clause: '附件1 二(一)' };

describe('approved amount within the engine\'s range', () => {
  it('扬州 附件1 二(一): 325万元 is the most; one fen more is refused naming the limit', () => {
    expect(checkApprovedAmount(325_000_000, bounds)).toBe(325_000_000);
    expect(() => checkApprovedAmount(325_000_001, bounds)).toThrow(/超过.*325万元/);
  });
  it('苏州 (十六) 不低于40万元: an amount below the floor is refused', () => {
    expect(() => checkApprovedAmount(39_999_999, { min: 40_000_000, max: 100_000_000, amountText: '40万~100万元', clause: '(十六)' })).toThrow(/低于/);
  });
  it('zero, negative and fractional fen are refused', () => {
    for (const v of [0, -1, 1.5, '100']) expect(() => checkApprovedAmount(v, bounds)).toThrow(/正整数/);
  });
});

describe('who pays (苏州 末段 按现行财政体制分级承担)', () => {
  it('市级 and 县级 measures are paid by their level alone', () => {
    expect(splitByLevel('city', 100, {})).toEqual({ city: 100, county: 0 });
    expect(splitByLevel('county', 100, {})).toEqual({ city: 0, county: 100 });
  });
  it('a shared measure needs both parts, summing to the amount', () => {
    expect(splitByLevel('shared', 100, { cityPartFen: 60, countyPartFen: 40 })).toEqual({ city: 60, county: 40 });
    expect(() => splitByLevel('shared', 100, { cityPartFen: 60 })).toThrow(/分级承担/);
    expect(() => splitByLevel('shared', 100, { cityPartFen: 60, countyPartFen: 41 })).toThrow(/之和/);
  });
});

describe('fund floors (扬州 附件1 一 不少于1亿元; 三(一) 不低于3000万元)', () => {
  it('exactly the floor is enough (不少于 includes the number); one fen less is flagged', () => {
    expect(floorWarning('yangzhou', 'city', 100_000_000_00)).toBeNull();
    expect(floorWarning('yangzhou', 'city', 100_000_000_00 - 1)).toMatch(/1亿元/);
    expect(floorWarning('yangzhou', 'county', 30_000_000_00)).toBeNull();
    expect(floorWarning('yangzhou', 'county', 29_999_999_99)).toMatch(/3000万元/);
  });
  it('苏州\'s text sets no floor', () => {
    expect(floorWarning('suzhou', 'city', 1)).toBeNull();
  });
});

describe('payments: 事后奖补 by default, 启动资金 before 验收 only as approved', () => {
  it('nothing before 验收 without 启动资金; the 启动资金 exactly; everything after; nothing after a failed 验收', () => {
    expect(() => checkPayment(1, 0, 1000, 0, 'none')).toThrow(/事后奖补/);
    expect(checkPayment(300, 0, 1000, 300, 'none')).toBe(300);
    expect(() => checkPayment(1, 300, 1000, 300, 'none')).toThrow(/启动资金/);
    expect(checkPayment(700, 300, 1000, 300, 'passed')).toBe(700);
    expect(() => checkPayment(1, 1000, 1000, 300, 'passed')).toThrow(/核定金额/);
    expect(() => checkPayment(1, 0, 1000, 300, 'failed')).toThrow(/追回/);
  });
});
