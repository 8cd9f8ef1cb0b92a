// Exact rationals over bigint. Completion rates (完成数 ÷ 目标数, 覆盖率 ÷ 目标覆盖率) are ratios of
// small integers; comparing them as binary floats could rank 1/3 and 2/6 differently or put a
// region at 49.99999% of a target when it is at exactly 50%. Keeping numerator and denominator
// makes every comparison, and therefore every ranking and tier, exact.
export interface Rational {
  readonly num: bigint;
  readonly den: bigint; // always > 0, gcd(num, den) = 1
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function ratio(num: bigint | number, den: bigint | number): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('ratio: zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

export const ZERO: Rational = ratio(0, 1);
export const ONE: Rational = ratio(1, 1);

export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const mul = (a: Rational, b: Rational): Rational => ratio(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => ratio(a.num * b.den, a.den * b.num);
export const add = (a: Rational, b: Rational): Rational => ratio(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => ratio(a.num * b.den - b.num * a.den, a.den * b.den);

/** Smallest integer ≥ r. */
export function ceil(r: Rational): bigint {
  const q = r.num / r.den; // truncates toward zero
  return r.num > 0n && q * r.den !== r.num ? q + 1n : q;
}

/** r rounded half away from zero to `decimals` places, as a decimal string ("106.67"). Display only. */
export function toFixed(r: Rational, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const negative = r.num < 0n;
  const abs = negative ? -r.num : r.num;
  const scaled = (abs * scale * 2n + r.den) / (2n * r.den); // round half up on the magnitude
  const intPart = scaled / scale;
  const frac = (scaled % scale).toString().padStart(decimals, '0');
  const body = decimals > 0 ? `${intPart}.${frac}` : `${intPart}`;
  return negative && scaled !== 0n ? `-${body}` : body;
}

/** r as a percentage string with two decimals and the % sign: 32/30 → "106.67%". Display only. */
export const toPercent = (r: Rational, decimals = 2): string => `${toFixed(mul(r, ratio(100, 1)), decimals)}%`;
