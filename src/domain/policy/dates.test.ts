import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { daysBetween, isIsoDate, parseIsoDate } from './dates.ts';

describe('ISO dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
  });
  it('names the field of an impossible date', () => {
    try {
      parseIsoDate('2023-02-30', 'date');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).field).toBe('date');
      expect((e as DomainError).message).toContain('不存在');
    }
  });
  it('counts days across a leap year', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2022-02-24', '2025-02-23')).toBe(1095);
  });
});
