import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { loadPlans } from '../../io/plan-library.ts';
import { checkReport, formatFigure, parseFigure } from './report-rules.ts';

const plan = loadPlans().find((p) => p.city === 'yangzhou')!;
const ind = (id: string) => plan.indicators.get(id)!;
const fieldOf = (f: () => unknown) => {
  try { f(); } catch (e) { return e instanceof DomainError ? e.field : 'not a DomainError'; }
  return null;
};
const none = { previous: null, next: null };

describe('figures written as people write them, stored exactly', () => {
  it('counts are whole: 7900 and "7900" alike; 7900.5 refused', () => {
    expect(parseFigure(ind('base-stations'), 7900)).toBe(7900);
    expect(parseFigure(ind('base-stations'), '7900')).toBe(7900);
    expect(fieldOf(() => parseFigure(ind('base-stations'), 7900.5))).toBe('value');
  });
  it('一(二) 65% is 6500 hundredths; 64.55 is 6455; a third decimal is refused, not rounded', () => {
    expect(parseFigure(ind('cnc-rate'), 65)).toBe(6500);
    expect(parseFigure(ind('cnc-rate'), '64.55')).toBe(6455);
    expect(parseFigure(ind('cnc-rate'), '64.50')).toBe(6450);
    expect(fieldOf(() => parseFigure(ind('cnc-rate'), '64.555'))).toBe('value');
    expect(fieldOf(() => parseFigure(ind('cnc-rate'), '100.01'))).toBe('value');
  });
  it('三(二) money in 元: 1亿元 = 10,000,000,000 分; 0.1 + 0.2 元 style decimals stay exact', () => {
    expect(parseFigure(ind('city-fund'), 100000000)).toBe(10_000_000_000);
    expect(parseFigure(ind('city-fund'), '0.30')).toBe(30);
    expect(formatFigure('money', 10_000_000_000)).toBe('10000万元');
    expect(formatFigure('money', 3_000_000_050)).toBe('3000.00005万元');
    expect(formatFigure('percent', 6455)).toBe('64.55%');
    expect(formatFigure('percent', 6500)).toBe('65%');
  });
  it('negative, hexadecimal, exponent and empty figures are refused naming value', () => {
    for (const bad of [-1, '-1', '0x10', '1e3', '', null, undefined, Number.NaN, '１２']) expect(fieldOf(() => parseFigure(ind('base-stations'), bad))).toBe('value');
  });
});

describe('what a monthly report must satisfy', () => {
  const today = '2023-06-01';
  it('a month not yet reached is refused naming month; the current month may be reported', () => {
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 7, value: 1, note: null }, today, none))).toBe('month');
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2024, month: 1, value: 1, note: null }, today, none))).toBe('month');
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 6, value: 1, note: null }, today, none))).toBeNull();
  });
  it('years outside the plan (2022–2024) and months outside 1–12 are refused', () => {
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2021, month: 12, value: 1, note: null }, today, none))).toBe('year');
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 13, value: 1, note: null }, today, none))).toBe('month');
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 0, value: 1, note: null }, today, none))).toBe('month');
  });
  it('二(九) a 累计 figure lower than the last reported needs a note; with one it is a correction', () => {
    const previous = { year: 2023, month: 3, value: 8500 };
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 4, value: 8499, note: null }, today, { previous, next: null }))).toBe('note');
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 4, value: 8500, note: null }, today, { previous, next: null }))).toBeNull();
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 4, value: 8499, note: '拆除基站1个' }, today, { previous, next: null }))).toBeNull();
  });
  it('a month put above the month after it needs a note too', () => {
    const next = { year: 2023, month: 5, value: 8600 };
    expect(fieldOf(() => checkReport(plan, ind('base-stations'), { year: 2023, month: 4, value: 8601, note: null }, today, { previous: null, next }))).toBe('note');
  });
  it('a rate may go down without a note (一(二) levels are not running totals)', () => {
    expect(fieldOf(() => checkReport(plan, ind('cnc-rate'), { year: 2023, month: 4, value: 5000, note: null }, today, { previous: { year: 2023, month: 3, value: 6000 }, next: null }))).toBeNull();
  });
});
