// Scores are kept as integer hundredths of a point ("centipoints"). Every amount in 评分细则 is a
// multiple of 0.1 (15, 10, 0.5, 1, 0.3, 0.2), so hundredths are exact and leave room for settings
// such as 0.25; sums are integer additions, so a total is 105.6 and never 105.60000000000001.
import { Decimal } from 'decimal.js';
import { invalid } from '../errors.ts';

/** Integer hundredths of a point. */
export type Points = number;

/** Parse "0.5" / 15 into hundredths; rejects anything not a multiple of 0.01. */
export function parsePoints(value: string | number, field: string): Points {
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    throw invalid(field, `${field} 不是数字:${String(value)} (not a number)`);
  }
  const h = d.times(100);
  if (!h.isFinite() || !h.isInteger()) {
    throw invalid(field, `${field} 须为0.01的整数倍:${String(value)} (must be a multiple of 0.01)`);
  }
  return h.toNumber();
}

/** 1450 → "14.5", 1500 → "15", -20 → "-0.2". */
export function formatPoints(p: Points): string {
  const negative = p < 0;
  const abs = Math.abs(p);
  const int = Math.trunc(abs / 100);
  const frac = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** For JSON: the double nearest the exact decimal, which prints as that decimal (14.56). */
export const pointsToNumber = (p: Points): number => p / 100;
