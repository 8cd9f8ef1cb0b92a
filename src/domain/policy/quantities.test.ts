import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulCeil, mulFloor } from './amount-math.ts';
import { formatFen, formatRange, formatRate, fenToYuan } from './format.ts';
import { parseCount, parseMoney, parseRate, QuantityError } from './quantities.ts';

describe('money parsing (input in 元 or with a unit, result in fen)', () => {
  it.each([
    [12345.67, 1234567],
    ['12345.67', 1234567],
    ['12345.67元', 1234567],
    ['2000万元', 2_000_000_000],
    ['0.5万元', 500_000],
    ['1.5亿元', 15_000_000_000],
    ['1999.999999万元', 1_999_999_999],
    [0, 0],
    ['1,800万元', 1_800_000_000],
  ])('%s → %d fen', (input, fen) => {
    expect(parseMoney(input)).toBe(fen);
  });

  it.each([
    [-1, '负数'],
    ['-5元', '负数'],
    [1.005, '小数位过多'],
    ['0.001', '小数位过多'],
    ['1.0000001万元', '小数位过多'],
    ['1e7', '科学计数法'],
    ['abc', '不是有效的金额'],
    [Number.NaN, '有限'],
    [true, '金额须为'],
    ['99999999999999999元', '范围'],
  ])('%s is refused (%s)', (input, message) => {
    expect(() => parseMoney(input)).toThrow(QuantityError);
    expect(() => parseMoney(input)).toThrow(message);
  });
});

describe('money parsing fast paths agree with exact decimal arithmetic', () => {
  it('for 元 strings, 元 numbers and 万元 strings', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 900_719_925_474_099 }), (fen) => {
      const yuan = fenToYuan(fen);
      expect(parseMoney(yuan)).toBe(fen);
      expect(parseMoney(`${yuan}元`)).toBe(fen);
      expect(parseMoney(Number(yuan))).toBe(fen);
      const wan = `${BigInt(fen) / 1_000_000n}.${String(fen % 1_000_000).padStart(6, '0')}万元`;
      expect(parseMoney(wan)).toBe(fen);
    }), { numRuns: 2000, seed: 1259 });
  });
  it('and refuse a third decimal however it is written', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 1, max: 9 }), (fen, d) => {
      const text = `${fenToYuan(fen)}${d}`;
      expect(() => parseMoney(text)).toThrow('小数位过多');
      expect(() => parseMoney(Number(text))).toThrow(QuantityError);
    }), { numRuns: 500, seed: 1260 });
  });
});

describe('rates and counts', () => {
  it('reads percentages as exact reduced fractions', () => {
    expect(parseRate('13%')).toEqual({ num: 13, den: 100 });
    expect(parseRate('0.5%')).toEqual({ num: 1, den: 200 });
    expect(parseRate('15%')).toEqual({ num: 3, den: 20 });
    expect(parseRate('1/3')).toEqual({ num: 1, den: 3 });
    expect(() => parseRate('13')).toThrow('百分数');
  });
  it('reads counts with 万 and a unit word', () => {
    expect(parseCount('5万')).toBe(50_000);
    expect(parseCount('3000万')).toBe(30_000_000);
    expect(parseCount('500家')).toBe(500);
    expect(parseCount(40)).toBe(40);
    expect(() => parseCount(2.5)).toThrow('非负整数');
    expect(() => parseCount('1.5')).toThrow();
  });
});

describe('integer rate arithmetic', () => {
  it('rounds down and up exactly, also beyond 2^53', () => {
    expect(mulFloor(2_000_000_001, 13, 100)).toBe(260_000_000);
    expect(mulCeil(2_000_000_001, 13, 100)).toBe(260_000_001);
    expect(mulFloor(1234567, 1, 100)).toBe(12345);
    expect(mulCeil(1234567, 1, 100)).toBe(12346);
    // 9e15 × 13 overflows 2^53; the BigInt path keeps it exact.
    expect(mulFloor(9_000_000_000_000_001, 13, 100)).toBe(Number((9_000_000_000_000_001n * 13n) / 100n));
  });
});

describe('display', () => {
  it('formats fen in 万元 when whole, else in 元', () => {
    expect(formatFen(1_800_000_000)).toBe('1,800万元');
    expect(formatFen(3_255_000_00)).toBe('325.5万元');
    expect(formatFen(1_234_567)).toBe('12,345.67元');
    expect(formatFen(500_000)).toBe('5,000元');
    expect(fenToYuan(1)).toBe('0.01');
    expect(formatRange(0, 600_000_000)).toBe('0~600万元');
    expect(formatRange(1_000_000, null)).toContain('上限未规定');
    expect(formatRate({ num: 1, den: 200 })).toBe('0.5%');
    expect(formatRate({ num: 1, den: 3 })).toBe('1/3');
  });
});
