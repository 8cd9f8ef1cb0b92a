// Exact parsing of the quantities written in policy data and in user input: money
// ("2000万元", "12345.67元", 12345.67), rates ("13%", "0.5%") and counts ("5万", 40). Nothing
// here goes through binary floating point: decimal strings are scaled as BigInt digits.
import type { Rate } from './types.ts';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export class QuantityError extends Error {}

/** Scales a non-negative decimal string by 10^scale exactly; rejects more decimals than scale. */
function scaleDecimal(text: string, scale: number, what: string): bigint {
  const m = DECIMAL.exec(text);
  if (!m) throw new QuantityError(`“${text}”不是有效的${what}`);
  const frac = m[2] ?? '';
  if (frac.length > scale) throw new QuantityError(`“${text}”小数位过多(${what}最多${scale}位小数)`);
  return BigInt(m[1]!) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
}

function toSafe(v: bigint, text: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new QuantityError(`“${text}”超出可精确计算的范围`);
  return Number(v);
}

/**
 * Money to integer fen. Strings may carry 元, 万元 or 亿元 (万元 allows six decimals and 亿元 ten,
 * i.e. down to the fen); a bare number or unit-less string is in 元 with at most two decimals.
 */
const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?元?$/;
const WAN_YUAN = /^(\d{1,9})(?:\.(\d{1,6}))?万元?$/;
const FRAC_SCALE = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * Common shapes parsed without BigInt (a batch validates millions of them). Digit limits keep
 * every intermediate below 2^53, so plain integer arithmetic is exact; anything else takes
 * the general path below, which also produces the error messages.
 */
function fastMoney(text: string): number | undefined {
  let m = YUAN.exec(text);
  if (m) {
    const frac = m[2] ?? '';
    return Number(m[1]) * 100 + (frac === '' ? 0 : Number(frac) * FRAC_SCALE[2 - frac.length]!);
  }
  m = WAN_YUAN.exec(text);
  if (m) {
    const frac = m[2] ?? '';
    return Number(m[1]) * 1_000_000 + (frac === '' ? 0 : Number(frac) * FRAC_SCALE[6 - frac.length]!);
  }
  return undefined;
}

export function parseMoney(input: unknown): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new QuantityError('金额须为有限数值');
    if (input < 0) throw new QuantityError(`金额不能为负数(${input})`);
    // n has at most two decimals exactly when the nearest double to round(n×100)/100 is n
    // itself (integer ÷ 100 is correctly rounded); otherwise the text path reports the error.
    const fen = Math.round(input * 100);
    if (Number.isSafeInteger(fen) && fen / 100 === input) return fen;
    // String(n) is the shortest text that round-trips, so 12345.67 stays "12345.67" and a
    // value with a third decimal is caught rather than silently rounded.
    return parseMoneyText(String(input));
  }
  if (typeof input === 'string') return fastMoney(input) ?? parseMoneyText(input);
  throw new QuantityError('金额须为数字(元)或带单位的字符串(如“2500万元”)');
}

function parseMoneyText(raw: string): number {
  const text = raw.trim().replaceAll(',', '').replaceAll(',', '');
  if (text.startsWith('-')) throw new QuantityError(`金额不能为负数(${raw})`);
  if (text.endsWith('万元') || text.endsWith('万')) {
    const digits = text.slice(0, text.endsWith('万元') ? -2 : -1).trim();
    return toSafe(scaleDecimal(digits, 6, '金额(万元)'), raw);
  }
  if (text.endsWith('亿元') || text.endsWith('亿')) {
    const digits = text.slice(0, text.endsWith('亿元') ? -2 : -1).trim();
    return toSafe(scaleDecimal(digits, 10, '金额(亿元)'), raw);
  }
  const digits = text.endsWith('元') ? text.slice(0, -1).trim() : text;
  if (/e/i.test(digits)) throw new QuantityError(`“${raw}”不是有效的金额(请勿使用科学计数法)`);
  return toSafe(scaleDecimal(digits, 2, '金额(元)'), raw);
}

/** "13%" → 13/100, "0.5%" → 1/200; also accepts a fraction "1/3" for what-if overrides. */
export function parseRate(input: unknown): Rate {
  const text = String(input).trim();
  const frac = /^(\d+)\/(\d+)$/.exec(text);
  if (frac) return reduce(BigInt(frac[1]!), BigInt(frac[2]!), text);
  if (!text.endsWith('%')) throw new QuantityError(`比例“${text}”须写成百分数(如“13%”)`);
  const digits = text.slice(0, -1).trim();
  const m = DECIMAL.exec(digits);
  if (!m) throw new QuantityError(`“${text}”不是有效的百分数`);
  const scale = (m[2] ?? '').length;
  return reduce(scaleDecimal(digits, scale, '百分数'), 100n * 10n ** BigInt(scale), text);
}

function reduce(num: bigint, den: bigint, text: string): Rate {
  if (den === 0n) throw new QuantityError(`“${text}”分母为0`);
  let a = num, b = den;
  while (b !== 0n) [a, b] = [b, a % b];
  const g = a === 0n ? 1n : a;
  const n = num / g, d = den / g;
  // Keeps base × num below 2^53 for any realistic base; amount-math falls back to BigInt anyway.
  if (d > 1_000_000_000n || n > 1_000_000_000n) throw new QuantityError(`比例“${text}”精度过高`);
  return { num: Number(n), den: Number(d) };
}

/** Counts: 40, "40", "5万", "3000万", optionally followed by a unit word (家, 台, 个, 次). */
export function parseCount(input: unknown): number {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) throw new QuantityError(`数量须为非负整数(${input})`);
    return input;
  }
  if (typeof input !== 'string') throw new QuantityError('数量须为非负整数');
  if (/^\d{1,15}$/.test(input)) return Number(input);
  const text = input.trim().replaceAll(',', '').replace(/[家台个次人项星]$/u, '');
  if (text.endsWith('万')) return toSafe(scaleDecimal(text.slice(0, -1), 4, '数量(万)') , input);
  if (text.endsWith('亿')) return toSafe(scaleDecimal(text.slice(0, -1), 8, '数量(亿)'), input);
  if (!/^\d+$/.test(text)) throw new QuantityError(`“${input}”不是非负整数`);
  return toSafe(BigInt(text), input);
}

export function rateEquals(a: Rate, b: Rate): boolean {
  return a.num === b.num && a.den === b.den;
}

export function isRate(v: number | Rate): v is Rate {
  return typeof v === 'object';
}
