// Integer money arithmetic. base × num / den with base in fen: when the product stays below
// 2^53 it is exact in a double, and so is floor(p / d) — the true quotient of two integers
// is either an integer (computed exactly) or at least 1/d away from one, which exceeds the
// division's rounding error while p < 2^53. Above that we switch to BigInt.
const MAX = Number.MAX_SAFE_INTEGER;

export function mulFloor(base: number, num: number, den: number): number {
  const p = base * num;
  if (p <= MAX) return Math.floor(p / den);
  return Number((BigInt(base) * BigInt(num)) / BigInt(den));
}

export function mulCeil(base: number, num: number, den: number): number {
  const p = base * num;
  if (p <= MAX) return Math.ceil(p / den);
  const q = BigInt(base) * BigInt(num);
  const d = BigInt(den);
  return Number((q + d - 1n) / d);
}

/** Sums stay exact while they remain safe integers; callers check once at the end. */
export function assertSafeTotal(total: number, what: string): number {
  if (!Number.isSafeInteger(total)) throw new RangeError(`${what} 超出可精确计算的范围`);
  return total;
}
